package io.masklet.app.ui.canvas;

import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.RgbColor;

/**
 * Turns a binary mask into premultiplied ARGB pixels: a translucent fill and an opaque
 * one-pixel outline (pixels of the mask with a 4-neighbour outside it). Pure, so it can be
 * tested without a screen; the canvas writes the result into a WritableImage in one call.
 */
public final class OverlayRenderer {
  private OverlayRenderer() {}

  /**
   * Renders {@code mask} into {@code out} (length width × height, premultiplied ARGB).
   *
   * @param fillAlpha fill opacity in [0, 1]
   * @param outline whether to draw the outline
   * @param outlineAlpha outline opacity in [0, 1]
   */
  public static void render(BinaryMask mask, RgbColor color, double fillAlpha, boolean outline,
      double outlineAlpha, int[] out) {
    int w = mask.width();
    int h = mask.height();
    if (out.length != w * h) {
      throw new IllegalArgumentException("buffer " + out.length + " for " + w + "x" + h);
    }
    int fill = premultiplied(color, fillAlpha);
    int edge = outline ? premultiplied(color, outlineAlpha) : fill;
    byte[] m = mask.data();
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int i = row + x;
        if (m[i] == 0) {
          out[i] = 0;
        } else if (outline && (x == 0 || y == 0 || x == w - 1 || y == h - 1
            || m[i - 1] == 0 || m[i + 1] == 0 || m[i - w] == 0 || m[i + w] == 0)) {
          out[i] = edge;
        } else {
          out[i] = fill;
        }
      }
    }
  }

  static int premultiplied(RgbColor c, double alpha) {
    double a = Math.max(0, Math.min(1, alpha));
    int ai = (int) Math.round(a * 255);
    int r = (int) Math.round(c.red() * a);
    int g = (int) Math.round(c.green() * a);
    int b = (int) Math.round(c.blue() * a);
    return (ai << 24) | (r << 16) | (g << 8) | b;
  }
}
