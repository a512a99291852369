package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.tracking.BackboneFeatures;
import io.masklet.engine.tracking.Sam2BaseTracking;
import org.junit.jupiter.api.Test;

/**
 * The video predictor hands its steps views of the cached image features, not copies, so a
 * step that wrote into its features would corrupt every later use of the frame. After a session
 * of first clicks, multi-object propagation both ways and correction clicks (micro model,
 * synthetic video, every frame kept in memory), each cached frame still holds exactly what the
 * image encoder makes of it, to the bit.
 */
class CachedFeaturesUnchangedTest {

  @Test
  void clicksAndPropagationsLeaveTheCachedImageFeaturesAsTheEncoderMadeThem() throws Exception {
    VideoTestModels.withMicroModel(12, (loaded, m, video) -> {
      SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(12, true));
      try (InferenceState s = p.initState(video, m)) {
        p.addNewPointsOrBox(s, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
        p.addNewPointsOrBox(s, 0, 1, new float[][] {{30, 30}}, new int[] {0}, null, false);
        p.addNewPointsOrBox(s, 2, 2, new float[][] {{40, 10}}, new int[] {1}, null, true);
        p.propagate(s, null, null, false, r -> {}, null);
        p.addNewPointsOrBox(s, 7, 1, new float[][] {{20, 30}}, new int[] {0}, null, false);
        p.addNewPointsOrBox(s, 7, 1, new float[][] {{36, 22}}, new int[] {1}, null, false);
        p.propagate(s, 7, null, true, r -> {}, null);
        assertEquals(12, s.featureCache().size(), "every frame encoded once and kept");

        for (int frame = 0; frame < 12; frame++) {
          try (NDManager scope = m.newSubManager()) {
            BackboneFeatures cached = s.featureCache().get(frame);
            assertNotNull(cached, "frame " + frame);
            BackboneFeatures fresh = new Sam2BaseTracking(loaded.model())
                .forwardImage(s.frames.image(frame, scope));
            assertEquals(fresh.levels().size(), cached.levels().size());
            for (int level = 0; level < cached.levels().size(); level++) {
              assertArrayEquals(values(fresh.levels().get(level)),
                  values(cached.levels().get(level)), "frame " + frame + ", level " + level);
            }
            assertArrayEquals(values(fresh.topPos()), values(cached.topPos()),
                "frame " + frame + ", position encoding");
          }
        }
        assertEquals(12, s.featureCache().misses(), "no frame was encoded twice");
      }
    });
  }

  private static float[] values(NDArray a) {
    return a.toFloatArray();
  }
}
