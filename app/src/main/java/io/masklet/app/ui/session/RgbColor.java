package io.masklet.app.ui.session;

import java.util.Locale;

/** An object's display colour, independent of JavaFX so the session stays UI-toolkit free. */
public record RgbColor(int red, int green, int blue) {
  /** Distinct, colour-blind-friendly hues (Okabe-Ito first, then Tableau) cycled for new objects. */
  private static final int[] PALETTE = {
    0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
    0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1
  };

  public RgbColor {
    check(red, "red");
    check(green, "green");
    check(blue, "blue");
  }

  private static void check(int v, String name) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException(name + " out of 0..255: " + v);
    }
  }

  public static RgbColor ofRgb(int rgb) {
    return new RgbColor((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
  }

  /** Parses {@code #RRGGBB}. */
  public static RgbColor parse(String hex) {
    String h = hex.startsWith("#") ? hex.substring(1) : hex;
    if (h.length() != 6) {
      throw new IllegalArgumentException("colour must be #RRGGBB, got '" + hex + "'");
    }
    return ofRgb(Integer.parseInt(h, 16));
  }

  /** The n-th colour of the default palette (object n gets a hue distinct from its neighbours). */
  public static RgbColor palette(int n) {
    return ofRgb(PALETTE[Math.floorMod(n, PALETTE.length)]);
  }

  public int rgb() {
    return (red << 16) | (green << 8) | blue;
  }

  public String hex() {
    return String.format(Locale.ROOT, "#%02X%02X%02X", red, green, blue);
  }
}
