package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Activations;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.LayerNorm2d;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.Parameter;

/**
 * Port of sam2/modeling/memory_encoder.py::CXBlock (a ConvNeXt block): depthwise conv,
 * channel LayerNorm, pointwise MLP with GELU on channel-last tokens, layer scale
 * {@code gamma}, residual.
 */
public final class CXBlock extends Module {
  private final Conv2d dwconv;
  private final LayerNorm2d norm;
  private final Linear pwconv1;
  private final Linear pwconv2;
  private final Parameter gamma;

  public CXBlock(int dim, int kernelSize, int padding, boolean useDwconv, boolean layerScale) {
    this.dwconv = child("dwconv", new Conv2d(dim, dim, kernelSize, 1, padding, useDwconv ? dim : 1, true));
    this.norm = child("norm", new LayerNorm2d(dim, 1e-6f));
    this.pwconv1 = child("pwconv1", new Linear(dim, 4 * dim));
    this.pwconv2 = child("pwconv2", new Linear(4 * dim, dim));
    this.gamma = layerScale ? param("gamma", dim) : null;
  }

  /** {@code x} (B, C, H, W) → same shape. */
  public NDArray forward(NDArray x) {
    NDArray y = norm.forward(dwconv.forward(x));
    y = y.transpose(0, 2, 3, 1); // (B, C, H, W) -> (B, H, W, C)
    y = pwconv2.forward(Activations.gelu(pwconv1.forward(y)));
    if (gamma != null) {
      y = y.mul(gamma.get());
    }
    y = y.transpose(0, 3, 1, 2); // (B, H, W, C) -> (B, C, H, W)
    return x.add(y);
  }
}
