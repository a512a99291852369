package io.masklet.app.ui.engine;

import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.testing.TestWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine prepares the frame the annotator stays on, for the selected object: not for frames
 * scrubbed past, not while propagating or before the engine has the video, and a preparation
 * whose turn comes after the annotator moved on is skipped.
 */
class FramePreparationTest {
  @TempDir Path tmp;
  TestWorkspace t;
  int obj;

  @BeforeEach
  void clickOnFrameTwoAndPropagate() throws Exception {
    t = new TestWorkspace(tmp, 64, 48, 10).openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    t.ws.currentFrameProperty().set(2);
    t.vm.editor().addPoint(2, redX(2) + 2, RED_Y + 2, true);
    obj = t.ws.selectedObjectIdProperty().get();
    t.vm.propagation().propagate(Direction.FORWARD);
    t.engine.preparedFrames.clear();
  }

  @Test
  void stayingOnAFramePreparesItForTheSelectedObject() {
    int before = t.vm.framePreparation().preparedCount();
    t.ws.currentFrameProperty().set(6);
    assertEquals(List.of("f6 o" + obj), t.engine.preparedFrames);
    t.ws.selectedObjectIdProperty().set(0);
    assertEquals(List.of("f6 o" + obj, "f6 o0"), t.engine.preparedFrames,
        "without a selected object the frame is still encoded");
    assertEquals(before + 2, t.vm.framePreparation().preparedCount());
  }

  @Test
  void afterPreparationsTheEngineRehearsesClicksUntilItWantsNoMore() throws Exception {
    Files.createDirectories(tmp.resolve("second"));
    TestWorkspace w = new TestWorkspace(tmp.resolve("second"), 64, 48, 10);
    w.engine.rehearsalsUntilDone = 3;
    w.openWithModel(Files.createFile(tmp.resolve("second").resolve("v.mp4")));
    assertEquals(List.of(0), w.engine.rehearsedFrames, "the frame shown when the video opened");
    w.ws.currentFrameProperty().set(4);
    w.ws.currentFrameProperty().set(5);
    assertEquals(List.of(0, 4, 5), w.engine.rehearsedFrames);
    assertEquals(true, w.vm.framePreparation().rehearsalDone());
    w.ws.currentFrameProperty().set(6);
    assertEquals(List.of(0, 4, 5), w.engine.rehearsedFrames, "no rehearsal once it is done");
    assertEquals(List.of("f0 o0", "f4 o0", "f5 o0", "f6 o0"), w.engine.preparedFrames);
  }

  @Test
  void framesScrubbedPastStartNothing() {
    t.executor.holdDelayed();
    for (int f = 3; f <= 8; f++) {
      t.ws.currentFrameProperty().set(f);
    }
    assertEquals(List.of(), t.engine.preparedFrames, "nothing before the dwell time");
    t.executor.runDelayed();
    assertEquals(List.of("f8 o" + obj), t.engine.preparedFrames);
  }

  @Test
  void aPreparationWhoseFrameWasLeftIsSkipped() {
    t.executor.holdDelayed();
    t.ws.currentFrameProperty().set(5);
    t.ws.propagatingProperty().set(true); // the dwell timer of frame 5 is cancelled
    t.executor.runDelayed();
    assertEquals(List.of(), t.engine.preparedFrames);
  }

  @Test
  void theFrameShownWhenTheEngineGetsTheVideoIsPreparedWithoutTheDwell() {
    t.executor.holdDelayed();
    t.ws.currentFrameProperty().set(3);
    t.ws.engineVideoReadyProperty().set(false);
    t.ws.engineVideoReadyProperty().set(true);
    assertEquals(List.of("f3 o" + obj), t.engine.preparedFrames,
        "prepared at once, not after the dwell time");
    t.ws.currentFrameProperty().set(4);
    assertEquals(List.of("f3 o" + obj), t.engine.preparedFrames, "a frame change waits for it");
    t.executor.runDelayed();
    assertEquals(List.of("f3 o" + obj, "f4 o" + obj), t.engine.preparedFrames);
  }

  @Test
  void nothingWhilePropagatingOrBeforeTheEngineHasTheVideo() {
    t.ws.propagatingProperty().set(true);
    t.ws.currentFrameProperty().set(7);
    assertEquals(List.of(), t.engine.preparedFrames);
    t.ws.engineVideoReadyProperty().set(false);
    t.ws.propagatingProperty().set(false);
    assertEquals(List.of(), t.engine.preparedFrames);
    t.ws.engineVideoReadyProperty().set(true);
    assertEquals(List.of("f7 o" + obj), t.engine.preparedFrames,
        "prepared once the engine has the video again");
  }
}
