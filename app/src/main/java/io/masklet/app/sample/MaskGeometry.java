package io.masklet.app.sample;

/** Small measurements on row-major 0/1 masks used to place sample prompts. */
final class MaskGeometry {
  private MaskGeometry() {}

  /** {@code {x0, y0, x1, y1}} inclusive pixel bounds of the set pixels, or null if empty. */
  static int[] bbox(byte[] mask, int width, int height) {
    int x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (mask[y * width + x] != 0) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    return x1 < 0 ? null : new int[] {x0, y0, x1, y1};
  }

  /**
   * {@code {x, y}} of a set pixel farthest (chessboard distance) from any unset pixel or the
   * border: a click there is unambiguous, unlike a centroid, which can fall outside a star.
   */
  static int[] deepestPixel(byte[] mask, int width, int height) {
    int[] d = new int[width * height];
    // Two-pass chessboard distance transform.
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        if (mask[i] == 0) {
          continue;
        }
        int best = Math.min(Math.min(x, y), Math.min(width - 1 - x, height - 1 - y)) + 1;
        if (x > 0) best = Math.min(best, d[i - 1] + 1);
        if (y > 0) {
          best = Math.min(best, d[i - width] + 1);
          if (x > 0) best = Math.min(best, d[i - width - 1] + 1);
          if (x < width - 1) best = Math.min(best, d[i - width + 1] + 1);
        }
        d[i] = best;
      }
    }
    int bx = -1, by = -1, bd = 0;
    for (int y = height - 1; y >= 0; y--) {
      for (int x = width - 1; x >= 0; x--) {
        int i = y * width + x;
        if (mask[i] == 0) {
          continue;
        }
        int v = d[i];
        if (x < width - 1) v = Math.min(v, d[i + 1] + 1);
        if (y < height - 1) {
          v = Math.min(v, d[i + width] + 1);
          if (x < width - 1) v = Math.min(v, d[i + width + 1] + 1);
          if (x > 0) v = Math.min(v, d[i + width - 1] + 1);
        }
        d[i] = v;
        if (v >= bd) {
          bd = v;
          bx = x;
          by = y;
        }
      }
    }
    return bx < 0 ? null : new int[] {bx, by};
  }
}
