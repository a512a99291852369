package io.masklet.engine.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {
  @TempDir Path tmp;

  private static void writeSolid(Path file, int w, int h, int rgb, String format) throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    ImageIO.write(image, format, file.toFile());
  }

  @Test
  void naturalOrderComparesDigitRunsAsNumbers() {
    List<String> names = new java.util.ArrayList<>(List.of(
        "frame_10.png", "frame_2.png", "frame_1.png", "frame_100.png", "Frame_3.png", "frame_02b.png"));
    names.sort(FrameSources::naturalCompare);
    assertEquals(List.of("frame_1.png", "frame_2.png", "frame_02b.png", "Frame_3.png",
        "frame_10.png", "frame_100.png"), names);
  }

  @Test
  void folderFramesComeInNaturalOrderAcrossFormats() throws Exception {
    int[] colors = {0x102030, 0x405060, 0x708090, 0xa0b0c0};
    // written out of order, with mixed formats; lossless so colours are exact
    writeSolid(tmp.resolve("frame_10.png"), 8, 6, colors[2], "png");
    writeSolid(tmp.resolve("frame_2.bmp"), 8, 6, colors[1], "bmp");
    writeSolid(tmp.resolve("frame_100.png"), 8, 6, colors[3], "png");
    writeSolid(tmp.resolve("frame_1.png"), 8, 6, colors[0], "png");
    Files.writeString(tmp.resolve("notes.txt"), "not a frame");
    try (FrameSource s = FrameSources.open(tmp)) {
      assertEquals(4, s.frameCount());
      assertEquals(8, s.width());
      assertEquals(6, s.height());
      assertEquals(0.0, s.fps());
      for (int i = 0; i < 4; i++) {
        RgbFrame f = s.frame(i);
        assertEquals(i, f.index());
        int c = colors[i];
        assertEquals(c >> 16 & 0xff, f.rgb()[0] & 0xff, "red of frame " + i);
        assertEquals(c >> 8 & 0xff, f.rgb()[1] & 0xff, "green of frame " + i);
        assertEquals(c & 0xff, f.rgb()[2] & 0xff, "blue of frame " + i);
      }
    }
  }

  @Test
  void singleImageIsAOneFrameVideoAndMatchesImageIo() throws Exception {
    Path shared = TestVideos.shared();
    Path jpg = shared == null ? null : shared.resolve("data/images/truck.jpg");
    Assumptions.assumeTrue(jpg != null && Files.isRegularFile(jpg), "data/images/truck.jpg absent");
    try (FrameSource s = FrameSources.open(jpg)) {
      assertEquals(1, s.frameCount());
      RgbFrame f = s.frame(0);
      RgbFrame viaImageIo = RgbFrame.of(0, ImageIO.read(jpg.toFile()));
      assertEquals(viaImageIo.width(), f.width());
      assertEquals(viaImageIo.height(), f.height());
      // two JPEG decoders: same picture up to IDCT/upsampling rounding
      long far = 0;
      for (int i = 0; i < f.rgb().length; i++) {
        far += Math.abs((f.rgb()[i] & 0xff) - (viaImageIo.rgb()[i] & 0xff)) > 8 ? 1 : 0;
      }
      assertTrue(far < f.rgb().length / 100, far + " values differ by more than 8");
    }
  }

  @Test
  void emptyFolderAndMismatchedSizesAreNamed() throws Exception {
    IOException empty = assertThrows(IOException.class, () -> FrameSources.open(tmp));
    assertTrue(empty.getMessage().contains(tmp.toString()), empty.getMessage());
    writeSolid(tmp.resolve("a1.png"), 8, 6, 0, "png");
    writeSolid(tmp.resolve("a2.png"), 9, 6, 0, "png");
    try (FrameSource s = FrameSources.open(tmp)) {
      IOException e = assertThrows(IOException.class, () -> s.frame(1));
      assertTrue(e.getMessage().contains("a2.png"), e.getMessage());
    }
    Path broken = tmp.resolve("broken.png");
    Files.writeString(broken, "not a png");
    IOException e = assertThrows(IOException.class, () -> FrameSources.open(broken));
    assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
  }

  @Test
  void bufferedImageConversionsRoundTrip() {
    byte[] rgb = new byte[5 * 3 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 11);
    }
    RgbFrame f = new RgbFrame(3, 5, 3, rgb);
    BufferedImage bgr = f.toBufferedImage();
    assertEquals(BufferedImage.TYPE_3BYTE_BGR, bgr.getType());
    assertArrayEquals(rgb, RgbFrame.of(3, bgr).rgb());
    BufferedImage argb = f.toIntRgbImage();
    assertEquals(BufferedImage.TYPE_INT_RGB, argb.getType());
    assertArrayEquals(rgb, RgbFrame.of(3, argb).rgb());
    assertEquals(rgb[3] & 0xff, bgr.getRGB(1, 0) >> 16 & 0xff);
  }
}
