package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Port of {@code torch.nn.LayerNorm} over the last dimension. */
public final class LayerNorm extends Module {
  private final Parameter weight;
  private final Parameter bias;
  private final float eps;

  public LayerNorm(int dim) {
    this(dim, 1e-5f);
  }

  public LayerNorm(int dim, float eps) {
    this.weight = param("weight", dim);
    this.bias = param("bias", dim);
    this.eps = eps;
  }

  public NDArray forward(NDArray x) {
    return layerNorm(x, weight.get(), bias.get(), eps);
  }

  /** Normalizes the last dimension of {@code x}, then scales and shifts (libtorch's kernel). */
  public static NDArray layerNorm(NDArray x, NDArray w, NDArray b, float eps) {
    long dim = x.getShape().get(x.getShape().dimension() - 1);
    return x.getNDArrayInternal().layerNorm(x, new Shape(dim), w, b, eps).singletonOrThrow();
  }
}
