package io.masklet.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class InterpolateTest {
  /** x[i, j] = (4i + j)^2 / 10 on a 4x4 grid. */
  private static NDArray grid(NDManager m) {
    NDArray r = m.arange(0f, 16f, 1f, DataType.FLOAT32);
    return r.mul(r).div(10).reshape(1, 1, 4, 4);
  }

  @Test
  void bicubicEqualsTorchKeysKernelWithClampedTaps() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] y = Interpolate.bicubic(grid(m), 6, 6).toFloatArray();
      // F.interpolate(x, (6, 6), mode="bicubic", align_corners=False), a = -0.75, computed by
      // hand from torch's definition (src = (dst + 0.5) * 4/6 - 0.5, taps clamped at the edges)
      assertEquals(-0.1415413f, y[0], 1e-5f);
      assertEquals(-0.1452257f, y[1], 1e-5f);
      assertEquals(0.5039063f, y[7], 1e-5f);
      assertEquals(3.6089678f, y[14], 1e-5f);
    }
  }

  @Test
  void bicubicToTheSameSizeIsTheIdentity() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.randomNormal(new Shape(2, 3, 7, 7));
      float[] y = Interpolate.bicubic(x, 7, 7).toFloatArray();
      assertArrayEquals(x.toFloatArray(), y, 1e-5f);
    }
  }

  @Test
  void nearestUpscaleRepeatsEachPixel() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.arange(0f, 4f, 1f, DataType.FLOAT32).reshape(1, 1, 2, 2);
      float[] y = Interpolate.nearest(x, 4, 4).toFloatArray();
      assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3}, y);
    }
  }
}
