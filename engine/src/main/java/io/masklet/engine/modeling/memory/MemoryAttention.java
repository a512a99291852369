package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.LayerNorm;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;
import java.util.function.Supplier;

/**
 * Port of sam2/modeling/memory_attention.py::MemoryAttention: a stack of
 * {@link MemoryAttentionLayer}s conditioning the current frame's features on the memory bank,
 * followed by a final layer norm. Tensors here are batch-first (B, L, C); the official code
 * takes sequence-first tensors and transposes them, which does not change the arithmetic.
 */
public final class MemoryAttention extends Module {
  private final ModuleList<MemoryAttentionLayer> layers;
  private final LayerNorm norm;
  private final boolean posEncAtInput;
  private final int dModel;

  public MemoryAttention(int dModel, boolean posEncAtInput, Supplier<MemoryAttentionLayer> layer,
      int numLayers) {
    this.layers = child("layers", new ModuleList<>());
    for (int i = 0; i < numLayers; i++) {
      layers.add(layer.get());
    }
    this.norm = child("norm", new LayerNorm(dModel));
    this.posEncAtInput = posEncAtInput;
    this.dModel = dModel;
  }

  public int dModel() {
    return dModel;
  }

  /**
   * {@code curr} (B, L, C) current frame tokens with {@code currPos} (B, L, C);
   * {@code memory}, {@code memoryPos} (B, M, Cm) whose last {@code numObjPtrTokens} tokens are
   * object pointers (excluded from the rotary encoding) → (B, L, C).
   */
  public NDArray forward(NDArray curr, NDArray memory, NDArray currPos, NDArray memoryPos,
      int numObjPtrTokens) {
    if (curr.getShape().get(0) != memory.getShape().get(0)) {
      throw new IllegalArgumentException("batch of current tokens " + curr.getShape()
          + " and of memory " + memory.getShape() + " differ");
    }
    NDArray output = curr;
    if (posEncAtInput && currPos != null) {
      output = output.add(currPos.mul(0.1f));
    }
    for (MemoryAttentionLayer layer : layers.items()) {
      output = layer.forward(output, memory, memoryPos, currPos, numObjPtrTokens);
    }
    return norm.forward(output);
  }
}
