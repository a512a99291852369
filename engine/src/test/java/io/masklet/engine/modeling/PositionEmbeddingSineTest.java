package io.masklet.engine.modeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PositionEmbeddingSineTest {
  @Test
  void encodesYThenXWithSineOnEvenAndCosineOnOddChannels() {
    PositionEmbeddingSine pe = new PositionEmbeddingSine(8);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray pos = pe.forward(m.zeros(new Shape(1, 5, 3, 4)));
      assertEquals(new Shape(1, 8, 3, 4), pos.getShape());
      // pixel (y=1, x=2): normalized positions 2/3 and 3/4 of 2*pi; dim_t = 100^(floor(i/2)/2)
      double y = 2.0 / (3 + 1e-6) * 2 * Math.PI;
      double x = 3.0 / (4 + 1e-6) * 2 * Math.PI;
      double[] dimT = {1, 1, 100, 100};
      float[] got = pos.get("0, :, 1, 2").toFloatArray();
      for (int i = 0; i < 4; i++) {
        double fy = i % 2 == 0 ? Math.sin(y / dimT[i]) : Math.cos(y / dimT[i]);
        double fx = i % 2 == 0 ? Math.sin(x / dimT[i]) : Math.cos(x / dimT[i]);
        assertEquals(fy, got[i], 1e-5, "y channel " + i);
        assertEquals(fx, got[4 + i], 1e-5, "x channel " + i);
      }
      pe.clearCache();
    }
  }

  @Test
  void closingAReturnedEncodingKeepsTheCacheIntactAndBatchesRepeat() {
    PositionEmbeddingSine pe = new PositionEmbeddingSine(16);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] first;
      try (NDManager scope = m.newSubManager()) {
        first = pe.forward(scope.zeros(new Shape(1, 1, 6, 6))).toFloatArray();
      }
      NDArray again = pe.forward(m.zeros(new Shape(1, 1, 6, 6)));
      assertArrayEquals(first, again.toFloatArray());
      NDArray batch = pe.forward(m.zeros(new Shape(3, 1, 6, 6)));
      assertEquals(new Shape(3, 16, 6, 6), batch.getShape());
      assertArrayEquals(first, batch.get(2).toFloatArray());
      pe.clearCache();
    }
  }
}
