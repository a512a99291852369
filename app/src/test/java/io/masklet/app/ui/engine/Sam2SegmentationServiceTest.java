package io.masklet.app.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.engine.video.FrameSources;
import io.masklet.model.project.PointPrompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real engine behind the workstation's door, on the real bedroom video with the micro
 * fixture checkpoint (random weights: masks are not meaningful, the plumbing is): sizes,
 * prompt bookkeeping, propagation order, limits and cancellation.
 */
class Sam2SegmentationServiceTest {
  static Path shared = Path.of(System.getProperty("masklet.shared", "../shared"));
  static Path ckpt = shared.resolve("fixtures/sam2.1_hiera_micro/checkpoint.pt");
  static Path video = shared.resolve("data/videos/bedroom.mp4");
  static Sam2SegmentationService svc;
  static final TaskContext NONE = TaskContext.none();

  @BeforeAll
  static void load() throws Exception {
    assumeTrue(Files.isRegularFile(ckpt) && Files.isRegularFile(video),
        "micro fixture checkpoint or bedroom.mp4 absent under " + shared);
    svc = new Sam2SegmentationService();
    ModelInfo info = svc.loadCheckpoint(ckpt, null, NONE);
    assertEquals(256, info.imageSize(), "config.yaml next to the checkpoint was found");
    svc.openVideo(FrameSources.open(video), NONE);
  }

  @BeforeEach
  void reset() throws Exception {
    svc.resetState(NONE);
  }

  @AfterAll
  static void close() {
    if (svc != null) {
      svc.close();
    }
  }

  @Test
  void aFramePreparedAheadGivesTheSameCorrectionAsAnUnpreparedOne() throws Exception {
    FramePrompts correction = FramePrompts.EMPTY.withPoint(new PointPrompt(300, 200, false));
    Prediction[] results = new Prediction[2];
    for (int run = 0; run < 2; run++) {
      svc.resetState(NONE);
      svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
      svc.propagate(0, Direction.FORWARD, 3, (f, preds, done, total) -> {}, NONE);
      if (run == 1) {
        assertFalse(svc.prepareFrame(2, 7, NONE), "frame 2 is encoded and there is no object 7");
        assertTrue(svc.prepareFrame(5, 1, NONE), "frame 5 was not encoded yet");
        assertFalse(svc.prepareFrame(5, 1, NONE), "encoded, and object 1 was not tracked there");
        assertTrue(svc.prepareFrame(2, 1, NONE), "a correction of object 1 on frame 2");
      }
      results[run] = svc.predict(2, 1, correction, NONE);
    }
    assertEquals(results[0].mask().toCompressedString(), results[1].mask().toCompressedString());
    assertEquals(results[0].objectScore(), results[1].objectScore());
  }

