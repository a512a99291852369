package io.masklet.engine.amg;

import io.masklet.engine.postprocess.ConnectedComponents;

/**
 * Port of sam2/utils/amg.py::remove_small_regions on OpenCV's 8-connected components: fills
 * background holes, or removes foreground islands, smaller than an area.
 */
public final class SmallRegions {
  private SmallRegions() {}

  /** What to remove. */
  public enum Mode {
    /** Background components smaller than the area become foreground. */
    HOLES,
    /** Foreground components smaller than the area become background (the largest survives). */
    ISLANDS
  }

  /** The cleaned mask and whether anything changed. */
  public record Result(byte[] mask, boolean changed) {}

  /**
   * Removes regions of fewer than {@code areaThresh} pixels from a row-major 0/1 mask. In
   * {@link Mode#ISLANDS} mode, when every island is small, the largest one (the first in OpenCV's
   * label order among equals) is kept. The input is not modified.
   */
  public static Result remove(byte[] mask, int height, int width, double areaThresh, Mode mode) {
    boolean holes = mode == Mode.HOLES;
    byte[] working = new byte[mask.length];
    for (int i = 0; i < mask.length; i++) {
      working[i] = (byte) ((mask[i] != 0) != holes ? 1 : 0);
    }
    ConnectedComponents.Labeling l = ConnectedComponents.label(working, height, width);
    boolean[] small = new boolean[l.count()];
    boolean anySmall = false;
    for (int label = 1; label < l.count(); label++) {
      small[label] = l.areas()[label] < areaThresh;
      anySmall |= small[label];
    }
    if (!anySmall) {
      return new Result(mask, false);
    }
    boolean[] fill = new boolean[l.count()];
    if (holes) {
      // the mask itself (working label 0) plus the small holes
      fill[0] = true;
      for (int label = 1; label < l.count(); label++) {
        fill[label] = small[label];
      }
    } else {
      boolean any = false;
      for (int label = 1; label < l.count(); label++) {
        fill[label] = !small[label];
        any |= fill[label];
      }
      if (!any) {
        int largest = 1;
        for (int label = 2; label < l.count(); label++) {
          if (l.areas()[label] > l.areas()[largest]) {
            largest = label;
          }
        }
        fill[largest] = true;
      }
    }
    byte[] out = new byte[mask.length];
    int[] labels = l.labels();
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (fill[labels[i]] ? 1 : 0);
    }
    return new Result(out, true);
  }
}
