package io.masklet.engine.modeling.sam;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.Module;

/**
 * Port of sam2/modeling/sam/transformer.py::Attention: multi-head attention whose projections
 * may shrink the width by {@code downsampleRate} (the decoder's cross attentions use 2), with
 * keys/values optionally of another width ({@code kvInDim}).
 */
public class Attention extends Module {
  protected final int numHeads;
  protected final int internalDim;
  protected final Linear qProj;
  protected final Linear kProj;
  protected final Linear vProj;
  protected final Linear outProj;

  public Attention(int embeddingDim, int numHeads) {
    this(embeddingDim, numHeads, 1, embeddingDim);
  }

  public Attention(int embeddingDim, int numHeads, int downsampleRate) {
    this(embeddingDim, numHeads, downsampleRate, embeddingDim);
  }

  public Attention(int embeddingDim, int numHeads, int downsampleRate, int kvInDim) {
    this.numHeads = numHeads;
    this.internalDim = embeddingDim / downsampleRate;
    if (internalDim % numHeads != 0) {
      throw new IllegalArgumentException("num_heads " + numHeads + " must divide " + internalDim);
    }
    this.qProj = child("q_proj", new Linear(embeddingDim, internalDim));
    this.kProj = child("k_proj", new Linear(kvInDim, internalDim));
    this.vProj = child("v_proj", new Linear(kvInDim, internalDim));
    this.outProj = child("out_proj", new Linear(internalDim, embeddingDim));
  }

  /** {@code q} (B, Nq, C), {@code k} and {@code v} (B, Nk, Ckv) → (B, Nq, C). */
  public NDArray forward(NDArray q, NDArray k, NDArray v) {
    return attendHeads(projectQueries(q), projectKeys(k), projectValues(v));
  }

  /**
   * {@link #forward} for few queries and many keys (the decoder's token→image attention: ~8
   * tokens, 4096 pixels) with the key and value projections moved off the keys: per head h,
   * {@code scores_h = (q_h Wk_h) k^T} (the {@code q_h·bk_h} term is the same for every key of a
   * row, so the softmax cancels it) and {@code out_h = (P_h v) Wv_h^T + bv_h} (softmax rows sum
   * to 1). Mathematically equal to {@link #forward}; the rounding differs (sums reassociated).
   * Falls back to {@link #forward} when that is not fewer operations ({@code heads * Nq} must be
   * below the internal width).
   */
  public NDArray forwardFewQueries(NDArray q, NDArray k, NDArray v) {
    long nq = q.getShape().get(q.getShape().dimension() - 2);
    if (numHeads * nq >= internalDim) {
      return forward(q, k, v);
    }
    NDArray qh = projectQueries(q); // (B, H, Nq, d)
    long d = internalDim / numHeads;
    long ckv = k.getShape().get(k.getShape().dimension() - 1);
    // reshapes of the weights are new handles in the weights' manager: move them to this call's
    NDArray wk = kProj.weight().reshape(numHeads, d, ckv); // (H*d, Ckv) -> (H, d, Ckv)
    wk.attach(q.getManager());
    NDArray wv = vProj.weight().reshape(numHeads, d, ckv); // (H*d, Ckv) -> (H, d, Ckv)
    wv.attach(q.getManager());
    NDArray bv = vProj.bias().reshape(numHeads, 1, d); // (H*d) -> (H, 1, d)
    bv.attach(q.getManager());
    float scale = (float) (1.0 / Math.sqrt(d));
    long b = qh.getShape().get(0);
    // heads folded into the rows so the keys are read once, not broadcast (copied) per head
    NDArray qk = qh.mul(scale).matMul(wk) // (B, H, Nq, d) @ (H, d, Ckv) -> (B, H, Nq, Ckv)
        .reshape(b, numHeads * nq, ckv); // -> (B, H*Nq, Ckv)
    NDArray scores = qk.matMul(k.swapAxes(-1, -2)); // @ (B, Ckv, Nk) -> (B, H*Nq, Nk)
    NDArray probs = scores.softmax(-1);
    NDArray pv = probs.matMul(v) // @ (B, Nk, Ckv) -> (B, H*Nq, Ckv)
        .reshape(b, numHeads, nq, ckv); // -> (B, H, Nq, Ckv)
    NDArray out = pv.matMul(wv.swapAxes(-1, -2)) // @ (H, Ckv, d) -> (B, H, Nq, d)
        .addi(bv);
    return outProj.forward(recombineHeads(out));
  }

