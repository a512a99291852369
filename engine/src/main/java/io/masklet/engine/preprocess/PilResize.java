package io.masklet.engine.preprocess;

/**
 * Pillow's {@code Image.resize} on 8-bit RGB with its default filter, bicubic — what the official
 * SAM 2 frame loader applies ({@code Image.open(f).convert("RGB").resize((S, S))}) — reproduced
 * to the byte. Pillow resamples separably, horizontal pass first into an 8-bit intermediate
 * (only the rows the vertical pass needs), then vertical. Each output sample is a convolution
 * with the Keys cubic (a = -0.5) stretched by the downscale factor (so downscaling also
 * antialiases), its weights normalised to sum 1, then converted to 22-bit fixed point and
 * accumulated in integers with round-half-up and clamping to [0, 255].
 */
public final class PilResize {
  /** Support of the bicubic kernel at scale 1. */
  private static final double BICUBIC_SUPPORT = 2.0;
  /** Fixed-point fraction bits of the integer weights: 32 - 8 - 2 (8-bit data, 2 spare bits). */
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResize() {}

  /** Keys' cubic convolution kernel with a = -0.5 (Pillow's BICUBIC). */
  static double bicubic(double x) {
    final double a = -0.5;
    if (x < 0.0) {
      x = -x;
    }
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  /**
   * Weights of one resampling pass from {@code inSize} to {@code outSize} samples: for output
   * {@code i}, input samples {@code first[i] .. first[i] + count[i] - 1} weighted by
   * {@code weights[i * kernelSize + k]} (fixed point, {@link #PRECISION_BITS} fraction bits).
   */
  record Coefficients(int kernelSize, int[] first, int[] count, int[] weights) {}

  static Coefficients coefficients(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = BICUBIC_SUPPORT * filterScale;
    int kernelSize = (int) Math.ceil(support) * 2 + 1;
    int[] first = new int[outSize];
    int[] count = new int[outSize];
    int[] weights = new int[outSize * kernelSize];
    double[] w = new double[kernelSize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ss = 1.0 / filterScale;
      // (int) truncates toward zero like C's cast; Pillow relies on that for the rounding here
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      double sum = 0.0;
      for (int x = 0; x < xmax; x++) {
        double v = bicubic((x + xmin - center + 0.5) * ss);
        w[x] = v;
        sum += v;
      }
      for (int x = 0; x < xmax; x++) {
        double v = sum != 0.0 ? w[x] / sum : w[x];
        double fixed = v * (1 << PRECISION_BITS);
        weights[xx * kernelSize + x] = (int) (v < 0 ? -0.5 + fixed : 0.5 + fixed);
      }
      first[xx] = xmin;
      count[xx] = xmax;
    }
    return new Coefficients(kernelSize, first, count, weights);
  }

  private static int clip8(int acc) {
    int v = acc >> PRECISION_BITS; // arithmetic shift, as the C code's signed int
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /**
   * Resizes interleaved 8-bit RGB ({@code height × width × 3}, row-major) to
   * {@code outHeight × outWidth × 3}, exactly as Pillow's default {@code Image.resize} does.
   */
  public static byte[] resize(byte[] rgb, int width, int height, int outWidth, int outHeight) {
    if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0) {
      throw new IllegalArgumentException("bad resize " + width + "x" + height + " -> " + outWidth
          + "x" + outHeight);
    }
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(rgb.length + " bytes for " + width + "x" + height + " RGB");
    }
    boolean horizontal = outWidth != width;
    boolean vertical = outHeight != height;
    Coefficients vc = coefficients(height, outHeight);
    // Rows of the source the vertical pass reads: the horizontal pass computes only these.
    int firstRow = vc.first()[0];
    int lastRow = vc.first()[outHeight - 1] + vc.count()[outHeight - 1];
    byte[] rows = rgb;
    int rowsWidth = width;
    int rowOffset = 0;
    if (horizontal) {
      Coefficients hc = coefficients(width, outWidth);
      rows = horizontalPass(rgb, width, firstRow, lastRow - firstRow, hc, outWidth);
      rowsWidth = outWidth;
      rowOffset = firstRow;
    }
    if (!vertical) {
      if (!horizontal) {
        return rgb.clone();
      }
      return rows;
    }
    return verticalPass(rows, rowsWidth, rowOffset, vc, outHeight);
  }

  private static byte[] horizontalPass(byte[] in, int width, int firstRow, int rowCount,
      Coefficients c, int outWidth) {
    byte[] out = new byte[rowCount * outWidth * 3];
    int ks = c.kernelSize();
    int half = 1 << (PRECISION_BITS - 1);
    for (int y = 0; y < rowCount; y++) {
      int inRow = (y + firstRow) * width * 3;
      int outRow = y * outWidth * 3;
      for (int xx = 0; xx < outWidth; xx++) {
        int xmin = c.first()[xx];
        int n = c.count()[xx];
        int k0 = xx * ks;
        int r = half;
        int g = half;
        int b = half;
        for (int x = 0; x < n; x++) {
          int k = c.weights()[k0 + x];
          int p = inRow + (xmin + x) * 3;
          r += (in[p] & 0xff) * k;
          g += (in[p + 1] & 0xff) * k;
          b += (in[p + 2] & 0xff) * k;
        }
        int o = outRow + xx * 3;
        out[o] = (byte) clip8(r);
        out[o + 1] = (byte) clip8(g);
        out[o + 2] = (byte) clip8(b);
      }
    }
    return out;
  }

  /** {@code rowOffset}: source row number of {@code in}'s first row. */
  private static byte[] verticalPass(byte[] in, int width, int rowOffset, Coefficients c,
      int outHeight) {
    byte[] out = new byte[outHeight * width * 3];
    int ks = c.kernelSize();
    int half = 1 << (PRECISION_BITS - 1);
    int stride = width * 3;
    for (int yy = 0; yy < outHeight; yy++) {
      int ymin = c.first()[yy] - rowOffset;
      int n = c.count()[yy];
      int k0 = yy * ks;
      int outRow = yy * stride;
      for (int i = 0; i < stride; i++) {
        int acc = half;
        for (int y = 0; y < n; y++) {
          acc += (in[(ymin + y) * stride + i] & 0xff) * c.weights()[k0 + y];
        }
        out[outRow + i] = (byte) clip8(acc);
      }
    }
    return out;
  }
}
