package io.masklet.engine.video;

/**
 * How a decoded picture is turned to be shown upright, as a video's display matrix asks: first
 * mirrored left to right (when {@code mirrored}), then rotated clockwise by {@code clockwise}
 * degrees (0, 90, 180 or 270).
 */
record Orientation(boolean mirrored, int clockwise) {
  static final Orientation UPRIGHT = new Orientation(false, 0);

  Orientation {
    if (clockwise != 0 && clockwise != 90 && clockwise != 180 && clockwise != 270) {
      throw new IllegalArgumentException("rotation must be a quarter turn: " + clockwise);
    }
  }

  /**
   * From FFmpeg's 3×3 display matrix ({@code libavutil/display.h}: row-major {@code [a b u; c d v;
   * x y w]}, 16.16 fixed point, mapping a source pixel (p, q) to (a p + c q, b p + d q) in
   * image coordinates, y down), rounded to the nearest quarter turn; null when the matrix is
   * degenerate. A matrix with a negative determinant mirrors: it equals a left–right mirror of
   * the source followed by the rotation (a, b) → (−a, −b), the reading FFmpeg's own
   * autorotation gives such matrices (a transpose for a mirrored quarter turn).
   */
  static Orientation fromDisplayMatrix(int[] m) {
    double a = m[0] / 65536.0;
    double b = m[1] / 65536.0;
    double c = m[3] / 65536.0;
    double d = m[4] / 65536.0;
    double det = a * d - b * c;
    if (!(Math.abs(det) > 1e-9)) {
      return null;
    }
    boolean mirrored = det < 0;
    // the rotation part: the matrix itself, or the matrix after undoing the mirror (p -> -p)
    double ra = mirrored ? -a : a;
    double rb = mirrored ? -b : b;
    return new Orientation(mirrored, quarterTurn(Math.toDegrees(Math.atan2(rb, ra))));
  }

  /** {@code degrees} (any sign) rounded to the nearest quarter turn in [0, 360). */
  static int quarterTurn(double degrees) {
    long quarter = Math.round(degrees / 90.0);
    return (int) Math.floorMod(quarter * 90, 360L);
  }

  /** Whether the shown picture is the decoded one's height wide. */
  boolean swapsAxes() {
    return clockwise == 90 || clockwise == 270;
  }

  /** {@code frame} turned upright. */
  RgbFrame apply(RgbFrame frame) {
    RgbFrame f = mirrored ? Rotation.mirrorLeftRight(frame) : frame;
    return Rotation.rotateClockwise(f, clockwise);
  }
}
