package io.masklet.engine.config;

import java.util.List;

/**
 * Arguments of {@code sam2/modeling/sam/transformer.py::RoPEAttention} (and of its base
 * {@code Attention}). {@code kvInDim} is resolved like the official constructor: omitted means
 * {@code embeddingDim}.
 */
public record RoPEAttentionConfig(
    int embeddingDim,
    int numHeads,
    int downsampleRate,
    double dropout,
    int kvInDim,
    double ropeTheta,
    boolean ropeKRepeat,
    List<Integer> featSizes) {
  public static final double DEFAULT_ROPE_THETA = 10000.0;
  public static final List<Integer> DEFAULT_FEAT_SIZES = List.of(64, 64);

  public RoPEAttentionConfig {
    featSizes = List.copyOf(featSizes);
    if ((embeddingDim / downsampleRate) % numHeads != 0) {
      throw new IllegalArgumentException("RoPEAttention: num_heads " + numHeads + " must divide the internal dim "
          + embeddingDim / downsampleRate);
    }
  }

  /** Width of the q/k/v projections ({@code embedding_dim // downsample_rate}). */
  public int internalDim() {
    return embeddingDim / downsampleRate;
  }
}
