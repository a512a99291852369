package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.MLP;
import io.masklet.engine.nn.Chunked;
import io.masklet.engine.nn.LayerNorm;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.MaxPool2d;
import io.masklet.engine.nn.Module;

/**
 * Port of sam2/modeling/backbones/hieradet.py::MultiScaleBlock: pre-norm transformer block of
 * Hiera, with windowed or global attention and, at a stage change, query pooling plus a
 * projected and pooled shortcut.
 */
public final class MultiScaleBlock extends Module {
  /** Hiera's blocks use LayerNorm with eps 1e-6 and an MLP ratio of 4 with exact GELU. */
  public static final float NORM_EPS = 1e-6f;
  public static final double MLP_RATIO = 4.0;
  /**
   * Largest temporary (in floats, 16 MiB) of one chunk of the token-wise parts: small enough for
   * the allocator to recycle it, large enough for efficient matmuls.
   */
  static final long CHUNK_ELEMENTS = 4L << 20;

  private final int dim;
  private final int dimOut;
  private final int windowSize;
  /** Pooling kernel = stride at a stage change, else 0. */
  private final int qStride;
  private final LayerNorm norm1;
  private final MultiScaleAttention attn;
  private final LayerNorm norm2;
  private final MLP mlp;
  private final Linear proj;

  public MultiScaleBlock(int dim, int dimOut, int numHeads, int qStride, int windowSize) {
    if (qStride > 0 && windowSize > 0 && windowSize % qStride != 0) {
      throw new IllegalArgumentException(
          "window size " + windowSize + " is not divisible by the query stride " + qStride);
    }
    this.dim = dim;
    this.dimOut = dimOut;
    this.windowSize = windowSize;
    this.qStride = qStride;
    this.norm1 = child("norm1", new LayerNorm(dim, NORM_EPS));
    this.attn = child("attn", new MultiScaleAttention(dim, dimOut, numHeads, qStride));
    this.norm2 = child("norm2", new LayerNorm(dimOut, NORM_EPS));
    this.mlp = child("mlp",
        new MLP(dimOut, (int) (dimOut * MLP_RATIO), dimOut, 2, "gelu", false));
    this.proj = dim != dimOut ? child("proj", new Linear(dim, dimOut)) : null;
  }

  public int dim() {
    return dim;
  }

  public int dimOut() {
    return dimOut;
  }

  /** Attention window size, 0 for global attention. */
  public int windowSize() {
    return windowSize;
  }

  /** Query pooling stride at a stage change, else 0. */
  public int qStride() {
    return qStride;
  }

  /** {@code x} (B, H, W, dim) → (B, H', W', dimOut). */
  public NDArray forward(NDArray x) {
    NDArray shortcut = x;
    x = norm1.forward(x);
    if (dim != dimOut) {
      shortcut = pool(proj.forward(x), qStride);
    }
    int ws = windowSize;
    long h = x.getShape().get(1);
    long w = x.getShape().get(2);
    long paddedH = h;
    long paddedW = w;
    if (ws > 0) {
      Windows.Partition part = Windows.partition(x, ws);
      x = part.windows();
      paddedH = part.paddedH();
      paddedW = part.paddedW();
    }
    x = attn.forward(x);
    if (qStride > 0) {
      // the queries were pooled: windows and map shrank by the stride
      ws = windowSize / qStride;
      h = shortcut.getShape().get(1);
      w = shortcut.getShape().get(2);
      if (ws > 0) {
        paddedH = h + Windows.padding(h, ws);
        paddedW = w + Windows.padding(w, ws);
      }
    }
    // shortcut + x rather than x + shortcut: the same sum (float addition commutes), laid out
    // like the shortcut
    x = windowSize > 0 ? Windows.unpartitionAdd(x, ws, paddedH, paddedW, shortcut)
        : x.addi(shortcut);
    // the MLP is per token: run it over row chunks so the 4x-wide hidden layer stays small
    long[] shape = x.getShape().getShape();
    NDArray tokens = x.reshape(-1, dimOut); // (B, H, W, C) -> (B*H*W, C)
    // x is this block's own temporary, so the residual goes into its rows in place (no concat)
    Chunked.updateRows(tokens, Chunked.rows(CHUNK_ELEMENTS, (long) (dimOut * MLP_RATIO)),
        t -> t.addi(mlp.forward(norm2.forward(t))));
    return tokens.reshape(shape);
  }

  /** Port of hieradet.py::do_pool without norm: max-pools a (B, H, W, C) map, or returns it. */
  static NDArray pool(NDArray x, int stride) {
    if (stride <= 0) {
      return x;
    }
    // (B, H, W, C) -> (B, C, H, W)
    NDArray pooled = MaxPool2d.maxPool2d(x.transpose(0, 3, 1, 2), stride, stride);
    // (B, C, H', W') -> (B, H', W', C)
    return pooled.transpose(0, 2, 3, 1);
  }
}
