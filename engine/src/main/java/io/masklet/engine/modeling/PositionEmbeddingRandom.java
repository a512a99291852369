package io.masklet.engine.modeling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.Parameter;

/**
 * Port of sam2/modeling/position_encoding.py::PositionEmbeddingRandom: random Fourier features
 * of (x, y) in [0, 1]², {@code sin} and {@code cos} of {@code 2π (2p - 1) G} with the Gaussian
 * matrix {@code G} (2, numPosFeats) stored in the checkpoint as a buffer.
 */
public final class PositionEmbeddingRandom extends Module {
  /** {@code 2π} as the float32 factor torch applies when multiplying a float tensor by it. */
  private static final float TWO_PI = (float) (2 * Math.PI);

  private final Parameter gaussianMatrix;

  public PositionEmbeddingRandom(int numPosFeats) {
    this.gaussianMatrix = param("positional_encoding_gaussian_matrix", 2, numPosFeats);
  }

  /** The bound Gaussian matrix (2, numPosFeats). */
  public NDArray matrix() {
    return gaussianMatrix.get();
  }

  /** Encodes normalized coordinates {@code coords} (..., 2) → (..., 2*numPosFeats). */
  public NDArray peEncoding(NDArray coords) {
    return peEncoding(coords, gaussianMatrix.get());
  }

  /** The maths of {@link #peEncoding(NDArray)} with an explicit matrix {@code g} (2, F). */
  public static NDArray peEncoding(NDArray coords, NDArray g) {
    NDArray c = coords.mul(2f).subi(1f).matMul(g).muli(TWO_PI); // (..., 2) @ (2, F) -> (..., F)
    return NDArrays.concat(new NDList(c.sin(), c.cos()), -1);
  }

  /**
   * Encoding of the centres of an {@code h}×{@code w} grid → (2F, h, w); created on
   * {@code manager}.
   */
  public NDArray forward(NDManager manager, int h, int w) {
    float[] xy = new float[h * w * 2];
    for (int i = 0; i < h; i++) {
      // cumsum of ones minus 0.5, divided by the size: exactly representable numerators
      float y = (float) (i + 1 - 0.5) / h;
      for (int j = 0; j < w; j++) {
        xy[(i * w + j) * 2] = (float) (j + 1 - 0.5) / w;
        xy[(i * w + j) * 2 + 1] = y;
      }
    }
    NDArray coords = manager.create(xy, new Shape(h, w, 2));
    NDArray pe = peEncoding(coords); // (h, w, 2F)
    return pe.transpose(2, 0, 1); // (h, w, 2F) -> (2F, h, w)
  }

  /**
   * Encodes pixel coordinates {@code coords} (B, N, 2) given as (x, y) in an image of
   * {@code imageHeight}×{@code imageWidth} → (B, N, 2F).
   */
  public NDArray forwardWithCoords(NDArray coords, int imageHeight, int imageWidth) {
    NDArray x = coords.get(new NDIndex("..., 0:1")).div((float) imageWidth);
    NDArray y = coords.get(new NDIndex("..., 1:2")).div((float) imageHeight);
    return peEncoding(NDArrays.concat(new NDList(x, y), -1));
  }
}
