package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;

/**
 * Port of sam2/modeling/sam2_utils.py::LayerNorm2d: layer norm over the channel dimension of a
 * (B, C, H, W) tensor, computed as the official code does (mean and biased variance over C).
 */
public final class LayerNorm2d extends Module {
  private final Parameter weight;
  private final Parameter bias;
  private final float eps;

  public LayerNorm2d(int channels) {
    this(channels, 1e-6f);
  }

  public LayerNorm2d(int channels, float eps) {
    this.weight = param("weight", channels);
    this.bias = param("bias", channels);
    this.eps = eps;
  }

  public NDArray forward(NDArray x) {
    return layerNorm2d(x, weight.get(), bias.get(), eps);
  }

  public NDArray weight() {
    return weight.get();
  }

  public NDArray bias() {
    return bias.get();
  }

  public float eps() {
    return eps;
  }

  /** {@code x} (B, C, H, W); {@code w}, {@code b} (C). */
  public static NDArray layerNorm2d(NDArray x, NDArray w, NDArray b, float eps) {
    NDArray u = x.mean(new int[] {1}, true);
    NDArray d = x.sub(u);
    NDArray s = d.square().mean(new int[] {1}, true);
    NDArray normed = d.divi(s.addi(eps).sqrt());
    long c = w.getShape().get(0);
    // (C) -> (C, 1, 1) to broadcast over H, W; the reshaped views are moved to x's manager so
    // they are freed with the caller's scope instead of piling up in the weights' manager
    NDArray wc = w.reshape(c, 1, 1);
    NDArray bc = b.reshape(c, 1, 1);
    wc.attach(x.getManager());
    bc.attach(x.getManager());
    return normed.muli(wc).addi(bc);
  }
}
