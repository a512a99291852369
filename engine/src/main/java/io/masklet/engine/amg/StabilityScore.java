package io.masklet.engine.amg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Port of sam2/utils/amg.py::calculate_stability_score: the IoU of the masks obtained by
 * binarizing the logits at {@code threshold + offset} and at {@code threshold - offset}. The
 * first is always inside the second, so the IoU is the ratio of their pixel counts.
 */
public final class StabilityScore {
  private StabilityScore() {}

  /**
   * {@code masks} (..., H, W) logits → (...) float32 scores, in {@code masks}' manager. Counts are
   * exact integers (int32) divided in float32, as the official code does; a mask with no pixel
   * above {@code threshold - offset} scores NaN (0/0), which no threshold keeps.
   */
  public static NDArray calculate(NDArray masks, float threshold, float offset) {
    int nd = masks.getShape().dimension();
    int[] hw = {nd - 2, nd - 1};
    NDArray intersections = masks.gt(threshold + offset).toType(DataType.INT32, false).sum(hw);
    NDArray unions = masks.gt(threshold - offset).toType(DataType.INT32, false).sum(hw);
    return intersections.toType(DataType.FLOAT32, false).div(unions.toType(DataType.FLOAT32, false));
  }

  /** The same on one row-major logits plane, for callers holding Java arrays. */
  public static float calculate(float[] logits, float threshold, float offset) {
    int high = 0, low = 0;
    float hi = threshold + offset, lo = threshold - offset;
    for (float v : logits) {
      if (v > hi) {
        high++;
      }
      if (v > lo) {
        low++;
      }
    }
    return (float) high / (float) low;
  }
}
