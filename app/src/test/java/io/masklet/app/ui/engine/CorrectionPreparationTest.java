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
 * The engine prepares a correction of the selected object on a frame it was propagated to
 * once the annotator stays there: not on the prompted frame, not for frames scrubbed past, not
 * while propagating, not for an object without a mask there, and once per stay.
 */
class CorrectionPreparationTest {
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
    t.engine.preparedCorrections.clear();
  }

  @Test
  void stayingOnAPropagatedFramePreparesItsCorrection() {
    t.ws.currentFrameProperty().set(6);
    assertEquals(List.of("f6 o" + obj), t.engine.preparedCorrections);
    t.ws.currentFrameProperty().set(2);
    t.ws.currentFrameProperty().set(1);
    assertEquals(List.of("f6 o" + obj), t.engine.preparedCorrections,
        "the prompted frame and a frame without a mask need nothing");
  }

  @Test
  void framesScrubbedPastStartNothing() {
    t.executor.holdDelayed();
    for (int f = 3; f <= 8; f++) {
      t.ws.currentFrameProperty().set(f);
    }
    assertEquals(List.of(), t.engine.preparedCorrections, "nothing before the dwell time");
    t.executor.runDelayed();
    assertEquals(List.of("f8 o" + obj), t.engine.preparedCorrections);
  }

  @Test
  void aClickDuringTheDwellLeavesNothingToPrepare() {
    t.executor.holdDelayed();
    t.ws.currentFrameProperty().set(5);
    t.vm.editor().addPoint(5, redX(5) + 2, RED_Y + 2, false);
    t.executor.runDelayed();
    assertEquals(List.of(), t.engine.preparedCorrections, "frame 5 is prompted now");
  }

  @Test
  void nothingWhilePropagatingOrWithoutTheEngine() {
    t.ws.propagatingProperty().set(true);
    t.ws.currentFrameProperty().set(7);
    assertEquals(List.of(), t.engine.preparedCorrections);
    t.ws.engineVideoReadyProperty().set(false);
    t.ws.propagatingProperty().set(false);
    assertEquals(List.of(), t.engine.preparedCorrections);
    t.ws.engineVideoReadyProperty().set(true);
    assertEquals(List.of("f7 o" + obj), t.engine.preparedCorrections,
        "prepared once the engine is ready again");
  }
}
