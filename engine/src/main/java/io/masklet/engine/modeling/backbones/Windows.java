package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Port of sam2/modeling/backbones/utils.py::window_partition and ::window_unpartition: split a
 * channel-last feature map into non-overlapping square windows (zero-padding the bottom/right
 * when the window size does not divide it) and put them back. Both are pure reshape/permute
 * sequences, so the windows become one batch dimension for the attention matmuls.
 */
public final class Windows {
  private Windows() {}

  /** Windows of one feature map and the padded size they came from. */
  public record Partition(NDArray windows, long paddedH, long paddedW) {}

  /** Bottom/right padding that makes {@code size} a multiple of {@code window}. */
  public static long padding(long size, long window) {
    return (window - size % window) % window;
  }

  /** {@code x} (B, H, W, C) → windows (B * nWindows, ws, ws, C) and the padded (Hp, Wp). */
  public static Partition partition(NDArray x, int ws) {
    long[] s = x.getShape().getShape();
    long b = s[0];
    long h = s[1];
    long w = s[2];
    long c = s[3];
    long padH = padding(h, ws);
    long padW = padding(w, ws);
    if (padH > 0 || padW > 0) {
      // torch-style pad list, last dim first: (C: 0,0), (W: 0,padW), (H: 0,padH)
      x = x.pad(new Shape(0, 0, 0, padW, 0, padH), 0);
    }
    long hp = h + padH;
    long wp = w + padW;
    NDArray windows = x
        // (B, Hp, Wp, C) -> (B, Hp/ws, ws, Wp/ws, ws, C)
        .reshape(b, hp / ws, ws, wp / ws, ws, c)
        // -> (B, Hp/ws, Wp/ws, ws, ws, C)
        .transpose(0, 1, 3, 2, 4, 5)
        // -> (B * nWindows, ws, ws, C)
        .reshape(-1, ws, ws, c);
    return new Partition(windows, hp, wp);
  }

  /** {@code windows} (B * nWindows, ws, ws, C) → (B, H, W, C), dropping the padding. */
  public static NDArray unpartition(NDArray windows, int ws, long paddedH, long paddedW, long h,
      long w) {
    long nWindows = (paddedH / ws) * (paddedW / ws);
    long b = windows.getShape().get(0) / nWindows;
    long c = windows.getShape().get(3);
    NDArray x = windows
        // (B * nWindows, ws, ws, C) -> (B, Hp/ws, Wp/ws, ws, ws, C)
        .reshape(b, paddedH / ws, paddedW / ws, ws, ws, c)
        // -> (B, Hp/ws, ws, Wp/ws, ws, C)
        .transpose(0, 1, 3, 2, 4, 5)
        // -> (B, Hp, Wp, C)
        .reshape(b, paddedH, paddedW, c);
    if (paddedH > h || paddedW > w) {
      x = x.get(":, :" + h + ", :" + w + ", :");
    }
    return x;
  }

  /**
   * {@code shortcut} (B, H, W, C) + the unpartitioned {@code windows}: a block's residual sum,
   * a new array laid out like {@code shortcut}. When the windows tile the map exactly they are
   * read in place through a strided view, so the unpartitioned map is never materialized (for
   * Hiera's first stage that copy is as large as the sum itself).
   */
  public static NDArray unpartitionAdd(NDArray windows, int ws, long paddedH, long paddedW,
      NDArray shortcut) {
    long[] s = shortcut.getShape().getShape();
    long b = s[0];
    long h = s[1];
    long w = s[2];
    long c = s[3];
    if (paddedH != h || paddedW != w) {
      return shortcut.add(unpartition(windows, ws, paddedH, paddedW, h, w));
    }
    NDArray tiled = windows
        // (B * nWindows, ws, ws, C) -> (B, H/ws, W/ws, ws, ws, C)
        .reshape(b, h / ws, w / ws, ws, ws, c)
        // -> (B, H/ws, ws, W/ws, ws, C), a strided view
        .transpose(0, 1, 3, 2, 4, 5);
    return shortcut
        // (B, H, W, C) -> (B, H/ws, ws, W/ws, ws, C): the same order, a view
        .reshape(b, h / ws, ws, w / ws, ws, c)
        // the sum takes the first operand's (contiguous) layout
        .add(tiled)
        // -> (B, H, W, C), a view of the sum
        .reshape(b, h, w, c);
  }
}
