package io.masklet.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.verify.Comparison;
import io.masklet.engine.verify.Tolerance;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SAM2TransformsGoldenTest {
  /**
   * Fixture {@code input.image_u8} (427x640) → {@code input.image_tensor}: antialiased bilinear
   * resize + ImageNet normalization, downscaling to 256 (micro) and upscaling to 1024 (tiny).
   * Tolerance: atol 1e-3 + rtol 1e-3 (fixtures README, image-encoder inputs/features).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"sam2.1_hiera_micro, 256", "sam2.1_hiera_t, 1024"})
  void modelInputMatchesTorchvisionResizeAndNormalize(String fixture, int size) throws Exception {
    Path file = Path.of(System.getProperty("masklet.shared"), "fixtures", fixture, "image.safetensors");
    assumeTrue(Files.isRegularFile(file), "fixture " + file + " is absent");
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        Safetensors.Reader golden = Safetensors.open(file)) {
      NDArray u8 = golden.get("input.image_u8", m);
      long[] s = u8.getShape().getShape();
      RgbFrame frame = new RgbFrame(0, (int) s[1], (int) s[0], u8.toByteArray());
      NDArray got = new SAM2Transforms(size, 0f, 0, 0).toModelInput(frame, m);
      NDArray want = golden.get("input.image_tensor", m);
      assertEquals(want.getShape(), got.getShape());
      Comparison c = Tolerance.IMAGE.compare("input.image_tensor", got.toFloatArray(), want.toFloatArray());
      System.out.println(fixture + " " + c.describe());
      assertTrue(c.passed(), c.describe());
    }
  }

  @Test
  void antialiasWeightsAreNormalizedTrianglesWideningWithTheScale() {
    // 8 -> 2: scale 4, support 4: each output averages a window of 8 inputs with triangle weights
    float[] w = AntialiasResize.weights(8, 2);
    for (int i = 0; i < 2; i++) {
      float sum = 0;
      for (int j = 0; j < 8; j++) {
        sum += w[i * 8 + j];
      }
      assertEquals(1f, sum, 1e-6f);
    }
    // centre of output 0 is input coordinate 2.0: pixels 1 and 2 (centres 1.5, 2.5) weigh most
    assertTrue(w[1] == w[2] && w[1] > w[0] && w[0] > 0f && w[3] == w[0]);
    // identity size keeps the image
    float[] id = AntialiasResize.weights(5, 5);
    for (int i = 0; i < 5; i++) {
      assertEquals(1f, id[i * 5 + i], 0f);
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.randomNormal(new Shape(3, 5, 7));
      NDArray y = AntialiasResize.bilinear(x, 5, 7);
      assertTrue(y.sub(x).abs().max().getFloat() < 1e-6f);
    }
  }
}
