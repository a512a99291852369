package io.masklet.engine.amg;

/**
 * A box around a mask as sam2/utils/amg.py::batched_mask_to_box gives it: left, top, right,
 * bottom pixel indices, all inclusive ({@code [0, 0, 0, 0]} for an empty mask).
 */
public record XyxyBox(int x0, int y0, int x1, int y1) {
  public static final XyxyBox EMPTY = new XyxyBox(0, 0, 0, 0);

  /**
   * The official {@code bbox} of a record (box_xyxy_to_xywh): [x0, y0, x1 - x0, y1 - y0]. The
   * inclusive corners make width and height one less than the pixel extent, as in the official
   * output.
   */
  public int[] toXywh() {
    return new int[] {x0, y0, x1 - x0, y1 - y0};
  }

  public float[] toFloatArray() {
    return new float[] {x0, y0, x1, y1};
  }

  /** This box moved from crop coordinates to the image (uncrop_boxes_xyxy). */
  public XyxyBox uncrop(CropBox crop) {
    return new XyxyBox(x0 + crop.x0(), y0 + crop.y0(), x1 + crop.x0(), y1 + crop.y0());
  }
}
