package io.masklet.model.sav;

import io.masklet.model.rle.Rle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The SA-V per-masklet statistics, recomputed from the masks. Definitions (from the SA-V
 * README and checked against {@code sav_000001_manual.json}, where they reproduce every stored
 * value exactly), with {@code visible(f) = area(mask f) > 0} over the annotated frames
 * {@code f = 0..F-1} (the outer list of {@code masklet}, sampled every 4th video frame):
 * <ul>
 *   <li>{@code masklet_size_abs}: mean mask area in pixels over the visible frames, rounded to
 *       10 decimals (Python's {@code round(x, 10)}).
 *   <li>{@code masklet_size_rel}: the unrounded mean area divided by
 *       {@code video_height × video_width}, rounded to 10 decimals.
 *   <li>{@code masklet_size_bucket}: "small" when {@code size_abs < 32²}, "medium" when
 *       {@code < 96²}, else "large" (the README's ranges; it leaves exactly 96² open, taken
 *       here as large).
 *   <li>{@code masklet_first_appeared_frame}: the first visible annotated-frame index (stored
 *       as a float in the release, e.g. 113.0 — not a multiple of 4, so not a video frame).
 *   <li>{@code masklet_visibility_changes}: the number of {@code f > first} with
 *       {@code visible(f) != visible(f-1)}; the first appearance itself is not a change.
 *   <li>{@code masklet_frame_count}: F, the number of annotated frames.
 * </ul>
 * A masklet that is never visible gets size 0, bucket "small", first frame -1 and 0 changes
 * (no such masklet occurs in the release; the values are this project's convention).
 *
 * <p>Areas come from the RLE runs; no mask is decoded.
 */
public record SavStats(double sizeAbs, double sizeRel, String sizeBucket, int firstAppearedFrame,
    int visibilityChanges, int frameCount) {

  /** Stats of masklet {@code index} of {@code frames} ({@code frames[f][index]}). */
  public static SavStats of(List<List<Rle>> frames, int index, int height, int width) {
    long sum = 0;
    int visibleFrames = 0;
    int first = -1;
    int changes = 0;
    boolean prev = false;
    for (int f = 0; f < frames.size(); f++) {
      long area = frames.get(f).get(index).area();
      boolean visible = area > 0;
      if (visible) {
        sum += area;
        visibleFrames++;
        if (first < 0) {
          first = f;
        }
      }
      if (first >= 0 && f > first && visible != prev) {
        changes++;
      }
      prev = visible;
    }
    double mean = visibleFrames == 0 ? 0.0 : (double) sum / visibleFrames;
    double rel = mean / ((double) height * width);
    return new SavStats(round10(mean), round10(rel), bucket(mean), first, changes, frames.size());
  }

  static String bucket(double sizeAbs) {
    if (sizeAbs < 32 * 32) {
      return "small";
    }
    return sizeAbs < 96 * 96 ? "medium" : "large";
  }

  /** Python's {@code round(x, 10)}: exact decimal value of the double, ties to even. */
  static double round10(double x) {
    return new BigDecimal(x).setScale(10, RoundingMode.HALF_EVEN).doubleValue();
  }
}
