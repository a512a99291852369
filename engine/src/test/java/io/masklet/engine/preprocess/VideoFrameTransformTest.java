package io.masklet.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.video.RgbFrame;
import org.junit.jupiter.api.Test;

class VideoFrameTransformTest {

  @Test
  void normalizesWithImageNetMeanAndStdChannelsFirst() {
    // two pixels: black and white; (H=1, W=2, 3) -> (3, 1, 2)
    byte[] rgb = {0, 0, 0, (byte) 255, (byte) 255, (byte) 255};
    float[] chw = VideoFrameTransform.normalize(rgb, 2, 1);
    float[] expected = {
      -0.485f / 0.229f, (1 - 0.485f) / 0.229f,
      -0.456f / 0.224f, (1 - 0.456f) / 0.224f,
      -0.406f / 0.225f, (1 - 0.406f) / 0.225f,
    };
    assertArrayEquals(expected, chw, 1e-6f);
    assertEquals(-2.1179039f, chw[0], 1e-6f);
    assertEquals(2.6400001f, chw[5], 1e-6f);
  }

  @Test
  void modelInputIsOneByThreeBySquare() {
    byte[] rgb = new byte[6 * 4 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 7);
    }
    RgbFrame frame = new RgbFrame(0, 6, 4, rgb);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = VideoFrameTransform.toModelInput(frame, 8, manager);
      assertEquals(new Shape(1, 3, 8, 8), x.getShape());
      float[] expected = VideoFrameTransform.normalize(VideoFrameTransform.resizeSquare(frame, 8), 8, 8);
      assertArrayEquals(expected, x.toFloatArray());
    }
  }
}
