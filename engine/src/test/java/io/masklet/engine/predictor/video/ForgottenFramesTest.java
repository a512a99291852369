package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.tracking.FrameOutput;
import io.masklet.engine.video.FrameSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Forgetting tracked frames (an undone propagation) and restoring them (its redo) leaves the
 * session as if they had never been forgotten (micro model, 40-frame synthetic video, a bank
 * bounded to 4 frames of features so most tracked outputs are spilled to disk): corrections and
 * re-propagations give bit-identical logits; what is forgotten holds its arrays and spill bytes
 * until restored or closed, and closing frees both; a snapshot taken before a reset restores
 * nothing.
 */
class ForgottenFramesTest {
  private static final int FRAMES = 40;
  private static final List<Integer> TRACKED = IntStream.range(1, FRAMES).boxed().toList();

  @Test
  void correctionsAndRePropagationAfterARestoreMatchANeverForgottenSessionBitForBit()
      throws Exception {
    VideoTestModels.withMicroModel(FRAMES, (loaded, m, video) -> {
      for (boolean bounded : new boolean[] {true, false}) {
        List<float[]> kept = annotate(loaded, m, video, bounded, (p, s) -> { });
        List<float[]> restored = annotate(loaded, m, video, bounded, (p, s) -> {
          ForgottenFrames forgotten = p.forgetTrackedFrames(s, 1, TRACKED);
          assertEquals(FRAMES - 1, forgotten.frames().size());
          assertEquals(FRAMES - 1, p.restoreTrackedFrames(s, forgotten));
          assertTrue(forgotten.isEmpty(), "a restore consumes the snapshot");
        });
        List<float[]> forgottenOnly = annotate(loaded, m, video, bounded, (p, s) -> {
          try (ForgottenFrames forgotten = p.forgetTrackedFrames(s, 1, TRACKED)) {
            assertFalse(forgotten.isEmpty());
          }
        });
        assertEquals(kept.size(), restored.size());
        for (int i = 0; i < kept.size(); i++) {
          assertArrayEquals(kept.get(i), restored.get(i), "bounded " + bounded + ", output " + i);
        }
        // the check has teeth: without a restore the corrections are first clicks
        assertNotEquals(0, IntStream.range(0, kept.size())
            .filter(i -> !java.util.Arrays.equals(kept.get(i), forgottenOnly.get(i))).count(),
            "forgetting without a restore changes the results (bounded " + bounded + ")");
      }
    });
  }