  /**
   * {@link #forward} for many queries and few keys (the decoder's image→token attention: 4096
   * pixels, ~8 tokens) with the query and output projections moved off the queries: per head h,
   * {@code scores_h^T = (k_h Wq_h) q^T + k_h bq_h} and
   * {@code out = sum_h P_h (v_h Wo_h^T) + bo}. Mathematically equal to {@link #forward}; the
   * rounding differs (sums reassociated). Scores are kept transposed, (B, H*Nk, Nq), so the
   * softmax runs over the short key axis with the long axis contiguous. Falls back to
   * {@link #forward} when that is not fewer operations ({@code heads * Nk} must be below the
   * internal width).
   */
  public NDArray forwardFewKeys(NDArray q, NDArray k, NDArray v) {
    return forwardFewKeys(null, q, k, v);
  }

  /**
   * {@code residual + forwardFewKeys(q, k, v)}, {@code residual} (B or 1, Nq, Cout): the
   * attention block's skip connection taken into the final matmul. The output bias moves into
   * the per-key values as {@code bo / heads} (each head's probabilities sum to 1, so the heads
   * together add exactly {@code bo}); for one prompt set the sum is then a single
   * {@code addmm(residual, P^T, V')} instead of a matmul and two passes over the pixels.
   */
  public NDArray forwardFewKeysPlus(NDArray residual, NDArray q, NDArray k, NDArray v) {
    return forwardFewKeys(residual, q, k, v);
  }

  private NDArray forwardFewKeys(NDArray residual, NDArray q, NDArray k, NDArray v) {
    long nk = k.getShape().get(k.getShape().dimension() - 2);
    if (!foldsFewKeys(nk)) {
      NDArray out = forward(q, k, v);
      return residual == null ? out : residual.add(out);
    }
    NDArray kh = projectKeys(k); // (B, H, Nk, d)
    NDArray vh = projectValues(v); // (B, H, Nk, d)
    long b = kh.getShape().get(0);
    long d = internalDim / numHeads;
    long[] qs = q.getShape().getShape();
    long nq = qs[qs.length - 2];
    long c = qs[qs.length - 1];
    long cOut = outProj.weight().getShape().get(0);
    // reshapes of the weights are new handles in the weights' manager: move them to this call's
    NDArray wq = qProj.weight().reshape(numHeads, d, c); // (H*d, C) -> (H, d, C)
    wq.attach(q.getManager());
    NDArray bq = qProj.bias().reshape(numHeads, d, 1); // (H*d) -> (H, d, 1)
    bq.attach(q.getManager());
    NDArray wo = outProj.weight().reshape(cOut, numHeads, d) // (Cout, H*d) -> (Cout, H, d)
        .transpose(1, 2, 0); // -> (H, d, Cout)
    wo.attach(q.getManager());
    float scale = (float) (1.0 / Math.sqrt(d));
    NDArray ks = kh.mul(scale);
    NDArray kw = ks.matMul(wq) // (B, H, Nk, d) @ (H, d, C) -> (B, H, Nk, C)
        .reshape(b, numHeads * nk, c); // -> (B, H*Nk, C)
    NDArray kb = ks.matMul(bq) // (B, H, Nk, d) @ (H, d, 1) -> (B, H, Nk, 1)
        .reshape(b, numHeads * nk, 1); // -> (B, H*Nk, 1)
    NDArray probsT = kw.matMul(q.swapAxes(-1, -2)).addi(kb) // @ (B, C, Nq) -> (B, H*Nk, Nq)
        .reshape(b, numHeads, nk, nq).softmax(-2) // per head over its keys
        .reshape(b, numHeads * nk, nq); // (B, H, Nk, Nq) -> (B, H*Nk, Nq)
    NDArray vw = vh.matMul(wo) // (B, H, Nk, d) @ (H, d, Cout) -> (B, H, Nk, Cout)
        .reshape(b, numHeads * nk, cOut); // -> (B, H*Nk, Cout)
    if (residual == null) {
      return probsT.swapAxes(-1, -2).matMul(vw) // (B, Nq, H*Nk) @ (B, H*Nk, Cout) -> (B, Nq, Cout)
          .addi(outProj.bias());
    }
    NDArray share = outProj.bias().div(numHeads); // the bias shared out over the heads
    share.attach(q.getManager()); // computed from a weight: free it with this call's scope
    NDArray vwb = vw.addi(share);
    if (b == 1 && residual.getShape().get(0) == 1) {
      // libtorch's linear with a 2-D input and a full-size bias is one addmm
      NDArray p2 = probsT.reshape(numHeads * nk, nq).transpose(); // (1, H*Nk, Nq) -> (Nq, H*Nk)
      NDArray w2 = vwb.reshape(numHeads * nk, cOut).transpose(); // (1, H*Nk, Cout) -> (Cout, H*Nk)
      return Linear.linear(p2, w2, residual.reshape(nq, cOut)) // residual + p2 w2^T: (Nq, Cout)
          .reshape(1, nq, cOut); // -> (1, Nq, Cout)
    }
    return probsT.swapAxes(-1, -2).matMul(vwb) // (B, Nq, H*Nk) @ (B, H*Nk, Cout) -> (B, Nq, Cout)
        .addi(residual);
  }

