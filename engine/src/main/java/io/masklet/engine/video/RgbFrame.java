package io.masklet.engine.video;

/**
 * One decoded picture: {@code rgb} holds height × width × 3 bytes, row-major, interleaved R, G, B
 * (the layout of a PIL image's bytes and of the fixtures' {@code *_u8} tensors).
 */
public record RgbFrame(int index, int width, int height, byte[] rgb) {
  public RgbFrame {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame " + index + ": bad size " + width + "x" + height);
    }
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException("frame " + index + ": " + rgb.length
          + " bytes for " + width + "x" + height + " RGB");
    }
  }
}
