package io.masklet.engine.config;

/** Arguments of {@code sam2/modeling/memory_encoder.py::CXBlock}. */
public record CXBlockConfig(
    int dim, int kernelSize, int padding, double dropPath, double layerScaleInitValue, boolean useDwconv) {
  public static final int DEFAULT_KERNEL_SIZE = 7;
  public static final int DEFAULT_PADDING = 3;
  public static final double DEFAULT_LAYER_SCALE_INIT_VALUE = 1e-6;
}
