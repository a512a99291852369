package io.masklet.app.ui.timeline;

import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineViewModelTest {
  @TempDir Path tmp;
  TestWorkspace t;
  TimelineViewModel tl;

  @BeforeEach
  void open() throws Exception {
    t = new TestWorkspace(tmp, 64, 48, 20).openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    tl = t.vm.timeline();
  }

  @Test
  void stepsClampToTheVideo() {
    assertEquals(20, tl.frameCountProperty().get());
    tl.step(-1);
    assertEquals(0, t.ws.currentFrame());
    tl.step(10);
    tl.step(10);
    assertEquals(19, t.ws.currentFrame());
    tl.first();
    assertEquals(0, t.ws.currentFrame());
  }

  @Test
  void lanesMarkPromptedPropagatedEditedAndAbsentFrames() {
    t.ws.currentFrameProperty().set(2);
    t.vm.editor().addPoint(2, redX(2) + 1, RED_Y + 1, true);
    int id = t.ws.selectedObjectIdProperty().get();
    t.vm.propagation().propagate(Direction.FORWARD);
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(5, 40, 2, true);
    t.vm.editor().commitMaskEdit(10, id, paint, "Paint");
    assertEquals(LaneMark.NONE, tl.mark(id, 0, 1));
    assertEquals(LaneMark.PROMPTED, tl.mark(id, 2, 3));
    assertEquals(LaneMark.PROPAGATED, tl.mark(id, 5, 6));
    // a painted frame is also a (mask) prompt: shown as prompted
    assertEquals(LaneMark.PROMPTED, tl.mark(id, 10, 11));
    assertEquals(LaneMark.PROMPTED, tl.mark(id, 0, 20), "a column spanning frames shows the strongest");
  }

  @Test
  void absentFramesAreMarkedAbsent() throws Exception {
    TestWorkspace wide = new TestWorkspace(tmp, 40, 48, 30).openWithModel(tmp.resolve("v.mp4"));
    wide.vm.editor().addPoint(0, redX(0) + 1, RED_Y + 1, true);
    int id = wide.ws.selectedObjectIdProperty().get();
    wide.vm.propagation().propagate(Direction.FORWARD);
    // the red square has left a 40-pixel-wide frame by frame 20
    assertEquals(LaneMark.ABSENT, wide.vm.timeline().mark(id, 25, 26));
    assertEquals(LaneMark.PROPAGATED, wide.vm.timeline().mark(id, 3, 4));
  }

  @Test
  void keyFrameNavigationJumpsBetweenPromptedFrames() {
    t.vm.editor().addPoint(3, redX(3) + 1, RED_Y + 1, true);
    t.vm.editor().addPoint(12, redX(12) + 1, RED_Y + 1, true);
    tl.nextKeyFrame();
    assertEquals(3, t.ws.currentFrame());
    tl.nextKeyFrame();
    assertEquals(12, t.ws.currentFrame());
    tl.previousKeyFrame();
    assertEquals(3, t.ws.currentFrame());
  }

  @Test
  void playbackAdvancesOnlyWhenTheShownFrameCaughtUp() {
    tl.togglePlay();
    assertTrue(tl.playingProperty().get());
    long period = (long) (1e9 / 25);
    tl.tick(period);
    assertEquals(1, t.ws.currentFrame());
    tl.tick(period + 1000);
    assertEquals(1, t.ws.currentFrame(), "too early for the next frame");
    tl.tick(3 * period);
    assertEquals(2, t.ws.currentFrame());
    tl.last();
    tl.tick(10 * period);
    assertFalse(tl.playingProperty().get(), "stops at the end");
  }

  @Test
  void thumbnailsAreDownscaledAndCached() {
    AtomicReference<RgbFrame> ready = new AtomicReference<>();
    RgbFrame first = tl.thumbnail(5, ready::set);
    assertNotNull(ready.get(), "decoded (synchronously in tests) and announced");
    assertEquals(first == null ? ready.get() : first, tl.thumbnail(5, r -> { }));
    assertEquals(Math.min(TimelineViewModel.THUMB_HEIGHT, 48), ready.get().height());
    assertEquals(4, tl.thumbnailFrames(400, 100).size());
  }
}
