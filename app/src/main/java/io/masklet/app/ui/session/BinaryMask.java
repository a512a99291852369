package io.masklet.app.ui.session;

import java.util.Arrays;

/**
 * A decoded binary mask, one byte per pixel (0 or 1), row-major: the form the canvas renders and
 * the brush edits. Stored masks live in the session encoded; this is the working copy.
 */
public final class BinaryMask {
  private final int width;
  private final int height;
  private final byte[] bits;

  public BinaryMask(int width, int height) {
    this(width, height, new byte[checkedSize(width, height)]);
  }

  /** Wraps {@code bits} (not copied); every value must be 0 or 1. */
  public BinaryMask(int width, int height, byte[] bits) {
    if (bits.length != checkedSize(width, height)) {
      throw new IllegalArgumentException(
          "mask data has " + bits.length + " values for " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.bits = bits;
  }

  private static int checkedSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("bad mask size " + width + "x" + height);
    }
    return Math.multiplyExact(width, height);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The backing array (row-major, 0/1); callers must not modify masks they do not own. */
  public byte[] data() {
    return bits;
  }

  public boolean get(int x, int y) {
    return bits[y * width + x] != 0;
  }

  public void set(int x, int y, boolean on) {
    bits[y * width + x] = on ? (byte) 1 : 0;
  }

  public int area() {
    int n = 0;
    for (byte b : bits) {
      n += b;
    }
    return n;
  }

  public boolean isEmpty() {
    for (byte b : bits) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  public BinaryMask copy() {
    return new BinaryMask(width, height, bits.clone());
  }

  /**
   * Sets every pixel whose centre lies within {@code radius} of ({@code cx}, {@code cy}) to
   * {@code on}; returns the touched rectangle {x0, y0, x1, y1} (exclusive end) or null.
   */
  public int[] paintDisc(double cx, double cy, double radius, boolean on) {
    int x0 = Math.max(0, (int) Math.floor(cx - radius));
    int y0 = Math.max(0, (int) Math.floor(cy - radius));
    int x1 = Math.min(width, (int) Math.ceil(cx + radius) + 1);
    int y1 = Math.min(height, (int) Math.ceil(cy + radius) + 1);
    if (x0 >= x1 || y0 >= y1) {
      return null;
    }
    double r2 = radius * radius;
    byte v = on ? (byte) 1 : 0;
    for (int y = y0; y < y1; y++) {
      double dy = y + 0.5 - cy;
      int row = y * width;
      for (int x = x0; x < x1; x++) {
        double dx = x + 0.5 - cx;
        if (dx * dx + dy * dy <= r2) {
          bits[row + x] = v;
        }
      }
    }
    return new int[] {x0, y0, x1, y1};
  }

  /**
   * Paints a stroke segment from (ax, ay) to (bx, by) as discs spaced at most a quarter radius
   * apart, so fast mouse drags leave no gaps.
   */
  public int[] paintSegment(double ax, double ay, double bx, double by, double radius,
      boolean on) {
    double len = Math.hypot(bx - ax, by - ay);
    int steps = Math.max(1, (int) Math.ceil(len / Math.max(0.5, radius / 4)));
    int[] dirty = null;
    for (int i = 0; i <= steps; i++) {
      double t = (double) i / steps;
      dirty = union(dirty, paintDisc(ax + t * (bx - ax), ay + t * (by - ay), radius, on));
    }
    return dirty;
  }

  private static int[] union(int[] a, int[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return new int[] {
      Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryMask m && m.width == width && m.height == height
        && Arrays.equals(m.bits, bits);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "BinaryMask[" + width + "x" + height + ", area=" + area() + "]";
  }
}
