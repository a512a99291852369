package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.video.FrameSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory changes nothing: on a 40-frame synthetic video with the micro model, a
 * correction click on a frame whose memory was evicted (and spilled to disk), followed by a
 * re-propagation starting there, gives bit-identical logits to the unbounded predictor that
 * keeps every frame in memory like the official one.
 */
class BoundedMemoryEquivalenceTest {
  @Test
  void correctionOnEvictedFrameMatchesUnboundedPredictor() throws Exception {
    VideoTestModels.withMicroModel(40, (loaded, m, video) -> {
      List<float[]> bounded = run(loaded, m, video, true);
      List<float[]> unbounded = run(loaded, m, video, false);
      assertEquals(unbounded.size(), bounded.size());
      for (int i = 0; i < bounded.size(); i++) {
        assertArrayEquals(unbounded.get(i), bounded.get(i), "output " + i);
      }
    });
  }

  private static List<float[]> run(VideoTestModels.Loaded loaded, NDManager m, FrameSource video,
      boolean boundedMemory) {
    SAM2VideoPredictor p = VideoTestModels.predictor(loaded,
        new SAM2VideoPredictor.Settings(4, boundedMemory));
    try (InferenceState state = p.initState(video, m)) {
      return correctionLoop(p, state, s -> {
        if (boundedMemory) {
          assertTrue(s.spilledBytes() > 0, "frames were spilled to disk");
          assertTrue(s.object(1).memory().nonCond().size() <= 16, "memory bank is bounded");
        }
      });
    }
  }

  /**
   * The annotator's loop on object 1: a click on frame 0, propagation through the video
   * ({@code afterFirstPass} then looks at the state), a negative correction click on frame 10
   * and a re-propagation of 12 frames from there. Returns the correction's and the
   * re-propagated frames' low-resolution logits.
   */
  static List<float[]> correctionLoop(SAM2VideoPredictor p, InferenceState state,
      Consumer<InferenceState> afterFirstPass) {
    List<float[]> out = new ArrayList<>();
    p.addNewPointsOrBox(state, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
    p.propagate(state, null, null, false, r -> {}, null);
    afterFirstPass.accept(state);
    var click = p.addNewPointsOrBox(state, 10, 1, new float[][] {{30, 30}}, new int[] {0}, null, false);
    out.add(click.masks().get(0).lowResLogits());
    p.propagate(state, 10, 12, false, r -> out.add(r.objects().get(0).lowResLogits()), null);
    return out;
  }
}
