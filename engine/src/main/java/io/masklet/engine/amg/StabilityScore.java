package io.masklet.engine.amg;

/**
 * Port of sam2/utils/amg.py::calculate_stability_score: the IoU of the masks obtained by
 * binarizing the logits at {@code threshold + offset} and at {@code threshold - offset}. The
 * first is always inside the second, so the IoU is the ratio of their pixel counts: exact
 * integer counts divided in float32, as the official code does. A mask with no pixel above
 * {@code threshold - offset} scores NaN (0/0), which no threshold keeps.
 */
public final class StabilityScore {
  private StabilityScore() {}

  /** The score of one mask: {@code length} logits of {@code logits} from {@code from}. */
  public static float calculate(float[] logits, int from, int length, float threshold,
      float offset) {
    int high = 0, low = 0;
    float hi = threshold + offset, lo = threshold - offset;
    for (int i = from, end = from + length; i < end; i++) {
      float v = logits[i];
      if (v > hi) {
        high++;
      }
      if (v > lo) {
        low++;
      }
    }
    return (float) high / (float) low;
  }

  /** The score of a mask given as all of {@code logits}. */
  public static float calculate(float[] logits, float threshold, float offset) {
    return calculate(logits, 0, logits.length, threshold, offset);
  }
}