  /**
   * Whether {@link #forwardFewKeys} takes its folded path for {@code nk} keys (fewer operations
   * than projecting the queries) rather than falling back to {@link #forward}.
   */
  public boolean foldsFewKeys(long nk) {
    return numHeads * nk < internalDim;
  }

  /** {@code q_proj} with heads separated: (B, Nq, C) → (B, heads, Nq, C'/heads). */
  public NDArray projectQueries(NDArray q) {
    return separateHeads(qProj.forward(q), numHeads);
  }

  /** {@code k_proj} with heads separated: (B, Nk, Ckv) → (B, heads, Nk, C'/heads). */
  public NDArray projectKeys(NDArray k) {
    return separateHeads(kProj.forward(k), numHeads);
  }

  /** {@code v_proj} with heads separated: (B, Nk, Ckv) → (B, heads, Nk, C'/heads). */
  public NDArray projectValues(NDArray v) {
    return separateHeads(vProj.forward(v), numHeads);
  }

  /**
   * The rest of {@link #forward} on projected heads (batch dimensions broadcast, so a
   * batch-1 side can be shared by B prompt sets) → (B, Nq, C).
   */
  public NDArray attendHeads(NDArray qh, NDArray kh, NDArray vh) {
    NDArray out = io.masklet.engine.nn.Attention.sdpa(qh, kh, vh);
    return outProj.forward(recombineHeads(out));
  }

  /** (B, N, C) → (B, heads, N, C/heads). */
  public static NDArray separateHeads(NDArray x, int numHeads) {
    long[] s = x.getShape().getShape();
    return x.reshape(s[0], s[1], numHeads, s[2] / numHeads) // (B, N, C) -> (B, N, h, C/h)
        .transpose(0, 2, 1, 3); // -> (B, h, N, C/h)
  }

  /** (B, heads, N, C/heads) → (B, N, C). */
  public static NDArray recombineHeads(NDArray x) {
    long[] s = x.getShape().getShape();
    return x.transpose(0, 2, 1, 3) // (B, h, N, c) -> (B, N, h, c)
        .reshape(s[0], s[2], s[1] * s[3]); // -> (B, N, h*c)
  }
}
