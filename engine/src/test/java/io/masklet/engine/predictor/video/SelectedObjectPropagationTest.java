package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.video.FrameSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Propagating one object alone gives it the masks a propagation of all objects gives it (low-res
 * logits within 1e-4), and leaves the other objects' tracking state exactly as it was (bit for
 * bit). Micro fixture model, 24-frame synthetic video, bounded memory with eviction.
 */
class SelectedObjectPropagationTest {
  private static final int FRAMES = 24;

  @Test
  void correctedObjectPropagatedAloneGetsTheMasksOfAnAllObjectsRun() throws Exception {
    VideoTestModels.withMicroModel(FRAMES, (loaded, m, video) -> {
      Map<String, float[]> all = run(loaded, m, video, null);
      Map<String, float[]> alone = run(loaded, m, video, Set.of(2));
      assertEquals(keys(all, 2), keys(alone, 2), "object 2's re-propagated frames");
      assertTrue(keys(alone, 1).isEmpty() && keys(alone, 3).isEmpty(),
          "only object 2 is reported: " + alone.keySet());
      for (String k : keys(all, 2)) {
        // the all-objects run decodes the three objects as one batch, which moves the last
        // bits of some logits; the official loop decodes each object alone, like this run
        assertArrayEquals(all.get(k), alone.get(k), 1e-4f, k);
      }
    });
  }

  @Test
  void objectsLeftOutTrackAsIfTheSelectedRunHadNotHappened() throws Exception {
    VideoTestModels.withMicroModel(FRAMES, (loaded, m, video) -> {
      Map<String, float[]> reference = afterwardsAll(loaded, m, video, false);
      Map<String, float[]> withAloneRunBetween = afterwardsAll(loaded, m, video, true);
      assertEquals(reference.keySet(), withAloneRunBetween.keySet());
      for (String k : reference.keySet()) {
        assertArrayEquals(reference.get(k), withAloneRunBetween.get(k), k);
      }
    });
  }

  @Test
  void anObjectWithoutInputsIsNamed() throws Exception {
    VideoTestModels.withMicroModel(4, (loaded, m, video) -> {
      SAM2VideoPredictor p = predictor(loaded);
      try (InferenceState state = p.initState(video, m)) {
        p.addNewPointsOrBox(state, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> p.propagate(state, Set.of(7), 0, null, false, r -> {}, null));
        assertTrue(e.getMessage().contains("object id 7"), e.getMessage());
      }
    });
  }

  /**
   * Three objects prompted (1 and 2 on frame 0, 3 on frame 2), all propagated forward; then a
   * negative click corrects object 2 on frame 9 and the video is re-propagated from there,
   * with every object or only {@code only}. Returns the re-propagation's low-res logits by
   * "object@frame".
   */
  private static Map<String, float[]> run(VideoTestModels.Loaded loaded, NDManager m,
      FrameSource video, Set<Integer> only) {
    SAM2VideoPredictor p = predictor(loaded);
    try (InferenceState state = p.initState(video, m)) {
      prompt(p, state);
      p.propagate(state, null, null, false, r -> {}, null);
      p.addNewPointsOrBox(state, 9, 2, new float[][] {{40, 30}}, new int[] {0}, null, false);
      Map<String, float[]> out = new TreeMap<>();
      p.propagate(state, only, 9, null, false, r -> record(r, out), null);
      assertTrue(state.spilledBytes() > 0, "bounded memory evicted frames along the way");
      return out;
    }
  }

  /**
   * Prompts, then (with {@code aloneRunBetween}) object 2 propagated alone through the video
   * (the others not tracked meanwhile), then all objects propagated forward from frame 0 and back from frame 20. Returns that
   * last run's logits by "object@frame".
   */
  private static Map<String, float[]> afterwardsAll(VideoTestModels.Loaded loaded, NDManager m,
      FrameSource video, boolean aloneRunBetween) {
    SAM2VideoPredictor p = predictor(loaded);
    try (InferenceState state = p.initState(video, m)) {
      prompt(p, state);
      if (aloneRunBetween) {
        p.propagate(state, Set.of(2), null, null, false, r -> {}, null);
        assertTrue(state.object(2).memory().nonCond().size() > 0, "object 2 was tracked");
        assertTrue(state.object(1).memory().nonCond().isEmpty()
            && state.object(3).memory().nonCond().isEmpty(), "the others were not tracked");
      }
      Map<String, float[]> out = new TreeMap<>();
      p.propagate(state, null, 0, null, false, r -> record(r, out), null);
      p.propagate(state, null, 20, null, true, r -> record(r, out), null);
      return out;
    }
  }

  private static SAM2VideoPredictor predictor(VideoTestModels.Loaded loaded) {
    return VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, true));
  }

  private static void prompt(SAM2VideoPredictor p, InferenceState state) {
    p.addNewPointsOrBox(state, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
    p.addNewPointsOrBox(state, 0, 2, new float[][] {{40, 30}, {50, 10}}, new int[] {1, 1}, null,
        true);
    p.addNewPointsOrBox(state, 2, 3, null, null, new float[] {20, 10, 44, 40}, true);
  }

  private static void record(FrameResult r, Map<String, float[]> out) {
    for (ObjectMask o : r.objects()) {
      out.put(o.objId() + "@" + r.frameIdx() + (out.containsKey(o.objId() + "@" + r.frameIdx())
          ? "'" : ""), o.lowResLogits());
    }
  }

  private static List<String> keys(Map<String, float[]> outputs, int objId) {
    List<String> k = new ArrayList<>();
    for (String key : outputs.keySet()) {
      if (key.startsWith(objId + "@")) {
        k.add(key);
      }
    }
    return k;
  }
}
