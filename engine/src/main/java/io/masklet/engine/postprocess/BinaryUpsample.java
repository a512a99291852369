package io.masklet.engine.postprocess;

import java.util.stream.IntStream;

/**
 * {@code F.interpolate(x, (outH, outW), mode="bilinear", align_corners=False) > threshold} on
 * low-resolution mask logits, computed in Java straight into a binary mask: what the image
 * predictor returns when logits are not asked for. Separable like libtorch's CPU kernel (along
 * the width first, then the height), with torch's source index and weights for an upscale:
 * {@code src = (dst + 0.5) * in / out - 0.5}, clamped at 0, between the two nearest pixels
 * (the last one repeated at the far edge). The upsampled float image is never materialized:
 * each block of output rows interpolates the few source rows it needs, and the blocks of all
 * planes run in parallel.
 *
 * <p>Equal to the libtorch result up to float rounding of the weights (a pixel can only flip
 * where the interpolated logit is within rounding of the threshold).
 */
public final class BinaryUpsample {
  /** Output rows per parallel task. */
  private static final int ROWS_PER_TASK = 64;

  private BinaryUpsample() {}

  /** Source pixel pairs and weights of one axis: output o = w0[o] * in[i0[o]] + w1[o] * in[i1[o]]. */
  record Taps(int[] i0, int[] i1, float[] w0, float[] w1) {
    static Taps of(int in, int out) {
      int[] i0 = new int[out];
      int[] i1 = new int[out];
      float[] w0 = new float[out];
      float[] w1 = new float[out];
      float scale = (float) in / out;
      for (int o = 0; o < out; o++) {
        float src = Math.max(scale * (o + 0.5f) - 0.5f, 0f);
        int lo = Math.min((int) src, in - 1);
        float l1 = src - lo;
        i0[o] = lo;
        i1[o] = lo < in - 1 ? lo + 1 : lo;
        w0[o] = 1f - l1;
        w1[o] = l1;
      }
      return new Taps(i0, i1, w0, w1);
    }
  }

  /**
   * {@code planes} consecutive (inH, inW) float planes of {@code logits} → one (outH, outW)
   * mask per plane, 1 where the upsampled logit is above {@code threshold}, else 0.
   */
  public static byte[][] threshold(float[] logits, int planes, int inH, int inW, int outH,
      int outW, float threshold) {
    if ((long) planes * inH * inW > logits.length) {
      throw new IllegalArgumentException(planes + " planes of " + inH + "x" + inW
          + " do not fit " + logits.length + " logits");
    }
    Taps rows = Taps.of(inH, outH);
    Taps cols = Taps.of(inW, outW);
    byte[][] out = new byte[planes][outH * outW];
    int blocks = (outH + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    IntStream.range(0, planes * blocks).parallel().forEach(task -> {
      int p = task / blocks;
      int y0 = (task % blocks) * ROWS_PER_TASK;
      int y1 = Math.min(outH, y0 + ROWS_PER_TASK);
      block(logits, p * inH * inW, inW, outW, threshold, rows, cols, y0, y1, out[p]);
    });
    return out;
  }

  /** Output rows [y0, y1) of one plane. */
  private static void block(float[] in, int offset, int inW, int outW, float threshold,
      Taps rows, Taps cols, int y0, int y1, byte[] dst) {
    int r0 = rows.i0()[y0];
    int r1 = rows.i1()[y1 - 1];
    // the source rows this block reads, interpolated along the width
    float[] wide = new float[(r1 - r0 + 1) * outW];
    for (int r = r0; r <= r1; r++) {
      int src = offset + r * inW;
      int base = (r - r0) * outW;
      for (int x = 0; x < outW; x++) {
        wide[base + x] = cols.w0()[x] * in[src + cols.i0()[x]] + cols.w1()[x] * in[src + cols.i1()[x]];
      }
    }
    for (int y = y0; y < y1; y++) {
      int a = (rows.i0()[y] - r0) * outW;
      int b = (rows.i1()[y] - r0) * outW;
      float h0 = rows.w0()[y];
      float h1 = rows.w1()[y];
      int o = y * outW;
      for (int x = 0; x < outW; x++) {
        dst[o + x] = h0 * wide[a + x] + h1 * wide[b + x] > threshold ? (byte) 1 : 0;
      }
    }
  }
}
