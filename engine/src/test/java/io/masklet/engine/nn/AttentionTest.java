package io.masklet.engine.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AttentionTest {
  /** {@code Attention.sdpa} against softmax(q kᵀ / √d) v written out, to 1e-5. */
  private static void assertSdpaIsSoftmaxOfScaledScores(NDArray q, NDArray k, NDArray v,
      Shape expectedShape) {
    double scale = Math.sqrt(q.getShape().get(3));
    NDArray expected = q.matMul(k.swapAxes(-1, -2)).div(scale).softmax(-1).matMul(v);
    NDArray got = Attention.sdpa(q, k, v);
    assertTrue(got.getShape().equals(expectedShape), got.getShape().toString());
    float maxErr = got.sub(expected).abs().max().getFloat();
    assertTrue(maxErr < 1e-5f, "max abs error " + maxErr);
  }

  @Test
  void chunkedAttentionEqualsSoftmaxOfScaledScores() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(7);
      // Lk large enough that MAX_SCORE_ELEMENTS forces chunking over the 4096 queries
      NDArray q = m.randomNormal(new Shape(1, 2, 4096, 8));
      NDArray k = m.randomNormal(new Shape(1, 2, 9000, 8));
      NDArray v = m.randomNormal(new Shape(1, 2, 9000, 5));
      assertSdpaIsSoftmaxOfScaledScores(q, k, v, new Shape(1, 2, 4096, 5));
    }
  }

  @Test
  void fewKeysManyQueriesEqualsSoftmaxOfScaledScores() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(8);
      // the decoder's image-to-token shape: 8 heads, 4096 pixels attending to 7 tokens
      NDArray q = m.randomNormal(new Shape(1, 8, 4096, 16));
      NDArray k = m.randomNormal(new Shape(1, 8, 7, 16));
      NDArray v = m.randomNormal(new Shape(1, 8, 7, 16));
      assertSdpaIsSoftmaxOfScaledScores(q, k, v, new Shape(1, 8, 4096, 16));
    }
  }

  @Test
  void layerNorm2dNormalizesOverChannels() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.randomNormal(new Shape(2, 6, 3, 4)).mul(3).add(1);
      NDArray w = m.ones(new Shape(6));
      NDArray b = m.zeros(new Shape(6));
      NDArray y = LayerNorm2d.layerNorm2d(x, w, b, 1e-6f);
      // each pixel's channel vector has mean 0 and (biased) variance 1
      float meanErr = y.mean(new int[] {1}).abs().max().getFloat();
      float varErr = y.square().mean(new int[] {1}).sub(1).abs().max().getFloat();
      assertTrue(meanErr < 1e-5f && varErr < 1e-3f, meanErr + " " + varErr);
      // and agrees with the last-dim LayerNorm applied channel-last
      NDArray viaLast = LayerNorm.layerNorm(x.transpose(0, 2, 3, 1), w, b, 1e-6f).transpose(0, 3, 1, 2);
      assertTrue(viaLast.sub(y).abs().max().getFloat() < 1e-4f);
    }
  }
}
