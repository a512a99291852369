package io.masklet.engine.amg;

/** Port of sam2/utils/amg.py::batched_mask_to_box for one mask at a time. */
public final class MaskBoxes {
  private MaskBoxes() {}

  /**
   * The inclusive box (leftmost, topmost, rightmost, bottommost set pixel) of a row-major binary
   * mask, {@link XyxyBox#EMPTY} when no pixel is set.
   */
  public static XyxyBox maskToBox(byte[] mask, int height, int width) {
    if (mask.length != height * width) {
      throw new IllegalArgumentException(mask.length + " mask bytes for " + height + "x" + width);
    }
    int left = width, right = -1, top = height, bottom = -1;
    for (int y = 0; y < height; y++) {
      int row = y * width;
      int first = -1;
      for (int x = 0; x < width; x++) {
        if (mask[row + x] != 0) {
          first = x;
          break;
        }
      }
      if (first < 0) {
        continue;
      }
      int last = first;
      for (int x = width - 1; x > first; x--) {
        if (mask[row + x] != 0) {
          last = x;
          break;
        }
      }
      left = Math.min(left, first);
      right = Math.max(right, last);
      top = Math.min(top, y);
      bottom = y;
    }
    return right < 0 ? XyxyBox.EMPTY : new XyxyBox(left, top, right, bottom);
  }
}
