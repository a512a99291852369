package io.masklet.model.contour;

import io.masklet.model.rle.Rle;
import java.util.Arrays;
import java.util.List;

/**
 * The full-image fill {@link PolygonRaster} replaced, kept unchanged as the reference its masks
 * must equal: every row of a whole-image mask, then the mask encoded.
 */
final class FullImagePolygonFill {
  private FullImagePolygonFill() {}

  static Rle fill(List<double[]> polygons, int h, int w) {
    byte[] mask = new byte[h * w];
    double[] xs = new double[16];
    for (int y = 0; y < h; y++) {
      double cy = y + 0.5;
      int n = 0;
      for (double[] p : polygons) {
        int k = p.length / 2;
        for (int i = 0; i < k; i++) {
          int j = (i + 1) % k;
          double y0 = p[2 * i + 1], y1 = p[2 * j + 1];
          // half-open rule so a vertex on the scanline is counted once
          if ((y0 <= cy) != (y1 <= cy)) {
            double x0 = p[2 * i], x1 = p[2 * j];
            if (n == xs.length) {
              xs = Arrays.copyOf(xs, n * 2);
            }
            xs[n++] = x0 + (cy - y0) * (x1 - x0) / (y1 - y0);
          }
        }
      }
      Arrays.sort(xs, 0, n);
      for (int i = 0; i + 1 < n; i += 2) {
        // pixels whose centre lies in [xs[i], xs[i+1])
        int from = (int) Math.max(0, Math.ceil(xs[i] - 0.5));
        int to = (int) Math.min(w, Math.ceil(xs[i + 1] - 0.5));
        for (int x = from; x < to; x++) {
          mask[y * w + x] ^= 1;
        }
      }
    }
    return Rle.encode(mask, h, w);
  }
}
