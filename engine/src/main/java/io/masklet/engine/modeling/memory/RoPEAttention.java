package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.masklet.engine.nn.Attention;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.Module;

/**
 * Port of sam2/modeling/sam/transformer.py::RoPEAttention: multi-head attention whose queries
 * and (the first {@code Lk - numKExcludeRope}) keys are rotated by a 2-D axial rotary encoding
 * of the square query grid. With {@code ropeKRepeat}, keys spanning several memory frames reuse
 * the grid's factors for each frame.
 */
public final class RoPEAttention extends Module {
  private final Linear qProj;
  private final Linear kProj;
  private final Linear vProj;
  private final Linear outProj;
  private final int numHeads;
  private final int headDim;
  private final float ropeTheta;
  private final boolean ropeKRepeat;
  /** Factors for the most recent grid length, rebuilt when the query length changes. */
  private AxialRope.Cis cis;
  private NDManager cisManager;

  public RoPEAttention(int embeddingDim, int numHeads, int downsampleRate, int kvInDim,
      float ropeTheta, boolean ropeKRepeat) {
    int internalDim = embeddingDim / downsampleRate;
    if (internalDim % numHeads != 0) {
      throw new IllegalArgumentException("num_heads " + numHeads + " must divide " + internalDim);
    }
    this.qProj = child("q_proj", new Linear(embeddingDim, internalDim));
    this.kProj = child("k_proj", new Linear(kvInDim, internalDim));
    this.vProj = child("v_proj", new Linear(kvInDim, internalDim));
    this.outProj = child("out_proj", new Linear(internalDim, embeddingDim));
    this.numHeads = numHeads;
    this.headDim = internalDim / numHeads;
    this.ropeTheta = ropeTheta;
    this.ropeKRepeat = ropeKRepeat;
  }

  /**
   * {@code q} (B, Lq, C), {@code k}, {@code v} (B, Lk, Ckv) → (B, Lq, C). The last
   * {@code numKExcludeRope} keys (object-pointer tokens) are not rotated.
   */
  public NDArray forward(NDArray q, NDArray k, NDArray v, int numKExcludeRope) {
    NDArray qh = separateHeads(qProj.forward(q));
    NDArray kh = separateHeads(kProj.forward(k));
    NDArray vh = separateHeads(vProj.forward(v));
    long lq = qh.getShape().get(2);
    long lk = kh.getShape().get(2);
    if (lq != lk && !ropeKRepeat) {
      throw new IllegalArgumentException("query length " + lq + " != key length " + lk
          + " needs rope_k_repeat");
    }
    AxialRope.Cis c = cisFor(lq, q.getManager());
    qh = AxialRope.apply(qh, c, false);
    long numKRope = lk - numKExcludeRope;
    if (numKExcludeRope == 0) {
      kh = AxialRope.apply(kh, c, ropeKRepeat);
    } else {
      NDArray rotated = AxialRope.apply(kh.get(new NDIndex(":, :, :" + numKRope)), c, ropeKRepeat);
      NDArray kept = kh.get(new NDIndex(":, :, " + numKRope + ":"));
      kh = NDArrays.concat(new NDList(rotated, kept), 2);
    }
    NDArray out = Attention.sdpa(qh, kh, vh);
    return outProj.forward(recombineHeads(out));
  }

  private synchronized AxialRope.Cis cisFor(long lq, NDManager requester) {
    if (cis == null || cis.length() != lq) {
      // the official module recomputes with w = h = sqrt(Lq) when the grid changes
      int side = (int) Math.round(Math.sqrt(lq));
      if ((long) side * side != lq) {
        throw new IllegalArgumentException("rotary attention needs a square grid, got " + lq + " queries");
      }
      if (cisManager != null) {
        cisManager.close();
      }
      cisManager = requester.getEngine().newBaseManager();
      cis = AxialRope.computeAxialCis(cisManager, headDim, side, side, ropeTheta);
    }
    return cis;
  }

  // (B, L, C) -> (B, L, heads, C/heads) -> (B, heads, L, C/heads)
  private NDArray separateHeads(NDArray x) {
    long b = x.getShape().get(0);
    long n = x.getShape().get(1);
    return x.reshape(b, n, numHeads, headDim).transpose(0, 2, 1, 3);
  }

  // (B, heads, L, d) -> (B, L, heads, d) -> (B, L, heads*d)
  private NDArray recombineHeads(NDArray x) {
    long b = x.getShape().get(0);
    long n = x.getShape().get(2);
    return x.transpose(0, 2, 1, 3).reshape(b, n, (long) numHeads * headDim);
  }
}
