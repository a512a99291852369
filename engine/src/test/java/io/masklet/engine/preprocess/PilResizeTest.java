package io.masklet.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.masklet.engine.checkpoint.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PilResizeTest {

  private static Path fixture(String model) {
    String shared = System.getProperty("masklet.shared");
    Assumptions.assumeTrue(shared != null, "masklet.shared not set (run through Maven)");
    Path file = Path.of(shared, "fixtures", model, "video.safetensors");
    Assumptions.assumeTrue(Files.isRegularFile(file), "fixture absent: " + file);
    return file;
  }

  /**
   * Golden: fixtures/MODEL/video.safetensors, input.orig_frames_u8 [2,540,960,3] resized must
   * give input.frames_u8[0..1] ([S,S,3], made by Pillow's default resize). Tolerance: ±1 on at
   * least 99% of values (the README's), and in fact byte-identical.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sam2.1_hiera_micro", "sam2.1_hiera_t"})
  void reproducesPillowBicubicResizeOfTheFixtureFrames(String model) throws Exception {
    Path file = fixture(model);
    byte[] orig;
    byte[] resized;
    int h;
    int w;
    int s;
    try (NDManager manager = NDManager.newBaseManager();
        Safetensors.Reader reader = Safetensors.open(file)) {
      NDArray o = reader.get("input.orig_frames_u8", manager); // (2, H, W, 3) uint8
      NDArray r = reader.get("input.frames_u8", manager); // (T, S, S, 3) uint8
      assertEquals(DataType.UINT8, o.getDataType());
      h = (int) o.getShape().get(1);
      w = (int) o.getShape().get(2);
      s = (int) r.getShape().get(1);
      assertEquals(s, r.getShape().get(2));
      orig = o.toByteArray();
      resized = r.toByteArray();
    }
    for (int f = 0; f < 2; f++) {
      byte[] in = Arrays.copyOfRange(orig, f * h * w * 3, (f + 1) * h * w * 3);
      byte[] expected = Arrays.copyOfRange(resized, f * s * s * 3, (f + 1) * s * s * 3);
      byte[] actual = PilResize.resize(in, w, h, s, s);
      long within1 = 0;
      long exact = 0;
      int maxDiff = 0;
      for (int i = 0; i < expected.length; i++) {
        int d = Math.abs((actual[i] & 0xff) - (expected[i] & 0xff));
        maxDiff = Math.max(maxDiff, d);
        within1 += d <= 1 ? 1 : 0;
        exact += d == 0 ? 1 : 0;
      }
      double ratio = (double) within1 / expected.length;
      System.out.printf("%s frame %d: exact %.5f, within 1 %.5f, max diff %d%n", model, f,
          (double) exact / expected.length, ratio, maxDiff);
      assertTrue(ratio >= 0.99, model + " frame " + f + ": only " + ratio + " within ±1");
      // the port is Pillow's integer arithmetic, so it is in fact byte-exact
      assertArrayEquals(expected, actual, model + " frame " + f + " not byte-identical");
    }
  }

  @Test
  void identitySizeIsACopy() {
    byte[] rgb = {1, 2, 3, 4, 5, 6};
    assertArrayEquals(rgb, PilResize.resize(rgb, 2, 1, 2, 1));
  }

  @Test
  void constantImageStaysConstantAtAnyScale() {
    byte[] rgb = new byte[37 * 23 * 3];
    Arrays.fill(rgb, (byte) 200);
    for (int[] size : new int[][] {{8, 8}, {100, 50}, {37, 5}, {256, 256}}) {
      byte[] out = PilResize.resize(rgb, 37, 23, size[0], size[1]);
      for (byte b : out) {
        assertEquals(200, b & 0xff, "resize to " + size[0] + "x" + size[1]);
      }
    }
  }

  @Test
  void kernelWeightsOfEachOutputSumToOneInFixedPoint() {
    PilResize.Coefficients c = PilResize.coefficients(960, 256);
    for (int i = 0; i < 256; i++) {
      long sum = 0;
      for (int k = 0; k < c.count()[i]; k++) {
        sum += c.weights()[i * c.kernelSize() + k];
      }
      // rounding each weight moves the sum by at most half a unit per tap
      assertTrue(Math.abs(sum - (1 << 22)) <= c.count()[i], "output " + i + " sums to " + sum);
    }
  }
}
