package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Activations;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.LayerNorm2d;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;

/**
 * Port of sam2/modeling/memory_encoder.py::MaskDownSampler: repeated (conv with the given
 * stride, LayerNorm2d, GELU) until the total stride is reached, each step multiplying the
 * channels by stride², then a 1x1 conv to {@code embedDim}. Children are numbered like the
 * official {@code nn.Sequential} ({@code encoder.0} conv, {@code encoder.1} norm,
 * {@code encoder.2} GELU, ...).
 */
public final class MaskDownSampler extends Module {
  /** The GELU slot of the sequence: no weights, but it takes an index in the key names. */
  private static final class Gelu extends Module {}

  private final ModuleList<Module> encoder;

  public MaskDownSampler(int embedDim, int kernelSize, int stride, int padding, int totalStride) {
    int numLayers = (int) Math.round(Math.log(totalStride) / Math.log(stride));
    if ((int) Math.pow(stride, numLayers) != totalStride) {
      throw new IllegalArgumentException("stride " + stride + " does not divide total stride "
          + totalStride + " into whole layers");
    }
    this.encoder = child("encoder", new ModuleList<>());
    int in = 1;
    int out = 1;
    for (int i = 0; i < numLayers; i++) {
      out = in * stride * stride;
      encoder.add(new Conv2d(in, out, kernelSize, stride, padding));
      encoder.add(new LayerNorm2d(out));
      encoder.add(new Gelu());
      in = out;
    }
    encoder.add(new Conv2d(out, embedDim, 1, 1, 0));
  }

  /** {@code x} (B, 1, S, S) → (B, embedDim, S/totalStride, S/totalStride). */
  public NDArray forward(NDArray x) {
    for (Module m : encoder.items()) {
      if (m instanceof Conv2d conv) {
        x = conv.forward(x);
      } else if (m instanceof LayerNorm2d norm) {
        x = norm.forward(x);
      } else {
        x = Activations.gelu(x);
      }
    }
    return x;
  }
}
