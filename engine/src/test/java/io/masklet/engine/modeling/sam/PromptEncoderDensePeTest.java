package io.masklet.engine.modeling.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The tracking step's dense positional encoding comes from a cache made once per bound weights:
 * the same values as computing it, a closed handle never frees it, and binding
 * other weights recomputes it.
 */
class PromptEncoderDensePeTest {

  @Test
  void cachedDensePeEqualsTheComputedOneAndFollowsTheBoundWeights() {
    PromptEncoder pe = PromptEncoder.forSam2(32, 256, 16);
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        StateDict first = RandomWeights.bind(pe, 1, 1f)) {
      NDArray computed = pe.getDensePe(m);
      try (NDManager scope = m.newSubManager()) {
        NDArray cached = pe.cachedDensePe(scope);
        assertEquals(computed.getShape(), cached.getShape());
        assertArrayEquals(computed.toFloatArray(), cached.toFloatArray());
      }
      // the scope closed its handle: the cache is intact
      assertArrayEquals(computed.toFloatArray(), pe.cachedDensePe(m).toFloatArray());

      try (StateDict second = RandomWeights.bind(pe, 2, 1f)) {
        float[] rebound = pe.cachedDensePe(m).toFloatArray();
        assertFalse(Arrays.equals(computed.toFloatArray(), rebound), "other weights");
        assertArrayEquals(pe.getDensePe(m).toFloatArray(), rebound);
      }
      pe.clearCache();
    }
  }
}