  @Test
  void forgottenFramesHoldTheirArraysAndSpillBytesUntilClosed() throws Exception {
    VideoTestModels.withMicroModel(FRAMES, (loaded, m, video) -> {
      SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, true));
      try (InferenceState s = p.initState(video, m)) {
        p.addNewPointsOrBox(s, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
        p.propagate(s, null, null, false, r -> { }, null);
        long spilled = s.spilledBytes();
        assertTrue(spilled > 0, "tracked outputs were spilled to disk");
        int arrays = managed(s.manager);
        int inOutputs = 0;
        for (FrameOutput o : s.object(1).memory().nonCond().values()) {
          inOutputs += arrays(o);
        }

        ForgottenFrames forgotten = p.forgetTrackedFrames(s, 1, TRACKED);
        assertEquals(arrays, managed(s.manager), "moved out of the bank, neither freed nor copied");
        assertEquals(spilled, s.spilledBytes(), "the spill file keeps what the snapshot refers to");
        assertTrue(s.object(1).memory().nonCond().isEmpty());

        forgotten.close();
        assertEquals(arrays - inOutputs, managed(s.manager), "closing frees the outputs");
        assertEquals(0, s.spilledBytes(), "nothing in the spill file is referred to any more");
        forgotten.close();
        assertEquals(0, p.restoreTrackedFrames(s, forgotten), "a closed snapshot holds nothing");
        assertEquals(arrays - inOutputs, managed(s.manager));
      }
    });
  }

  @Test
  void aSnapshotTakenBeforeAResetRestoresNothingAndFreesItself() throws Exception {
    VideoTestModels.withMicroModel(16, (loaded, m, video) -> {
      SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, true));
      try (InferenceState s = p.initState(video, m)) {
        float[][] click = {{8, 20}};
        p.addNewPointsOrBox(s, 0, 1, click, new int[] {1}, null, true);
        p.propagate(s, null, null, false, r -> { }, null);
        int inOutputs = 0;
        for (int f = 1; f <= 5; f++) {
          inOutputs += arrays(s.object(1).memory().nonCond().get(f));
        }
        ForgottenFrames forgotten = p.forgetTrackedFrames(s, 1, List.of(1, 2, 3, 4, 5));
        // the workstation's engine reset (or another video): the same click starts a new track
        p.resetState(s);
        p.addNewPointsOrBox(s, 0, 1, click, new int[] {1}, null, true);
        int arrays = managed(s.manager);
        assertEquals(0, p.restoreTrackedFrames(s, forgotten), "the object's track was replaced");
        assertTrue(s.object(1).memory().nonCond().isEmpty(), "nothing of the old track came back");
        assertTrue(s.object(1).tracked.isEmpty(), "no frame counts as tracked");
        assertEquals(arrays - inOutputs, managed(s.manager), "the stale snapshot freed its arrays");
      }
    });
  }

  @Test
  void aFrameTrackedAgainBeforeTheRestoreKeepsItsNewOutput() throws Exception {
    VideoTestModels.withMicroModel(16, (loaded, m, video) -> {
      SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, true));
      try (InferenceState s = p.initState(video, m)) {
        p.addNewPointsOrBox(s, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
        p.propagate(s, null, null, false, r -> { }, null);
        ForgottenFrames forgotten =
            p.forgetTrackedFrames(s, 1, IntStream.range(1, 16).boxed().toList());
        assertEquals(15, forgotten.frames().size());
        p.propagate(s, 0, 3, false, r -> { }, null);
        FrameOutput newer = s.object(1).memory().nonCond().get(2);
        assertEquals(12, p.restoreTrackedFrames(s, forgotten), "frames 1-3 were tracked again");
        assertTrue(newer == s.object(1).memory().nonCond().get(2), "the newer output is kept");
        assertEquals(16, s.object(1).tracked.cardinality(), "every frame is tracked again");
      }
    });
  }

  /**
   * The annotator's loop on object 1: a click on frame 0 and a propagation through the video;
   * then {@code afterPropagation} (forget, restore); then corrections on a frame whose memory was
   * spilled (10) and one still in memory (36), each followed by a propagation reading the memory
   * around it. Returns the corrections' and the propagated frames' logits.
   */
  private static List<float[]> annotate(VideoTestModels.Loaded loaded, NDManager m,
      FrameSource video, boolean bounded,
      BiConsumer<SAM2VideoPredictor, InferenceState> afterPropagation) {
    SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, bounded));
    List<float[]> out = new ArrayList<>();
    try (InferenceState s = p.initState(video, m)) {
      p.addNewPointsOrBox(s, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
      p.propagate(s, null, null, false, r -> { }, null);
      afterPropagation.accept(p, s);
      for (int frame : new int[] {10, 36}) {
        var click = p.addNewPointsOrBox(s, frame, 1, new float[][] {{30, 30}}, new int[] {0},
            null, false);
        out.add(click.masks().get(0).lowResLogits());
        out.add(new float[] {click.masks().get(0).objectScore()});
      }
      p.propagate(s, 10, 6, false, r -> out.add(r.objects().get(0).lowResLogits()), null);
      p.propagate(s, 36, 3, false, r -> out.add(r.objects().get(0).lowResLogits()), null);
    }
    return out;
  }

  private static int arrays(FrameOutput o) {
    int n = 0;
    for (Object a : new Object[] {o.maskmemFeatures(), o.predMasks(), o.objPtr(), o.objectScoreLogits()}) {
      n += a == null ? 0 : 1;
    }
    return n;
  }

  private static int managed(NDManager m) {
    return ((BaseNDManager) m).getManagedArrays().size();
  }
}
