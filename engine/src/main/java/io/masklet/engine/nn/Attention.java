package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Scaled-dot-product attention, {@code F.scaled_dot_product_attention(q, k, v)}. Where libtorch's
 * fused kernel applies ({@link FusedAttention}: 4-D inputs) and is the faster choice, it runs
 * that; otherwise, and with {@code -Dmasklet.attention=composite}, it is built from matmul +
 * softmax, with queries processed in chunks so the attention matrix never exceeds {@link
 * #MAX_SCORE_ELEMENTS} floats: at 1024 input, global Hiera attention and memory attention would
 * otherwise need several GiB at once.
 */
public final class Attention {
  /**
   * Upper bound on the elements of one (B, heads, chunk, Lk) score block: 6 Mi floats (24 MiB),
   * below the largest block the allocator recycles ({@link
   * io.masklet.engine.runtime.NativeRuntime#MMAP_THRESHOLD_BYTES}). With 256 MiB blocks every
   * block of a memory attention was a fresh mapping the kernel had to fault in and zero, most
   * of the propagation's system time; the matmuls stay large (hundreds of query rows against
   * every key).
   */
  public static final long MAX_SCORE_ELEMENTS = 6L << 20;
  /** At most this many keys (and more queries than keys) take the transposed-softmax path. */
  static final long SMALL_KEY_COUNT = 64;

  private Attention() {}

  /**
   * {@code q} (..., Lq, D), {@code k} (..., Lk, D), {@code v} (..., Lk, Dv) → (..., Lq, Dv), with
   * scale 1/sqrt(D) as torch's default.
   */
  public static NDArray sdpa(NDArray q, NDArray k, NDArray v) {
    return sdpa(q, k, v, MAX_SCORE_ELEMENTS);
  }

  /**
   * As {@link #sdpa(NDArray, NDArray, NDArray)} with score blocks of at most
   * {@code maxScoreElements} floats where the composite form runs (the fused kernel forms no
   * score matrix): callers on a hot path pick blocks small enough to be recycled by the
   * allocator instead of being mapped (and page-faulted) afresh on every call.
   */
  public static NDArray sdpa(NDArray q, NDArray k, NDArray v, long maxScoreElements) {
    if (FusedAttention.available() && !fewKeys(q, k) && FusedAttention.accepts(q, k, v)) {
      return FusedAttention.apply(q, k, v);
    }
    return composite(q, k, v, maxScoreElements);
  }

  /**
   * Many queries against at most {@link #SMALL_KEY_COUNT} keys: the transposed composite
   * (see {@link #attendFewKeys}) beats the fused kernel there (decoder image→token attention,
   * 8 × 4096 queries × 7 keys: 0.8 ms against 1.9 ms).
   */
  private static boolean fewKeys(NDArray q, NDArray k) {
    long lq = q.getShape().get(q.getShape().dimension() - 2);
    long lk = k.getShape().get(k.getShape().dimension() - 2);
    return lk <= SMALL_KEY_COUNT && lq > lk;
  }

  /** The matmul–softmax–matmul form, chunked as {@link #sdpa(NDArray, NDArray, NDArray, long)}. */
  static NDArray composite(NDArray q, NDArray k, NDArray v, long maxScoreElements) {
    long[] qs = q.getShape().getShape();
    int nd = qs.length;
    long lq = qs[nd - 2];
    long d = qs[nd - 1];
    long lk = k.getShape().get(nd - 2);
    long batch = 1;
    for (int i = 0; i < nd - 2; i++) {
      batch *= qs[i];
    }
    // scale q first like torch's math kernel does, for the same rounding
    NDArray qScaled = q.mul((float) (1.0 / Math.sqrt(d)));
    if (fewKeys(q, k)) {
      return attendFewKeys(qScaled, k, v);
    }
    long rowsPerChunk = Math.max(1, maxScoreElements / Math.max(1, batch * lk));
    NDArray kt = k.swapAxes(-1, -2); // (..., Lk, D) -> (..., D, Lk)
    if (rowsPerChunk >= lq) {
      return attendChunk(qScaled, kt, v);
    }
    return Chunked.overRanges(q.getManager(), lq, rowsPerChunk, nd - 2, (start, end, scope) -> {
      NDArray qc = qScaled.get(chunkIndex(nd, start, end));
      qc.attach(scope);
      return attendChunk(qc, kt, v);
    });
  }

  /**
   * Many queries, few keys (the decoder's image→token attention: 4096 pixels, ~7 tokens):
   * libtorch's softmax over a short last dimension is slow (~20x), so the scores are formed
   * transposed, (..., Lk, Lq), and normalized over Lk as dimension -2 where the long Lq axis is
   * contiguous. Same dot products and the same softmax, only the memory layout differs.
   */
  private static NDArray attendFewKeys(NDArray qScaled, NDArray k, NDArray v) {
    NDArray scoresT = k.matMul(qScaled.swapAxes(-1, -2)); // (..., Lk, D) @ (..., D, Lq) -> (..., Lk, Lq)
    NDArray probsT = scoresT.softmax(-2);
    return probsT.swapAxes(-1, -2).matMul(v); // (..., Lq, Lk) @ (..., Lk, Dv) -> (..., Lq, Dv)
  }

  private static NDArray attendChunk(NDArray qScaled, NDArray kt, NDArray v) {
    NDArray scores = qScaled.matMul(kt);
    NDArray probs = scores.softmax(-1);
    return probs.matMul(v);
  }

  private static NDIndex chunkIndex(int nd, long start, long end) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < nd - 2; i++) {
      sb.append(":,");
    }
    sb.append(start).append(':').append(end).append(",:");
    return new NDIndex(sb.toString());
  }
}
