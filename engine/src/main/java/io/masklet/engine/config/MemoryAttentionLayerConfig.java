package io.masklet.engine.config;

/** Arguments of {@code sam2/modeling/memory_attention.py::MemoryAttentionLayer}. */
public record MemoryAttentionLayerConfig(
    String activation,
    RoPEAttentionConfig crossAttention,
    int dModel,
    int dimFeedforward,
    double dropout,
    boolean posEncAtAttn,
    boolean posEncAtCrossAttnKeys,
    boolean posEncAtCrossAttnQueries,
    RoPEAttentionConfig selfAttention) {

  public MemoryAttentionLayerConfig {
    if (!activation.equals("relu") && !activation.equals("gelu") && !activation.equals("glu")) {
      throw new IllegalArgumentException("MemoryAttentionLayer activation must be relu, gelu or glu, got '"
          + activation + "'");
    }
  }
}
