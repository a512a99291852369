package io.masklet.model.project;

/** A click in original-image pixel coordinates; positive adds to the object, negative removes. */
public record PointPrompt(double x, double y, boolean positive) {
  public PointPrompt {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("point coordinates must be finite: " + x + ", " + y);
    }
  }

  /** SAM's point label: 1 positive, 0 negative. */
  public int samLabel() {
    return positive ? 1 : 0;
  }
}
