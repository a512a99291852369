package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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

  /** {@code x} (B, H, W, dim) → (B, H', W', dimOut); x is left as it is. */
  public NDArray forward(NDArray x) {
    return forward(x, false);
  }

  /**
   * {@link #forward(NDArray)}; with {@code inputWritable} the block may use x's memory for its
   * result (the caller's own temporary, not shared with anyone).
   */
  NDArray forward(NDArray x, boolean inputWritable) {
    NDArray shortcut = x;
    boolean shortcutWritable = inputWritable;
    x = norm1.forward(x);
    if (dim != dimOut) {
      shortcut = pool(proj.forward(x), qStride);
      shortcutWritable = true;
    }
    int ws = windowSize;
    long h = x.getShape().get(1);
    long w = x.getShape().get(2);
    if (ws > 0 && shortcutWritable && Windows.padding(h, ws) == 0
        && Windows.padding(w, ws) == 0) {
      x = attendIntoShortcut(Windows.partition(x, ws).windows(), shortcut);
    } else {
      x = attendAndAdd(x, shortcut);
    }
    // the MLP is per token: run it over row chunks so the 4x-wide hidden layer stays small
    long[] shape = x.getShape().getShape();
    NDArray tokens = x.reshape(-1, dimOut); // (B, H, W, C) -> (B*H*W, C)
    // x is this block's own temporary, so the residual goes into its rows in place (no concat)
    Chunked.updateRows(tokens, Chunked.rows(CHUNK_ELEMENTS, (long) (dimOut * MLP_RATIO)),
        t -> t.addi(mlp.forward(norm2.forward(t))));
    return tokens.reshape(shape);
  }

  /** Attention on the normalized map {@code x} plus {@code shortcut}, as a new array. */
  private NDArray attendAndAdd(NDArray x, NDArray shortcut) {
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
    if (qStride > 0 && ws > 0) {
      // the queries were pooled: windows and map shrank by the stride
      ws = windowSize / qStride;
      paddedH = shortcut.getShape().get(1) + Windows.padding(shortcut.getShape().get(1), ws);
      paddedW = shortcut.getShape().get(2) + Windows.padding(shortcut.getShape().get(2), ws);
    }
    // shortcut + x rather than x + shortcut: the same sum (float addition commutes), laid out
    // like the shortcut
    return ws > 0 ? Windows.unpartitionAdd(x, ws, paddedH, paddedW, shortcut)
        : x.addi(shortcut);
  }

  /**
   * Windowed attention whose results are added straight into the shortcut's memory, a chunk of
   * window rows at a time: neither the concatenated attention output nor the unpartitioned map
   * is ever made. {@code windows} (B*nh*nw, ws, ws, dim) tile the map exactly; {@code shortcut}
   * (B, H', W', dimOut) is writable. Returns the sum (B, H', W', dimOut), the same values as
   * {@link #attendAndAdd}.
   */
  private NDArray attendIntoShortcut(NDArray windows, NDArray shortcut) {
    long[] s = shortcut.getShape().getShape();
    long c = s[3];
    int ws = qStride > 0 ? windowSize / qStride : windowSize;
    long nh = s[1] / ws;
    long nw = s[2] / ws;
    // (B, H', W', C) -> (B*nh, ws, nw, ws, C): a view of the shortcut when it is contiguous,
    // else a copy; either way the sums land in `rows`, which is then the result
    NDArray rows = shortcut.reshape(s[0] * nh, ws, nw, ws, c);
    long rowsPerChunk = Math.max(1, attn.itemsPerChunk(windows) / nw);
    Chunked.updateRowRanges(rows, rowsPerChunk, (slice, start, end) -> {
      // the windows of these window rows: (n*nw, ws, ws, dim), contiguous
      NDArray win = windows.get(new NDIndex("{}:{}", start * nw, end * nw));
      win.attach(slice.getManager());
      NDArray y = attn.attend(win)
          // (n*nw, ws', ws', C) -> (n, nw, ws', ws', C) -> (n, ws', nw, ws', C), strided
          .reshape(end - start, nw, ws, ws, c).transpose(0, 2, 1, 3, 4);
      // shortcut + attention, as in attendAndAdd (float addition commutes)
      slice.addi(y);
    });
    // (B*nh, ws', nw, ws', C) -> (B, H', W', C)
    return rows.reshape(s);
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
