package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Activations;
import io.masklet.engine.nn.Chunked;
import io.masklet.engine.nn.LayerNorm;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.Module;

/**
 * Port of sam2/modeling/memory_attention.py::MemoryAttentionLayer: pre-norm self-attention on
 * the current frame's tokens, cross-attention to the memory tokens, then a feed-forward block,
 * each with a residual connection (dropout is inactive at inference).
 */
public final class MemoryAttentionLayer extends Module {
  /**
   * Largest hidden activation (floats) of one row chunk of the feed-forward block: 16 MiB.
   * Unchunked, one object's 4096 × 2048 hidden layer is 32 MiB, just above the largest block
   * the allocator recycles, so it came back as fresh pages on every frame.
   */
  static final long FFN_CHUNK_ELEMENTS = 4L << 20;

  /** Where positional encodings enter the layer (the official constructor flags). */
  public record PosEncPlacement(boolean atAttn, boolean atCrossAttnKeys, boolean atCrossAttnQueries) {}

  private final RoPEAttention selfAttn;
  private final RoPEAttention crossAttnImage;
  private final Linear linear1;
  private final Linear linear2;
  private final LayerNorm norm1;
  private final LayerNorm norm2;
  private final LayerNorm norm3;
  private final String activation;
  private final PosEncPlacement pos;

  public MemoryAttentionLayer(String activation, RoPEAttention selfAttention,
      RoPEAttention crossAttention, int dModel, int dimFeedforward, PosEncPlacement pos) {
    this.selfAttn = child("self_attn", selfAttention);
    this.crossAttnImage = child("cross_attn_image", crossAttention);
    this.linear1 = child("linear1", new Linear(dModel, dimFeedforward));
    this.linear2 = child("linear2", new Linear(dimFeedforward, dModel));
    this.norm1 = child("norm1", new LayerNorm(dModel));
    this.norm2 = child("norm2", new LayerNorm(dModel));
    this.norm3 = child("norm3", new LayerNorm(dModel));
    this.activation = activation;
    this.pos = pos;
  }

  /**
   * {@code tgt} (B, L, C) current tokens, {@code memory} (B, M, Cm), {@code memoryPos}
   * (B, M, Cm), {@code queryPos} (B, L, C); the last {@code numKExcludeRope} memory tokens
   * are object pointers.
   */
  public NDArray forward(NDArray tgt, NDArray memory, NDArray memoryPos, NDArray queryPos,
      int numKExcludeRope) {
    // self-attention
    NDArray t2 = norm1.forward(tgt);
    NDArray qk = pos.atAttn() ? t2.add(queryPos) : t2;
    tgt = tgt.add(selfAttn.forward(qk, qk, t2, 0));
    // cross-attention to memories
    t2 = norm2.forward(tgt);
    NDArray q = pos.atCrossAttnQueries() ? t2.add(queryPos) : t2;
    NDArray k = pos.atCrossAttnKeys() ? memory.add(memoryPos) : memory;
    tgt = tgt.add(crossAttnImage.forward(q, k, memory, numKExcludeRope));
    // feed-forward
    t2 = norm3.forward(tgt);
    long[] shape = t2.getShape().getShape();
    NDArray rows = t2.reshape(-1, shape[shape.length - 1]); // (B, L, C) -> (B*L, C)
    long hidden = linear1.weight().getShape().get(0);
    NDArray ff = Chunked.alongFirstAxis(rows, Chunked.rows(FFN_CHUNK_ELEMENTS, hidden),
        r -> linear2.forward(Activations.apply(activation, linear1.forward(r))));
    return tgt.add(ff.reshape(shape));
  }
}
