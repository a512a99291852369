package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;

/**
 * Port of {@code torch.nn.Embedding} as the SAM heads use it: a learned table whose rows are
 * read directly through {@link #weight()} (the official code only ever uses {@code .weight}).
 */
public final class Embedding extends Module {
  private final Parameter weight;

  public Embedding(int numEmbeddings, int embeddingDim) {
    this.weight = param("weight", numEmbeddings, embeddingDim);
  }

  /** The table, shape (numEmbeddings, embeddingDim). */
  public NDArray weight() {
    return weight.get();
  }
}
