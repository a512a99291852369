package io.masklet.engine.config;

/**
 * Arguments of {@code sam2/modeling/memory_encoder.py::Fuser}. {@code dim} is null when omitted
 * (official default {@code None}); it only matters with {@code inputProjection}.
 */
public record FuserConfig(CXBlockConfig layer, int numLayers, Integer dim, boolean inputProjection) {
  public FuserConfig {
    if (inputProjection && dim == null) {
      throw new IllegalArgumentException("Fuser: input_projection needs dim");
    }
  }
}
