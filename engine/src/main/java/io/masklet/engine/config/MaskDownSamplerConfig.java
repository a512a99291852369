package io.masklet.engine.config;

/**
 * Arguments of {@code sam2/modeling/memory_encoder.py::MaskDownSampler} (activation is always
 * the official default GELU).
 */
public record MaskDownSamplerConfig(int embedDim, int kernelSize, int stride, int padding, int totalStride) {
  public static final int DEFAULT_EMBED_DIM = 256;
  public static final int DEFAULT_KERNEL_SIZE = 4;
  public static final int DEFAULT_STRIDE = 4;
  public static final int DEFAULT_PADDING = 0;
  public static final int DEFAULT_TOTAL_STRIDE = 16;

  public MaskDownSamplerConfig {
    int layers = (int) Math.round(Math.log(totalStride) / Math.log(stride));
    if (Math.round(Math.pow(stride, layers)) != totalStride) {
      throw new IllegalArgumentException("MaskDownSampler total_stride " + totalStride
          + " must be a power of stride " + stride);
    }
  }

  /** Number of conv/norm/activation stages ({@code log_stride(total_stride)}). */
  public int numLayers() {
    return (int) Math.round(Math.log(totalStride) / Math.log(stride));
  }
}
