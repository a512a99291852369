package io.masklet.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Display matrices made by FFmpeg's own {@code av_display_rotation_set} and {@code
 * av_display_matrix_flip}, read as orientations, give the picture FFmpeg's command-line
 * autorotation (6.0 and later) shows for them: its decision rules and its filters ({@code
 * transpose} clock, cclock, cclock_flip, clock_flip; {@code hflip}; {@code vflip}) are written
 * out here as pixel maps, independently of {@link Orientation}.
 */
class OrientationTest {
  private static final int W = 3;
  private static final int H = 2;

  /** A 3x2 picture whose pixels are all different: pixel (x, y) has red = 10 y + x. */
  private static RgbFrame picture() {
    byte[] rgb = new byte[W * H * 3];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int o = (y * W + x) * 3;
        rgb[o] = (byte) (10 * y + x);
        rgb[o + 1] = (byte) (100 + x);
        rgb[o + 2] = (byte) (200 + y);
      }
    }
    return new RgbFrame(7, W, H, rgb);
  }

  /** Source pixel (x, y) of a W x H picture for output pixel (ox, oy), per FFmpeg filter. */
  private interface SourceOf {
    int[] at(int ox, int oy);
  }

  private static RgbFrame expected(int outW, int outH, SourceOf source) {
    byte[] src = picture().rgb();
    byte[] rgb = new byte[src.length];
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        int[] s = source.at(ox, oy);
        System.arraycopy(src, (s[1] * W + s[0]) * 3, rgb, (oy * outW + ox) * 3, 3);
      }
    }
    return new RgbFrame(7, outW, outH, rgb);
  }

  private static int[] matrix(double angle, boolean hflip, boolean vflip) {
    int[] m = new int[9];
    avutil.av_display_rotation_set(m, angle);
    avutil.av_display_matrix_flip(m, hflip ? 1 : 0, vflip ? 1 : 0);
    return m;
  }

  /**
   * What FFmpeg's command line (fftools, 6.0 and later) shows for a display matrix: theta =
   * -av_display_rotation_get, then transpose clock / cclock_flip at 90 (by the sign of m[3]),
   * hflip and/or vflip at 180 (by the signs of m[0] and m[4]), transpose cclock / clock_flip at
   * 270, vflip at 0 when m[4] < 0.
   */
  private static RgbFrame commandLine(int[] m) {
    double theta = -Math.round(avutil.av_display_rotation_get(m));
    theta -= 360 * Math.floor(theta / 360 + 0.9 / 360);
    if (Math.abs(theta - 90) < 1) {
      return m[3] > 0
          ? expected(H, W, (ox, oy) -> new int[] {oy, ox}) // cclock_flip
          : expected(H, W, (ox, oy) -> new int[] {oy, H - 1 - ox}); // clock
    }
    if (Math.abs(theta - 270) < 1) {
      return m[3] < 0
          ? expected(H, W, (ox, oy) -> new int[] {W - 1 - oy, H - 1 - ox}) // clock_flip
          : expected(H, W, (ox, oy) -> new int[] {W - 1 - oy, ox}); // cclock
    }
    boolean h = Math.abs(theta - 180) < 1 && m[0] < 0;
    boolean v = (Math.abs(theta - 180) < 1 || Math.abs(theta) < 1) && m[4] < 0;
    return expected(W, H, (ox, oy) -> new int[] {h ? W - 1 - ox : ox, v ? H - 1 - oy : oy});
  }

  @ParameterizedTest(name = "angle {0}, hflip {1}, vflip {2}")
  @CsvSource({
      "0, false, false", "90, false, false", "-90, false, false", "180, false, false",
      "270, false, false", "0, true, false", "90, true, false", "-90, true, false",
      "180, true, false", "270, true, false", "0, false, true", "90, false, true",
      "-90, false, true", "180, false, true", "0, true, true", "90, true, true"})
  void showsWhatFfmpegsCommandLineShows(double angle, boolean hflip, boolean vflip) {
    int[] m = matrix(angle, hflip, vflip);
    Orientation o = Orientation.fromDisplayMatrix(m);
    assertEquals(hflip != vflip, o.mirrored(), "a single flip mirrors, two flips rotate");
    assertFrame(commandLine(m), o.apply(picture()));
  }

  @Test
  void quarterTurnsSwapWidthAndHeight() {
    assertEquals(true, new Orientation(true, 90).swapsAxes());
    assertEquals(false, new Orientation(true, 180).swapsAxes());
    RgbFrame f = new Orientation(false, 270).apply(picture());
    assertEquals(H, f.width());
    assertEquals(W, f.height());
  }

  @Test
  void degenerateMatrixIsNoOrientation() {
    assertNull(Orientation.fromDisplayMatrix(new int[9]));
  }

  private static void assertFrame(RgbFrame want, RgbFrame got) {
    assertEquals(want.width(), got.width(), "width");
    assertEquals(want.height(), got.height(), "height");
    assertEquals(want.index(), got.index(), "index");
    assertArrayEquals(want.rgb(), got.rgb());
  }
}
