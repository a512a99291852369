package io.masklet.engine.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.nn.Interpolate;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinaryUpsampleTest {
  /**
   * Against libtorch's bilinear resize thresholded at 0 on smooth random logits: every pixel
   * agrees except where the libtorch logit is within float rounding of the threshold.
   */
  @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
  @CsvSource({"256, 256, 540, 960", "256, 256, 1080, 1920", "64, 64, 333, 517", "8, 12, 8, 12",
      "256, 256, 257, 300"})
  void matchesLibtorchBilinearThenThreshold(int inH, int inW, int outH, int outW) {
    int planes = 3;
    float[] logits = smoothLogits(planes, inH, inW, 7);
    byte[][] java = BinaryUpsample.threshold(logits, planes, inH, inW, outH, outW, 0f);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray t = Interpolate.bilinear(m.create(logits, new Shape(1, planes, inH, inW)), outH, outW);
      float[] ref = t.toFloatArray();
      int differing = 0;
      for (int p = 0; p < planes; p++) {
        assertEquals(outH * outW, java[p].length);
        for (int i = 0; i < outH * outW; i++) {
          float v = ref[p * outH * outW + i];
          if ((v > 0f ? 1 : 0) != java[p][i]) {
            differing++;
            assertTrue(Math.abs(v) < 1e-4f, "pixel " + i + " of plane " + p
                + " differs although libtorch's logit is " + v);
          }
        }
      }
      assertTrue(differing <= planes * outH * outW / 100_000 + 1, differing + " pixels differ");
    }
  }

  @ParameterizedTest(name = "threshold {0}")
  @CsvSource({"-1.5", "0", "2.25"})
  void thresholdIsStrict(float threshold) {
    float[] constant = new float[4 * 4];
    java.util.Arrays.fill(constant, threshold);
    byte[][] at = BinaryUpsample.threshold(constant, 1, 4, 4, 9, 7, threshold);
    for (byte b : at[0]) {
      assertEquals(0, b, "a logit equal to the threshold is outside the mask (torch uses >)");
    }
  }

  @org.junit.jupiter.api.Test
  void rejectsTooFewLogits() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BinaryUpsample.threshold(new float[10], 1, 4, 4, 8, 8, 0f));
    assertTrue(e.getMessage().contains("4x4"), e.getMessage());
  }

  /** Sums of a few random plane waves: mask-like regions with long zero crossings. */
  static float[] smoothLogits(int planes, int h, int w, long seed) {
    Random r = new Random(seed);
    float[] out = new float[planes * h * w];
    for (int p = 0; p < planes; p++) {
      double[][] waves = new double[4][];
      for (int k = 0; k < waves.length; k++) {
        waves[k] = new double[] {r.nextGaussian() * 0.2, r.nextGaussian() * 0.2,
            r.nextDouble() * 6.28, 1 + r.nextDouble() * 4};
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double v = 0;
          for (double[] wv : waves) {
            v += wv[3] * Math.sin(wv[0] * x + wv[1] * y + wv[2]);
          }
          out[(p * h + y) * w + x] = (float) v;
        }
      }
    }
    return out;
  }
}
