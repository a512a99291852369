package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Attention;
import io.masklet.engine.nn.Chunked;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.MaxPool2d;
import io.masklet.engine.nn.Module;

/**
 * Port of sam2/modeling/backbones/hieradet.py::MultiScaleAttention: multi-head self-attention
 * over the tokens of a (B, H, W, C) map, with optional max-pooling of the queries (which
 * downsamples the output at a stage change).
 */
public final class MultiScaleAttention extends Module {
  private final int dimOut;
  private final int numHeads;
  /** Query pooling kernel = stride, or 0 when the queries are not pooled. */
  private final int qStride;
  private final Linear qkv;
  private final Linear proj;

  public MultiScaleAttention(int dim, int dimOut, int numHeads, int qStride) {
    this.dimOut = dimOut;
    this.numHeads = numHeads;
    this.qStride = qStride;
    this.qkv = child("qkv", new Linear(dim, dimOut * 3));
    this.proj = child("proj", new Linear(dimOut, dimOut));
  }

  /**
   * {@code x} (B, H, W, dim) → (B, H', W', dimOut), H' = H / qStride when pooling. The batch
   * (the windows, for windowed attention) is processed in groups whose q/k/v stay within
   * {@link MultiScaleBlock#CHUNK_ELEMENTS}.
   */
  public NDArray forward(NDArray x) {
    return Chunked.alongFirstAxis(x, itemsPerChunk(x), this::attend);
  }

  /** How many of x's (B, H, W, dim) items {@link #attend} may take at once. */
  long itemsPerChunk(NDArray x) {
    long[] s = x.getShape().getShape();
    return Chunked.rows(MultiScaleBlock.CHUNK_ELEMENTS, s[1] * s[2] * 3L * dimOut);
  }

  /**
   * {@link #forward} on a batch small enough to run at once: windows (N, ws, ws, dim) →
   * (N, ws', ws', dimOut).
   */
  NDArray attend(NDArray x) {
    long[] s = x.getShape().getShape();
    long b = s[0];
    long h = s[1];
    long w = s[2];
    long headDim = dimOut / numHeads;
    NDArray qkvAll = qkv.forward(x)
        // (B, H, W, 3*dimOut) -> (B, H*W, 3, heads, headDim)
        .reshape(b, h * w, 3, numHeads, headDim)
        // -> (3, B, heads, H*W, headDim): one copy gives contiguous q, k and v
        .transpose(2, 0, 3, 1, 4);
    NDArray q = qkvAll.get(0);
    NDArray k = qkvAll.get(1);
    NDArray v = qkvAll.get(2);
    if (qStride > 0) {
      NDArray pooled = MaxPool2d.maxPool2d(
          // (B, heads, H*W, headDim) -> (B, H*W, heads, headDim) -> (B, H, W, dimOut)
          // -> (B, dimOut, H, W)
          q.transpose(0, 2, 1, 3).reshape(b, h, w, dimOut).transpose(0, 3, 1, 2),
          qStride, qStride);
      h = pooled.getShape().get(2);
      w = pooled.getShape().get(3);
      q = pooled
          // (B, dimOut, H', W') -> (B, H', W', dimOut) -> (B, H'*W', heads, headDim)
          .transpose(0, 2, 3, 1).reshape(b, h * w, numHeads, headDim)
          // -> (B, heads, H'*W', headDim)
          .transpose(0, 2, 1, 3);
    }
    NDArray out = Attention.sdpa(q, k, v, MultiScaleBlock.CHUNK_ELEMENTS)
        // (B, heads, H'*W', headDim) -> (B, H'*W', heads, headDim) -> (B, H', W', dimOut)
        .transpose(0, 2, 1, 3).reshape(b, h, w, dimOut);
    return proj.forward(out);
  }
}
