package io.masklet.engine.tracking;

import java.util.Arrays;

/**
 * Point prompts of one object on one frame (the official {@code point_inputs}): {@code coords}
 * x0, y0, x1, y1, ... in model-input pixels; labels 1 positive, 0 negative, 2/3 box corners.
 */
public record PointInputs(float[] coords, int[] labels) {
  public PointInputs {
    if (coords.length != 2 * labels.length) {
      throw new IllegalArgumentException(labels.length + " labels for " + coords.length / 2 + " points");
    }
  }

  public int size() {
    return labels.length;
  }

  /** Port of sam2/utils/misc.py::concat_points: the new points after the old ones. */
  public static PointInputs concat(PointInputs old, PointInputs added) {
    if (old == null) {
      return added;
    }
    float[] c = Arrays.copyOf(old.coords, old.coords.length + added.coords.length);
    System.arraycopy(added.coords, 0, c, old.coords.length, added.coords.length);
    int[] l = Arrays.copyOf(old.labels, old.labels.length + added.labels.length);
    System.arraycopy(added.labels, 0, l, old.labels.length, added.labels.length);
    return new PointInputs(c, l);
  }
}