  @Test
  void rehearsedClicksStopWhenCancelledAndLeaveTheNextMaskAsItWas() throws Exception {
    FramePrompts click = FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true));
    Prediction before = svc.predict(0, 1, click, NONE);
    svc.resetState(NONE);
    int lastFrame;
    try (var source = FrameSources.open(video)) {
      lastFrame = source.frameCount() - 1;
    }
    assertEquals(0, svc.rehearsedClicks());
    assertFalse(svc.rehearseClicks(lastFrame, NONE), "a frame never encoded is not rehearsed");
    assertEquals(0, svc.rehearsedClicks());
    int[] polls = {0};
    TaskContext cancelledAtTheThirdPoll = TaskContext.cancelledWhen(() -> ++polls[0] > 2);
    assertFalse(svc.rehearseClicks(0, cancelledAtTheThirdPoll));
    assertEquals(2, svc.rehearsedClicks());
    assertTrue(svc.rehearseClicks(0, NONE));
    int rehearsed = svc.rehearsedClicks();
    assertTrue(rehearsed >= RehearsalPolicy.MIN && rehearsed <= RehearsalPolicy.MAX, "" + rehearsed);
    assertTrue(svc.rehearseClicks(0, cancelledAtTheThirdPoll), "done: nothing more to run");
    assertEquals(rehearsed, svc.rehearsedClicks());
    Prediction after = svc.predict(0, 1, click, NONE);
    assertEquals(before.mask().toCompressedString(), after.mask().toCompressedString());
    assertEquals(before.objectScore(), after.objectScore());
  }

  @Test
  void clickGivesAFullSizeMaskAndPropagationStreamsFramesInOrder() throws Exception {
    Prediction p = svc.predict(0, 1, FramePrompts.EMPTY.withPoint(
        new PointPrompt(480, 270, true)), NONE);
    assertEquals(960, p.mask().width());
    assertEquals(540, p.mask().height());
    assertFalse(Float.isNaN(p.objectScore()));

    List<Integer> order = new ArrayList<>();
    svc.propagate(0, Direction.FORWARD, 3, (f, preds, done, total) -> {
      order.add(f);
      assertEquals(4, total);
      assertEquals(1, preds.size());
      assertEquals(960, preds.get(0).mask().width());
    }, NONE);
    assertEquals(List.of(0, 1, 2, 3), order);

    order.clear();
    svc.propagate(2, Direction.BOTH, 1, (f, preds, done, total) -> order.add(f), NONE);
    assertEquals(List.of(2, 3, 2, 1), order, "forward then backward from the start frame");
  }

  @Test
  void propagatingOneObjectStreamsOnlyItsMasks() throws Exception {
    svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    svc.predict(0, 2, FramePrompts.EMPTY.withPoint(new PointPrompt(200, 100, true)), NONE);
    List<Integer> objects = new ArrayList<>();
    svc.propagate(0, Direction.FORWARD, 2, java.util.Set.of(2),
        (f, preds, done, total) -> preds.forEach(p -> objects.add(p.objectId())), NONE);
    assertEquals(List.of(2, 2, 2), objects);
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> svc.propagate(0, Direction.FORWARD, 2, java.util.Set.of(5),
            (f, preds, done, total) -> { }, NONE));
    assertEquals("nothing to propagate for object 5: it has no prompts in the engine",
        e.getMessage());
  }

  @Test
  void anEmptyMaskPromptMarksTheObjectAbsentOnItsFrame() throws Exception {
    svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    // what the workstation sends when the annotator erases the whole mask or presses X
    svc.setMaskPrompt(2, 1, io.masklet.model.rle.Rle.empty(540, 960), NONE);
    List<Prediction> got = new ArrayList<>();
    svc.propagate(0, Direction.FORWARD, 3, (f, preds, done, total) -> got.addAll(preds), NONE);
    Prediction atMark = got.stream().filter(p -> p.frame() == 2).findFirst().orElseThrow();
    assertTrue(atMark.mask().isEmpty(), "no pixels on the frame marked absent");
    // SAM 2 turns an all-zero mask prompt into object-score logit -10 (not appearing)
    assertEquals(-10f, atMark.objectScore(), 1e-6f);
  }

  @Test
  void markingAbsentAFramePropagationReachedHoldsThroughTheNextPropagation() throws Exception {
    svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    svc.propagate(0, Direction.FORWARD, 4, (f, preds, done, total) -> { }, NONE);
    // the annotator sees the object on frame 2 where it is not, and presses X there
    svc.setMaskPrompt(2, 1, io.masklet.model.rle.Rle.empty(540, 960), NONE);
    List<Prediction> again = new ArrayList<>();
    svc.propagate(0, Direction.FORWARD, 4, (f, preds, done, total) -> again.addAll(preds), NONE);
    Prediction atMark = again.stream().filter(p -> p.frame() == 2).findFirst().orElseThrow();
    assertTrue(atMark.mask().isEmpty(), "the mark is a conditioning frame, not recomputed");
    assertEquals(-10f, atMark.objectScore(), 1e-6f);
  }

  @Test
  void aCorrectionClickOnATrackedFrameIsKeptByTheNextPropagation() throws Exception {
    svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    svc.propagate(0, Direction.FORWARD, 3, (f, preds, done, total) -> { }, NONE);
    Prediction corrected = svc.predict(2, 1,
        FramePrompts.EMPTY.withPoint(new PointPrompt(300, 200, false)), NONE);
    List<Prediction> again = new ArrayList<>();
    svc.propagate(0, Direction.FORWARD, 3, (f, preds, done, total) -> again.addAll(preds), NONE);
    Prediction at2 = again.stream().filter(p -> p.frame() == 2).findFirst().orElseThrow();
    assertEquals(corrected.mask(), at2.mask(), "propagation returns the corrected mask");
    assertEquals(corrected.objectScore(), at2.objectScore());
  }

  @Test
  void forgottenTrackingIsAsIfTheFramesWereNeverTracked() throws Exception {
    FramePrompts click = FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true));
    // the annotator propagated 0..3, undid it, and propagates again from frame 3
    svc.predict(0, 1, click, NONE);
    svc.propagate(0, Direction.FORWARD, 3, (f, preds, done, total) -> { }, NONE);
    svc.forgetTracking(1, java.util.Set.of(1, 2, 3), NONE).close();
    List<Prediction> afterUndo = new ArrayList<>();
    svc.propagate(3, Direction.FORWARD, 1, (f, preds, d, t) -> afterUndo.addAll(preds), NONE);

    // the same propagation when frames 1..3 were never tracked
    svc.resetState(NONE);
    svc.predict(0, 1, click, NONE);
    List<Prediction> fresh = new ArrayList<>();
    svc.propagate(3, Direction.FORWARD, 1, (f, preds, d, t) -> fresh.addAll(preds), NONE);

    assertEquals(2, fresh.size());
    for (int i = 0; i < fresh.size(); i++) {
      assertEquals(fresh.get(i).frame(), afterUndo.get(i).frame());
      assertEquals(fresh.get(i).objectScore(), afterUndo.get(i).objectScore(),
          "object score on frame " + fresh.get(i).frame());
      assertEquals(fresh.get(i).mask(), afterUndo.get(i).mask());
    }
  }

  @Test
  void restoredTrackingGivesTheSameCorrectionAndPropagationAsIfNeverUndone() throws Exception {
    List<Prediction> kept = correctAfterPropagating(false);
    List<Prediction> redone = correctAfterPropagating(true);
    assertEquals(kept.size(), redone.size());
    for (int i = 0; i < kept.size(); i++) {
      assertEquals(kept.get(i).frame(), redone.get(i).frame());
      assertEquals(kept.get(i).objectScore(), redone.get(i).objectScore(),
          "object score on frame " + kept.get(i).frame());
      assertEquals(kept.get(i).mask(), redone.get(i).mask(), "mask on frame " + kept.get(i).frame());
    }
  }

  /**
   * A click on frame 0 and a propagation over 0..9 (frames 1 and 2 fall out of the memory
   * window and are spilled to disk); with {@code undoRedo} the engine then forgets frames 1..9
   * and gets them back (an undone propagation, redone). Returns a correction on frame 2 and a
   * propagation from frame 9 over 3 frames.
   */
  private static List<Prediction> correctAfterPropagating(boolean undoRedo) throws Exception {
    svc.resetState(NONE);
    svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    svc.propagate(0, Direction.FORWARD, 9, (f, preds, done, total) -> { }, NONE);
    if (undoRedo) {
      ForgottenTracking forgotten = svc.forgetTracking(1,
          new java.util.TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)), NONE);
      assertEquals(9, svc.restoreTracking(forgotten, NONE));
    }
    List<Prediction> out = new ArrayList<>();
    out.add(svc.predict(2, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(300, 200, false)),
        NONE));
    svc.propagate(9, Direction.FORWARD, 2, (f, preds, d, t) -> out.addAll(preds), NONE);
    return out;
  }

  @Test
  void closingForgottenTrackingFreesItsArrays() throws Exception {
    svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    svc.propagate(0, Direction.FORWARD, 9, (f, preds, done, total) -> { }, NONE);
    int live = svc.liveArrays();
    ForgottenTracking forgotten = svc.forgetTracking(1, java.util.Set.of(1, 2, 3, 4, 5), NONE);
    assertEquals(live, svc.liveArrays(), "kept for the redo: moved, not freed");
    forgotten.close();
    assertTrue(svc.liveArrays() < live, svc.liveArrays() + " arrays, " + live + " before");
    assertEquals(0, svc.restoreTracking(forgotten, NONE), "nothing left to give back");
  }

  @Test
  void aRedoAfterAnEngineResetRestoresNothing() throws Exception {
    FramePrompts click = FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true));
    svc.predict(0, 1, click, NONE);
    svc.propagate(0, Direction.FORWARD, 3, (f, preds, done, total) -> { }, NONE);
    ForgottenTracking forgotten = svc.forgetTracking(1, java.util.Set.of(1, 2, 3), NONE);
    svc.resetState(NONE);
    svc.predict(0, 1, click, NONE);
    int live = svc.liveArrays();
    assertEquals(0, svc.restoreTracking(forgotten, NONE));
    assertTrue(svc.liveArrays() < live, "the stale memory was freed, not put back");
  }

  @Test
  void whetherAModelIsLoadedIsAnsweredWhileAPropagationRuns() throws Exception {
    // the UI thread asks on every frame change; waiting for the engine's lock froze the window
    // for the whole propagation
    svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    List<Boolean> answers = new ArrayList<>();
    svc.propagate(0, Direction.FORWARD, 2, (f, preds, done, total) -> {
      try {
        answers.add(java.util.concurrent.CompletableFuture.supplyAsync(svc::isLoaded)
            .get(10, java.util.concurrent.TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new AssertionError("isLoaded() blocked behind the propagation on frame " + f, e);
      }
    }, NONE);
    assertEquals(List.of(true, true, true), answers);
  }

  @Test
  void undoingTheOnlyPromptLeavesNothingToPropagate() throws Exception {
    svc.predict(5, 7, FramePrompts.EMPTY.withPoint(new PointPrompt(100, 100, true)), NONE);
    svc.clearPrompts(5, 7, NONE);
    // object 7 left the engine with its last prompt, so propagation refuses cleanly
    java.io.IOException e = assertThrows(java.io.IOException.class, () ->
        svc.propagate(5, Direction.FORWARD, 1, (f, preds, d, t) -> { }, NONE));
    assertTrue(e.getMessage().startsWith("nothing to propagate"), e.getMessage());
  }

  @Test
  void cancellationStopsAfterTheCurrentFrame() throws Exception {
    svc.predict(0, 2, FramePrompts.EMPTY.withPoint(new PointPrompt(300, 200, true)), NONE);
    boolean[] cancelled = {false};
    TaskContext ctx = TaskContext.cancelledWhen(() -> cancelled[0]);
    List<Integer> seen = new ArrayList<>();
    assertThrows(CancellationException.class, () -> svc.propagate(0, Direction.FORWARD, 0,
        (f, preds, d, t) -> {
          seen.add(f);
          cancelled[0] = f == 1;
        }, ctx));
    assertEquals(List.of(0, 1), seen);
    assertNotNull(svc.model());
    assertTrue(svc.model().device().startsWith("CPU"));
  }

  @Test
  void correctionFarBehindThePropagationHeadWorksWithBoundedMemory() throws Exception {
    svc.predict(0, 3, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
    // past the predictor's feature cache and memory window, so frame 2's memory is evicted
    svc.propagate(0, Direction.FORWARD, 30, (f, preds, d, t) -> { }, NONE);
    Prediction fix = svc.predict(2, 3, FramePrompts.EMPTY.withPoint(
        new PointPrompt(200, 150, false)), NONE);
    assertEquals(960, fix.mask().width());
    List<Integer> order = new ArrayList<>();
    svc.propagate(2, Direction.FORWARD, 2, (f, preds, d, t) -> order.add(f), NONE);
    assertEquals(List.of(2, 3, 4), order);
  }

  @Test
  void clicksUseEveryThreadAndPropagationLeavesOneToTheUiWhileTheAnnotatorMoves()
      throws Exception {
    int before = JniUtils.getNumThreads();
    List<Integer> applied = new ArrayList<>();
    AtomicBoolean moving = new AtomicBoolean();
    EngineThreads threads = new EngineThreads(() -> 2, moving::get, n -> {
      applied.add(n);
      JniUtils.setNumThreads(n);
    });
    Sam2SegmentationService own = new Sam2SegmentationService(FeatureDiskCache::off, threads);
    try {
      own.loadCheckpoint(ckpt, null, NONE);
      own.openVideo(FrameSources.open(video), NONE);
      assertEquals(2, JniUtils.getNumThreads(), "the first frame is encoded while the user waits");
      own.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
      List<Integer> during = new ArrayList<>();
      own.propagate(0, Direction.FORWARD, 3, (f, preds, d, t) -> {
        during.add(JniUtils.getNumThreads()); // what frame f ran with, on the engine's thread
        moving.set(f == 1); // the annotator scrubs after frame 1 arrives, then stops
      }, NONE);
      assertEquals(List.of(2, 2, 1, 2), during);
      own.prepareFrame(5, 1, NONE);
      assertEquals(2, JniUtils.getNumThreads(), "a preparation for the frame looked at");
      assertEquals(List.of(2, 2, 2, 2, 2, 1, 2, 2, 2), applied,
          "load, open, click, propagation start and after frames 0-3, prepare");
    } finally {
      own.close();
      JniUtils.setNumThreads(before);
    }
  }
}
