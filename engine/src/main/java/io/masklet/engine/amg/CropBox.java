package io.masklet.engine.amg;

/**
 * A crop of the image, {@code [x0, x1) × [y0, y1)} in original pixels, and the crop layer it
 * belongs to (0 = the whole image).
 */
public record CropBox(int x0, int y0, int x1, int y1, int layer) {
  public CropBox {
    if (x1 <= x0 || y1 <= y0 || x0 < 0 || y0 < 0) {
      throw new IllegalArgumentException("empty or negative crop [" + x0 + ", " + y0 + ", " + x1
          + ", " + y1 + "]");
    }
  }

  public int width() {
    return x1 - x0;
  }

  public int height() {
    return y1 - y0;
  }

  /** torchvision's box_area: (x1 - x0) · (y1 - y0). */
  public long area() {
    return (long) width() * height();
  }

  /** The official {@code crop_box} of a record: [x0, y0, w, h]. */
  public int[] toXywh() {
    return new int[] {x0, y0, width(), height()};
  }

  public int[] toXyxy() {
    return new int[] {x0, y0, x1, y1};
  }

  /** Whether this crop is the whole {@code width}×{@code height} image. */
  public boolean isWholeImage(int width, int height) {
    return x0 == 0 && y0 == 0 && x1 == width && y1 == height;
  }
}
