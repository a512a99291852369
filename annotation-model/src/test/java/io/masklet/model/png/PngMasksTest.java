package io.masklet.model.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.io.FormatException;
import io.masklet.model.png.PngMasks.Layout;
import io.masklet.model.png.PngMasks.WriteSummary;
import io.masklet.model.project.Annotation;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Fixtures;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngMasksTest {
  @TempDir Path dir;

  private static final int H = 9, W = 13;

  private static Rle rect(int x0, int y0, int x1, int y1) {
    byte[] m = new byte[H * W];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        m[y * W + x] = 1;
      }
    }
    return Rle.encode(m, H, W);
  }

  /** Objects 2 and 5 on one frame; their rectangles share 2x3 = 6 pixels. */
  private static Project overlapping() {
    Annotation a = new Annotation(new MediaSource(MediaSource.Kind.VIDEO, "v.mp4", 3, 0, W, H));
    a.putObject(new TrackedObject(2, "a", "#102030"));
    a.putObject(new TrackedObject(5, "b", "#405060"));
    a.setMask(2, 0, FrameMask.unscored(rect(1, 1, 6, 6), Provenance.EDITED));
    a.setMask(5, 0, FrameMask.unscored(rect(4, 3, 10, 8), Provenance.EDITED));
    return a.snapshot();
  }

  @Test
  void indexedWriteThenReadGivesIdenticalMasksAndColors() throws Exception {
    Project p = Fixtures.smallProject();
    WriteSummary s = PngMasks.write(p, dir, Layout.INDEXED);
    assertEquals(3, s.files());
    assertTrue(s.overlaps().isEmpty());
    Project back = PngMasks.read(dir);
    assertEquals(3, back.source().frameCount());
    assertEquals(31, back.source().width());
    assertEquals(23, back.source().height());
    for (Masklet m : p.masklets()) {
      for (int f = 0; f < 3; f++) {
        FrameMask written = m.at(f);
        Rle expected = written == null ? Rle.empty(23, 31) : written.rle();
        assertEquals(expected, back.masklet(m.objectId()).at(f).rle(),
            "object " + m.objectId() + " frame " + f + " (absent reads back as empty)");
      }
    }
    assertEquals("#ff8800", back.objects().get(0).color());
    assertEquals(List.of(1, 4), back.objects().stream().map(TrackedObject::id).toList());
  }

  @Test
  void indexedFileIsAn8BitPalettePngWithPixelEqualToObjectId() throws Exception {
    PngMasks.write(overlapping(), dir, Layout.INDEXED);
    Path f = dir.resolve("00000.png");
    assertEquals(f, PngMasks.frameFile(dir, 0));
    BufferedImage img = ImageIO.read(f.toFile());
    IndexColorModel icm = assertInstanceOf(IndexColorModel.class, img.getColorModel());
    assertEquals(256, icm.getMapSize());
    assertEquals(8, icm.getPixelSize());
    assertEquals(0x000000, icm.getRGB(0) & 0xffffff);
    assertEquals(0x102030, icm.getRGB(2) & 0xffffff, "project color of object 2");
    assertEquals(0x808000, icm.getRGB(3) & 0xffffff, "DAVIS color for an unused index");
    assertEquals(0, img.getRaster().getSample(0, 0, 0));
    assertEquals(2, img.getRaster().getSample(1, 1, 0));
    assertEquals(5, img.getRaster().getSample(9, 7, 0));
  }

  @Test
  void overlapKeepsTheSmallestIdAndIsReported() throws Exception {
    WriteSummary s = PngMasks.write(overlapping(), dir, Layout.INDEXED);
    assertEquals(List.of(new PngMasks.FrameOverlap(0, 6)), s.overlaps());
    assertEquals(6, s.overlappedPixels());
    BufferedImage img = ImageIO.read(dir.resolve("00000.png").toFile());
    assertEquals(2, img.getRaster().getSample(4, 4, 0), "inside both rectangles");
    Project back = PngMasks.read(dir);
    assertEquals(rect(1, 1, 6, 6), back.masklet(2).at(0).rle());
    assertEquals(rect(4, 3, 10, 8).minus(rect(1, 1, 6, 6)), back.masklet(5).at(0).rle());
  }

  @Test
  void perObjectWriteThenReadIsExactIncludingOverlapsEmptyMasksAndLargeIds() throws Exception {
    Annotation a = Annotation.of(overlapping());
    a.putObject(new TrackedObject(300, "c", "#abcdef"));
    a.setMask(300, 2, FrameMask.unscored(rect(0, 0, 13, 1), Provenance.EDITED));
    a.setMask(2, 1, FrameMask.unscored(Rle.empty(H, W), Provenance.EDITED));
    Project p = a.snapshot();
    WriteSummary s = PngMasks.write(p, dir, Layout.PER_OBJECT);
    assertEquals(4, s.files());
    assertTrue(Files.isRegularFile(dir.resolve("002/00001.png")));
    assertEquals(dir.resolve("300/00002.png"), PngMasks.objectFrameFile(dir, 300, 2));
    BufferedImage img = ImageIO.read(dir.resolve("005/00000.png").toFile());
    IndexColorModel icm = assertInstanceOf(IndexColorModel.class, img.getColorModel());
    assertEquals(0x405060, icm.getRGB(1) & 0xffffff);
    assertEquals(1, img.getRaster().getSample(9, 7, 0));

    assertEquals(Layout.PER_OBJECT, PngMasks.detect(dir));
    Project back = PngMasks.read(dir);
    for (Masklet m : p.masklets()) {
      assertEquals(m.frames().keySet(), back.masklet(m.objectId()).frames().keySet());
      m.frames().forEach((f, fm) -> assertEquals(fm.rle(), back.masklet(m.objectId()).at(f).rle(),
          "object " + m.objectId() + " frame " + f));
    }
    assertEquals("#abcdef", back.objects().get(2).color());
    assertEquals(3, back.source().frameCount());
  }

  @Test
  void indexedRejectsIdsAPaletteCannotHold() {
    Annotation a = Annotation.of(overlapping());
    a.putObject(new TrackedObject(256, "big", "#000000"));
    a.setMask(256, 0, FrameMask.unscored(rect(0, 0, 1, 1), Provenance.EDITED));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PngMasks.write(a.snapshot(), dir, Layout.INDEXED));
    assertTrue(e.getMessage().contains("object id 256") && e.getMessage().contains("per-object"),
        e.getMessage());
  }

  @Test
  void grayscalePngWithIdValuesIsRead() throws Exception {
    BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(3, 4, 0, 7);
    gray.getRaster().setSample(3, 5, 0, 7);
    ImageIO.write(gray, "png", dir.resolve("00004.png").toFile());
    Project back = PngMasks.read(dir);
    assertEquals(5, back.source().frameCount());
    Rle m = back.masklet(7).at(4).rle();
    assertEquals(2, m.area());
    assertTrue(m.get(3, 4) && m.get(3, 5));
  }

  @Test
  void badFoldersFailNamingTheFile() throws Exception {
    FormatException none = assertThrows(FormatException.class, () -> PngMasks.read(dir));
    assertTrue(none.getMessage().contains("no <frame>.png"), none.getMessage());

    PngMasks.write(overlapping(), dir, Layout.INDEXED);
    Files.createDirectories(dir.resolve("003"));
    FormatException mixed = assertThrows(FormatException.class, () -> PngMasks.read(dir));
    assertTrue(mixed.getMessage().contains("both"), mixed.getMessage());
    Files.delete(dir.resolve("003"));

    ImageIO.write(new BufferedImage(W + 1, H, BufferedImage.TYPE_BYTE_GRAY), "png",
        dir.resolve("00001.png").toFile());
    FormatException size = assertThrows(FormatException.class, () -> PngMasks.read(dir));
    assertTrue(size.getMessage().contains("00001.png") && size.getMessage().contains("14x9"),
        size.getMessage());

    ImageIO.write(new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB), "png",
        dir.resolve("00001.png").toFile());
    FormatException rgb = assertThrows(FormatException.class, () -> PngMasks.read(dir));
    assertTrue(rgb.getMessage().contains("00001.png") && rgb.getMessage().contains("3 color channels"),
        rgb.getMessage());

    Files.writeString(dir.resolve("00001.png"), "not a png");
    FormatException junk = assertThrows(FormatException.class, () -> PngMasks.read(dir));
    assertTrue(junk.getMessage().contains("00001.png"), junk.getMessage());
  }

  @Test
  void writesLeaveNoTemporaryFiles() throws Exception {
    PngMasks.write(Fixtures.smallProject(), dir, Layout.INDEXED);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("00000.png", "00001.png", "00002.png"),
          s.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void davisPaletteMatchesTheKnownFirstEntries() {
    assertEquals(0x000000, PngMasks.davisColor(0));
    assertEquals(0x800000, PngMasks.davisColor(1));
    assertEquals(0x008000, PngMasks.davisColor(2));
    assertEquals(0x808000, PngMasks.davisColor(3));
    assertEquals(0x000080, PngMasks.davisColor(4));
    assertEquals(0x400000, PngMasks.davisColor(8));
    assertEquals(0xc08000, PngMasks.davisColor(11));
  }
}
