package io.masklet.model.rle;

/** Axis-aligned pixel box, COCO's {@code [x, y, width, height]} with integer pixel units. */
public record BoundingBox(int x, int y, int width, int height) {

  /** COCO's {@code bbox} array. */
  public double[] toXywh() {
    return new double[] {x, y, width, height};
  }
}
