package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.masklet.engine.nn.Chunked;
import io.masklet.engine.nn.LayerNorm;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;
import io.masklet.engine.nn.Scoped;
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
    long batch = curr.getShape().get(0);
    if (batch == 1) {
      return forwardOne(curr, memory, currPos, memoryPos, numObjPtrTokens);
    }
    // Objects one at a time (nothing in the layers mixes them): with several objects batched,
    // the projected and rotated memory keys are over 32 MiB each (3 objects × 28,736 tokens ×
    // 256), above the largest block the allocator recycles, and every one of them came back as
    // fresh pages the kernel had to zero: most of a multi-object propagation's system time.
    return Chunked.overRanges(curr.getManager(), batch, 1, 0, (i, end, scope) ->
        forwardOne(item(curr, i, scope), item(memory, i, scope), item(currPos, i, scope),
            item(memoryPos, i, scope), numObjPtrTokens));
  }

  /** Batch item {@code i} of {@code x} as (1, ...) owned by {@code scope}; null stays null. */
  private static NDArray item(NDArray x, long i, NDManager scope) {
    if (x == null) {
      return null;
    }
    if (x.getShape().get(0) == 1) {
      return Scoped.view(x, scope); // broadcast over the batch
    }
    NDArray slice = x.get(new NDIndex("{}:{}", i, i + 1));
    slice.attach(scope);
    return slice;
  }

  private NDArray forwardOne(NDArray curr, NDArray memory, NDArray currPos, NDArray memoryPos,
      int numObjPtrTokens) {
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
