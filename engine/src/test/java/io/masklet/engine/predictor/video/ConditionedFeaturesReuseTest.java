package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.video.FrameSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Correction clicks on a tracked frame reuse the frame's memory-conditioned features while the
 * object's memory bank is unchanged (micro model, synthetic video). Checked against a predictor
 * that runs memory attention on every click: every logit and mask is the same to the bit,
 * through clicks on other frames, a second object, forward and reverse re-propagations (which
 * change the bank and must invalidate what was kept), and exactly the clicks that could reuse
 * did.
 */
class ConditionedFeaturesReuseTest {
  private record Run(List<float[]> logits, List<String> masks, long reused) {}

  @Test
  void correctionClicksReuseMemoryAttentionWithBitIdenticalResults() throws Exception {
    VideoTestModels.withMicroModel(24, (loaded, m, video) -> {
      Run reuse = run(loaded, m, video, new SAM2VideoPredictor.Settings(8, true));
      Run fresh = run(loaded, m, video,
          new SAM2VideoPredictor.Settings(8, true).withoutConditionedFeatureReuse());
      assertEquals(fresh.logits().size(), reuse.logits().size());
      for (int i = 0; i < fresh.logits().size(); i++) {
        assertArrayEquals(fresh.logits().get(i), reuse.logits().get(i), "logits " + i);
      }
      assertEquals(fresh.masks(), reuse.masks());
      assertEquals(0, fresh.reused());
      // on frame 10 the second and third clicks, the second after the reverse pass and the
      // second after the forward one; on frame 18 the second
      assertEquals(5, reuse.reused());
    });
  }

  @Test
  void preparedCorrectionMakesTheFirstClickReuseWithIdenticalResults() throws Exception {
    VideoTestModels.withMicroModel(30, (loaded, m, video) -> {
      List<float[]> results = new ArrayList<>();
      for (boolean prepare : new boolean[] {false, true}) {
        // 4 frames of features and a bounded bank: preparing frame 3 reads spilled memory back
        SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, true));
        try (InferenceState s = p.initState(video, m)) {
          p.addNewPointsOrBox(s, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
          p.propagate(s, null, null, false, r -> {}, null);
          if (prepare) {
            assertEquals(false, p.prepareCorrection(s, 3, 2), "no such object");
            p.addNewPointsOrBox(s, 20, 2, new float[][] {{40, 10}}, new int[] {1}, null, true);
            assertEquals(false, p.prepareCorrection(s, 3, 2), "object 2 is not tracked on frame 3");
            assertEquals(true, p.prepareCorrection(s, 3, 1));
            assertEquals(true, p.prepareCorrection(s, 3, 1), "kept: nothing to compute");
          } else {
            p.addNewPointsOrBox(s, 20, 2, new float[][] {{40, 10}}, new int[] {1}, null, true);
          }
          var click = p.addNewPointsOrBox(s, 3, 1, new float[][] {{30, 30}}, new int[] {0}, null, false);
          assertEquals(prepare ? 1 : 0, s.conditioningReused());
          results.add(click.masks().get(0).lowResLogits());
        }
      }
      assertArrayEquals(results.get(0), results.get(1));
    });
  }

  @Test
  void aFrameEncodedAheadIsNotEncodedAgainByTheClick() throws Exception {
    VideoTestModels.withMicroModel(12, (loaded, m, video) -> {
      SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, true));
      try (InferenceState s = p.initState(video, m)) {
        assertEquals(1, s.featureCache().misses(), "frame 0 at init");
        assertEquals(true, p.encodeFrame(s, 7));
        assertEquals(false, p.encodeFrame(s, 7), "cached");
        assertEquals(false, p.encodeFrame(s, 0), "cached at init");
        p.addNewPointsOrBox(s, 7, 1, new float[][] {{30, 20}}, new int[] {1}, null, true);
        assertEquals(2, s.featureCache().misses(), "the click found frame 7 encoded");
      }
    });
  }

  @Test
  void repeatedCorrectionsKeepOneCopyOfTheFeaturesAndResetFreesIt() throws Exception {
    VideoTestModels.withMicroModel(12, (loaded, m, video) -> {
      SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(16, true));
      try (InferenceState state = p.initState(video, m)) {
        p.addNewPointsOrBox(state, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
        p.propagate(state, null, null, false, r -> {}, null);
        p.resetState(state);
        int featuresOnly = managed(state.manager);

        p.addNewPointsOrBox(state, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
        p.propagate(state, null, null, false, r -> {}, null);
        int afterSecond = 0;
        for (int i = 0; i < 20; i++) {
          p.addNewPointsOrBox(state, 6, 1, new float[][] {{10 + i, 30}}, new int[] {i % 2}, null,
              i % 5 == 0);
          if (i == 1) {
            afterSecond = managed(state.manager);
          }
        }
        assertEquals(19, state.conditioningReused());
        assertEquals(afterSecond, managed(state.manager), "arrays held after 20 clicks");
        p.resetState(state);
        assertEquals(featuresOnly, managed(state.manager), "arrays held after a reset");
      }
    });
  }

  /** Clicks, corrections and propagations of two objects; every mask the predictor returned. */
  private static Run run(VideoTestModels.Loaded loaded, NDManager m, FrameSource video,
      SAM2VideoPredictor.Settings settings) {
    SAM2VideoPredictor p = VideoTestModels.predictor(loaded, settings);
    List<float[]> logits = new ArrayList<>();
    List<String> masks = new ArrayList<>();
    try (InferenceState s = p.initState(video, m)) {
      PropagationListener collect = r -> r.objects().forEach(o -> {
        logits.add(o.lowResLogits());
        masks.add(r.frameIdx() + ":" + o.objId() + ":" + o.mask().toCompressedString());
      });
      List<SAM2VideoPredictor.PromptResult> clicks = new ArrayList<>();
      clicks.add(p.addNewPointsOrBox(s, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true));
      p.propagate(s, null, null, false, collect, null);
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{30, 30}}, new int[] {0}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{36, 20}}, new int[] {1}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{50, 40}}, new int[] {0}, null, false));
      // frames 9..4, which frame 10's memory reads, are tracked again in reverse: new values
      p.propagate(s, 9, 5, true, collect, null);
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{34, 22}}, new int[] {1}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{12, 12}}, new int[] {0}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 5, 2, new float[][] {{40, 10}}, new int[] {1}, null, true));
      clicks.add(p.addNewPointsOrBox(s, 14, 1, new float[][] {{20, 30}}, new int[] {0}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{36, 24}}, new int[] {1}, null, false));
      p.propagate(s, 10, 6, false, collect, null);
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{30, 26}}, new int[] {0}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 10, 1, new float[][] {{36, 22}}, new int[] {1}, null, false));
      p.propagate(s, 20, 5, true, collect, null);
      clicks.add(p.addNewPointsOrBox(s, 18, 2, new float[][] {{44, 12}}, new int[] {0}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 18, 2, new float[][] {{40, 14}}, new int[] {1}, null, false));
      for (SAM2VideoPredictor.PromptResult c : clicks) {
        for (ObjectMask o : c.masks()) {
          if (o.lowResLogits() != null) {
            logits.add(o.lowResLogits());
          }
          masks.add(c.frameIdx() + ":" + o.objId() + ":" + o.mask().toCompressedString());
        }
      }
      return new Run(logits, masks, s.conditioningReused());
    }
  }

  private static int managed(NDManager m) {
    return ((BaseNDManager) m).getManagedArrays().size();
  }
}
