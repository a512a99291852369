package io.masklet.engine.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * One decoded picture: {@code rgb} holds height × width × 3 bytes, row-major, interleaved R, G, B
 * (the layout of a PIL image's bytes and of the fixtures' {@code *_u8} tensors). Frames may be
 * shared through a cache: treat {@code rgb} as read-only.
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

  /** A {@code TYPE_3BYTE_BGR} copy (ImageIO writes it as 8-bit RGB; Swing/JavaFX draw it). */
  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i += 3) {
      bgr[i] = rgb[i + 2];
      bgr[i + 1] = rgb[i + 1];
      bgr[i + 2] = rgb[i];
    }
    return image;
  }

  /** A {@code TYPE_INT_RGB} copy (what JavaFX's SwingFXUtils and fast blits like best). */
  public BufferedImage toIntRgbImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int p = 0, i = 0; p < px.length; p++, i += 3) {
      px[p] = (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
    }
    return image;
  }

  /** The RGB pixels of any BufferedImage (alpha dropped), as frame {@code index}. */
  public static RgbFrame of(int index, BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = bgr[i + 2];
        rgb[i + 1] = bgr[i + 1];
        rgb[i + 2] = bgr[i];
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int o = (y * w + x) * 3;
          rgb[o] = (byte) (row[x] >> 16);
          rgb[o + 1] = (byte) (row[x] >> 8);
          rgb[o + 2] = (byte) row[x];
        }
      }
    }
    return new RgbFrame(index, w, h, rgb);
  }
}
