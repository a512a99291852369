package io.masklet.app.ui.testing;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.RgbFrame;

/**
 * A generated video for UI tests: grey background, a red square moving right by
 * {@link #STEP} pixels per frame, and a fixed blue square. Positions are exact, so tests know
 * the true masks.
 */
public final class SyntheticFrameSource implements FrameSource {
  public static final int STEP = 2;
  public static final int SQUARE = 12;
  private final int width;
  private final int height;
  private final int frames;
  private int decoded;
  private boolean closed;

  public SyntheticFrameSource(int width, int height, int frames) {
    this.width = width;
    this.height = height;
    this.frames = frames;
  }

  /** Top-left x of the red square on frame {@code f}. */
  public static int redX(int f) {
    return 4 + STEP * f;
  }

  public static final int RED_Y = 8;
  public static final int BLUE_X = 40;
  public static final int BLUE_Y = 30;

  public int decodedCount() {
    return decoded;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public int frameCount() {
    return frames;
  }

  @Override
  public double fps() {
    return 25;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public String location() {
    return "synthetic";
  }

  @Override
  public RgbFrame frame(int index) {
    if (index < 0 || index >= frames) {
      throw new IndexOutOfBoundsException("frame " + index);
    }
    decoded++;
    byte[] rgb = new byte[width * height * 3];
    for (int i = 0; i < width * height; i++) {
      rgb[3 * i] = (byte) 100;
      rgb[3 * i + 1] = (byte) 100;
      rgb[3 * i + 2] = (byte) 100;
    }
    fill(rgb, redX(index), RED_Y, 220, 30, 30);
    fill(rgb, BLUE_X, BLUE_Y, 30, 30, 220);
    return new RgbFrame(index, width, height, rgb);
  }

  private void fill(byte[] rgb, int x0, int y0, int r, int g, int b) {
    for (int y = y0; y < Math.min(height, y0 + SQUARE); y++) {
      for (int x = x0; x < Math.min(width, x0 + SQUARE); x++) {
        int i = (y * width + x) * 3;
        rgb[i] = (byte) r;
        rgb[i + 1] = (byte) g;
        rgb[i + 2] = (byte) b;
      }
    }
  }

  @Override
  public FrameSource reopen() {
    return new SyntheticFrameSource(width, height, frames);
  }

  @Override
  public void close() {
    closed = true;
  }
}
