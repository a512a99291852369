package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;

/** Activation functions named as in the official configs ("relu", "gelu"). */
public final class Activations {
  private Activations() {}

  /** Exact (erf) GELU, torch's default {@code approximate='none'}. */
  public static NDArray gelu(NDArray x) {
    return x.getNDArrayInternal().gelu();
  }

  public static NDArray relu(NDArray x) {
    return x.maximum(0f);
  }

  /** Applies the activation the official code names {@code name}. */
  public static NDArray apply(String name, NDArray x) {
    return switch (name) {
      case "relu" -> relu(x);
      case "gelu" -> gelu(x);
      default -> throw new IllegalArgumentException("unknown activation '" + name + "'");
    };
  }
}
