package io.masklet.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinearTest {
  /**
   * Thin layers (the bias added after the matmul) and wide ones (libtorch's fused addmm) give
   * x W^T + b as computed element by element in double precision.
   */
  @ParameterizedTest(name = "({0}, {1}) x ({2}, {1})^T")
  @CsvSource({"2048, 96, 384", "2048, 384, 96", "4, 96, 384", "1100, 192, 256", "3, 5, 7"})
  void computesXTimesWeightTransposedPlusBias(int rows, int in, int out) {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(3);
      NDArray x = m.randomNormal(new Shape(rows, in));
      NDArray w = m.randomNormal(new Shape(out, in));
      NDArray b = m.randomNormal(new Shape(out));
      float[] got = Linear.linear(x.reshape(1, rows, in), w, b).toFloatArray();
      float[] xs = x.toFloatArray();
      float[] ws = w.toFloatArray();
      float[] bs = b.toFloatArray();
      assertTrue(got.length == rows * out);
      float[] want = new float[rows * out];
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < out; o++) {
          double acc = bs[o];
          for (int i = 0; i < in; i++) {
            acc += (double) xs[r * in + i] * ws[o * in + i];
          }
          want[r * out + o] = (float) acc;
        }
      }
      assertArrayEquals(want, got, 1e-3f * (float) Math.sqrt(in));
      assertArrayEquals(Linear.linear(x, w, null).add(b).toFloatArray(), got, 1e-5f);
    }
  }
}
