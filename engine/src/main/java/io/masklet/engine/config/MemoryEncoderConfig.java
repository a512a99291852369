package io.masklet.engine.config;

/** Arguments of {@code sam2/modeling/memory_encoder.py::MemoryEncoder}. */
public record MemoryEncoderConfig(
    int outDim,
    MaskDownSamplerConfig maskDownsampler,
    FuserConfig fuser,
    PositionEmbeddingSineConfig positionEncoding,
    int inDim) {
  public static final int DEFAULT_IN_DIM = 256;
}
