package io.masklet.engine.config;

import java.util.List;

/**
 * Arguments of {@code sam2/modeling/position_encoding.py::PositionEmbeddingSine}. {@code scale}
 * is null when the YAML says {@code null} (the official default), meaning 2π; see
 * {@link #effectiveScale()}. The warm-up arguments only pre-fill a cache in the official code.
 */
public record PositionEmbeddingSineConfig(
    int numPosFeats,
    int temperature,
    boolean normalize,
    Double scale,
    boolean warmupCache,
    int imageSize,
    List<Integer> strides) {
  public static final int DEFAULT_TEMPERATURE = 10000;
  public static final List<Integer> DEFAULT_STRIDES = List.of(4, 8, 16, 32);

  public PositionEmbeddingSineConfig {
    strides = List.copyOf(strides);
    if (numPosFeats % 2 != 0) {
      throw new IllegalArgumentException("PositionEmbeddingSine num_pos_feats must be even, got " + numPosFeats);
    }
    if (scale != null && !normalize) {
      throw new IllegalArgumentException("PositionEmbeddingSine: normalize must be true if scale is given");
    }
  }

  /** The scale the official code uses: the given one, or 2π when none is given. */
  public double effectiveScale() {
    return scale == null ? 2 * Math.PI : scale;
  }
}
