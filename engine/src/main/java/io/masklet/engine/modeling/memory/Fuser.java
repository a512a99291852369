package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;
import java.util.function.Supplier;

/**
 * Port of sam2/modeling/memory_encoder.py::Fuser: an optional 1x1 input projection followed by
 * a stack of {@link CXBlock}s.
 */
public final class Fuser extends Module {
  private final Conv2d proj;
  private final ModuleList<CXBlock> layers;

  public Fuser(Supplier<CXBlock> layer, int numLayers, int dim, boolean inputProjection) {
    this.proj = inputProjection ? child("proj", new Conv2d(dim, dim, 1, 1, 0)) : null;
    this.layers = child("layers", new ModuleList<>());
    for (int i = 0; i < numLayers; i++) {
      layers.add(layer.get());
    }
  }

  /** {@code x} (B, C, H, W) → same shape. */
  public NDArray forward(NDArray x) {
    if (proj != null) {
      x = proj.forward(x);
    }
    for (CXBlock block : layers.items()) {
      x = block.forward(x);
    }
    return x;
  }
}
