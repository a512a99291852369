package io.masklet.model.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.masklet.model.io.FormatException;
import io.masklet.model.project.Fixtures;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.Project;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BmpJsonDatasetTest {
  @TempDir Path dir;

  static BufferedImage picture(int frame, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (x * 8 & 0xff) << 16 | (y * 11 & 0xff) << 8 | (frame * 70 & 0xff));
      }
    }
    return img;
  }

  private Project writeFixture() throws Exception {
    Project p = Fixtures.smallProject();
    BmpJsonDataset.write(p, dir, "clip", f -> picture(f, 31, 23));
    return p;
  }

  @Test
  void writeThenReadGivesIdenticalMasks() throws Exception {
    Project p = writeFixture();
    Project back = BmpJsonDataset.read(dir);
    assertEquals(3, back.source().frameCount());
    assertEquals(31, back.source().width());
    for (Masklet m : p.masklets()) {
      m.frames().forEach((f, fm) -> {
        var read = back.masklet(m.objectId()).at(f);
        if (fm.rle().isEmpty()) {
          assertNull(read, "empty masks are not written");
        } else {
          assertEquals(fm.rle(), read.rle(), "object " + m.objectId() + " frame " + f);
        }
      });
    }
    assertEquals("dog house", back.objects().stream().filter(o -> o.id() == 4).findFirst()
        .orElseThrow().label());
  }

  @Test
  void imagesAre24BitBmpWithTheFramePixels() throws Exception {
    writeFixture();
    Path bmp = BmpJsonDataset.imageFile(dir, "clip", 2);
    byte[] bytes = Files.readAllBytes(bmp);
    assertEquals('B', bytes[0]);
    assertEquals('M', bytes[1]);
    assertEquals(24, ByteBuffer.wrap(bytes, 28, 2).order(ByteOrder.LITTLE_ENDIAN).getShort());
    BufferedImage back = BmpJsonDataset.readImage(bmp);
    BufferedImage orig = picture(2, 31, 23);
    for (int y = 0; y < 23; y++) {
      for (int x = 0; x < 31; x++) {
        assertEquals(orig.getRGB(x, y), back.getRGB(x, y));
      }
    }
  }

  @Test
  void jsonIsLabelMeShaped() throws Exception {
    writeFixture();
    var root = new ObjectMapper().readTree(BmpJsonDataset.jsonFile(dir, "clip", 0).toFile());
    assertEquals("../images/clip_000000.bmp", root.get("imagePath").asText());
    assertTrue(root.get("imageData").isNull());
    assertEquals(23, root.get("imageHeight").asInt());
    var shapes = root.get("shapes");
    assertEquals(2, shapes.size(), "disc with a square hole: outer + hole polygon");
    assertEquals("polygon", shapes.get(0).get("shape_type").asText());
    assertEquals(1, shapes.get(0).get("group_id").asInt());
    assertEquals("cat", shapes.get(0).get("label").asText());
    assertTrue(shapes.get(1).get("flags").get("hole").asBoolean());
  }

  @Test
  void plainLabelMePolygonsWithoutRleAreFilled() throws Exception {
    Project p = writeFixture();
    ObjectMapper om = new ObjectMapper();
    try (var files = Files.list(dir.resolve("json"))) {
      for (Path f : files.toList()) {
        ObjectNode root = (ObjectNode) om.readTree(f.toFile());
        root.get("shapes").forEach(s -> ((ObjectNode) s).remove("rle"));
        om.writeValue(f.toFile(), root);
      }
    }
    Project back = BmpJsonDataset.read(dir);
    assertEquals(p.masklet(1).at(0).rle(), back.masklet(1).at(0).rle());
    assertEquals(p.masklet(4).at(2).rle(), back.masklet(4).at(2).rle());
  }

  @Test
  void missingImageAndCorruptMaskAreReported() throws Exception {
    writeFixture();
    Files.delete(BmpJsonDataset.imageFile(dir, "clip", 1));
    FormatException missing = assertThrows(FormatException.class, () -> BmpJsonDataset.read(dir));
    assertTrue(missing.getMessage().contains("clip_000001.json: imagePath: image file missing"),
        missing.getMessage());

    BmpJsonDataset.write(Fixtures.smallProject(), dir, "clip", f -> picture(f, 31, 23));
    Path json = BmpJsonDataset.jsonFile(dir, "clip", 2);
    Files.writeString(json, Files.readString(json).replaceFirst("\"counts\" : \"", "\"counts\" : \"!"));
    FormatException bad = assertThrows(FormatException.class, () -> BmpJsonDataset.read(dir));
    assertTrue(bad.getMessage().contains("clip_000002.json: shapes[0].rle.counts: RLE counts string has invalid char '!'"),
        bad.getMessage());
  }

  @Test
  void wrongPictureSizeIsRefused() {
    var e = assertThrows(java.io.IOException.class, () ->
        BmpJsonDataset.write(Fixtures.smallProject(), dir, "clip", f -> picture(f, 30, 23)));
    assertTrue(e.getMessage().contains("frame 0 picture is 30x23 but the annotation is 31x23"));
  }
}
