package io.masklet.engine.modeling.memory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Port of sam2/modeling/position_encoding.py::compute_axial_cis and ::apply_rotary_enc: 2-D
 * rotary position encoding over a feature grid. The official code multiplies complex numbers;
 * here the rotation factors are kept as separate cosine and sine tables and the complex
 * product {@code (a + ib)(c + is) = (ac - bs) + i(as + bc)} is written out in real arithmetic,
 * which is the same float32 computation.
 */
public final class AxialRope {
  private AxialRope() {}

  /**
   * The rotation factors of one grid: {@code cos}, {@code sin} both (endX*endY, dim/2), the
   * first dim/4 columns rotating by the x coordinate and the last dim/4 by the y coordinate.
   */
  public record Cis(NDArray cos, NDArray sin) {
    public long length() {
      return cos.getShape().get(0);
    }
  }

  /**
   * Port of compute_axial_cis: positions t = 0..endX*endY-1 in row-major order, x = t mod endX,
   * y = t div endX; frequencies 1 / theta^(4i/dim) for i < dim/4.
   */
  public static Cis computeAxialCis(NDManager manager, int dim, int endX, int endY, float theta) {
    int quarter = dim / 4;
    // arange(0, dim, 4)[:dim/4] / dim, then theta ** that, all float32 like torch
    NDArray exponents = manager.arange(0f, (float) dim, 4f).get(new NDIndex("0:" + quarter)).div((float) dim);
    NDArray freqs = manager.full(exponents.getShape(), theta).pow(exponents);
    freqs = manager.ones(freqs.getShape()).div(freqs);
    NDArray t = manager.arange(0f, (float) (endX * endY), 1f, DataType.FLOAT32);
    NDArray tx = t.mod((float) endX);
    NDArray ty = t.sub(tx).div((float) endX).floor();
    // outer products (N) x (dim/4) -> (N, dim/4)
    NDArray ax = tx.reshape(-1, 1).mul(freqs.reshape(1, -1));
    NDArray ay = ty.reshape(-1, 1).mul(freqs.reshape(1, -1));
    NDArray angles = NDArrays.concat(new NDList(ax, ay), 1); // (N, dim/2)
    return new Cis(angles.cos(), angles.sin());
  }

  /**
   * Rotates consecutive pairs (x[2i], x[2i+1]) of the last dimension of {@code x}
   * (..., L, D) by the angles of {@code cis}; when {@code repeat} is true, L may be a multiple r
   * of the grid length and the factors are tiled r times along L (the official
   * {@code repeat_freqs_k}, used for keys of several memory frames).
   */
  public static NDArray apply(NDArray x, Cis cis, boolean repeat) {
    long[] s = x.getShape().getShape();
    int nd = s.length;
    long len = s[nd - 2];
    long d = s[nd - 1];
    if (len == 0) {
      return x;
    }
    long n = cis.length();
    if (len != n && (!repeat || len % n != 0)) {
      throw new IllegalArgumentException("rotary encoding for " + n
          + " positions cannot be applied to " + len + " tokens");
    }
    // With repeat, the r = L/N frames reuse the grid's factors: view the tokens as (r, N) and
    // let (N, D/2) broadcast over r, the same values the official expand+flatten produces.
    long r = len / n;
    long[] pairShape = new long[nd + 2];
    System.arraycopy(s, 0, pairShape, 0, nd - 2);
    pairShape[nd - 2] = r;
    pairShape[nd - 1] = n;
    pairShape[nd] = d / 2;
    pairShape[nd + 1] = 2;
    NDArray pairs = x.reshape(pairShape); // (..., L, D) -> (..., r, N, D/2, 2)
    NDArray re = pairs.get(new NDIndex("..., 0"));
    NDArray im = pairs.get(new NDIndex("..., 1"));
    NDArray cos = cis.cos();
    NDArray sin = cis.sin();
    NDArray outRe = re.mul(cos).sub(im.mul(sin));
    NDArray outIm = re.mul(sin).add(im.mul(cos));
    // (..., r, N, D/2) x2 -> (..., r, N, D/2, 2) -> (..., L, D)
    return NDArrays.stack(new NDList(outRe, outIm), -1).reshape(s);
  }
}
