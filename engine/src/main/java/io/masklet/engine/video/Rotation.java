package io.masklet.engine.video;

/** Quarter-turn rotations and mirroring of RGB frames, to show videos upright as their metadata asks. */
final class Rotation {
  private Rotation() {}

  /** Rotates {@code frame} clockwise by 0, 90, 180 or 270 degrees (returns it as is for 0). */
  static RgbFrame rotateClockwise(RgbFrame frame, int degrees) {
    if (degrees == 0) {
      return frame;
    }
    int w = frame.width();
    int h = frame.height();
    byte[] src = frame.rgb();
    byte[] dst = new byte[src.length];
    int outW = degrees == 180 ? w : h;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int ox;
        int oy;
        switch (degrees) {
          case 90 -> { // (x, y) -> (h-1-y, x)
            ox = h - 1 - y;
            oy = x;
          }
          case 180 -> {
            ox = w - 1 - x;
            oy = h - 1 - y;
          }
          case 270 -> { // (x, y) -> (y, w-1-x)
            ox = y;
            oy = w - 1 - x;
          }
          default -> throw new IllegalArgumentException("rotation must be a quarter turn: " + degrees);
        }
        int s = (y * w + x) * 3;
        int d = (oy * outW + ox) * 3;
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
        dst[d + 2] = src[s + 2];
      }
    }
    return degrees == 180
        ? new RgbFrame(frame.index(), w, h, dst)
        : new RgbFrame(frame.index(), h, w, dst);
  }

  /** {@code frame} mirrored left to right. */
  static RgbFrame mirrorLeftRight(RgbFrame frame) {
    int w = frame.width();
    int h = frame.height();
    byte[] src = frame.rgb();
    byte[] dst = new byte[src.length];
    for (int y = 0; y < h; y++) {
      int row = y * w * 3;
      for (int x = 0; x < w; x++) {
        int s = row + x * 3;
        int d = row + (w - 1 - x) * 3;
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
        dst[d + 2] = src[s + 2];
      }
    }
    return new RgbFrame(frame.index(), w, h, dst);
  }
}
