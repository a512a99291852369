package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.app.sample.SampleScene;
import io.masklet.app.sample.SampleVideoWriter;
import io.masklet.model.rle.Rle;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code masklet automask} through the real command line on the micro fixture checkpoint. */
class AutomaskCommandTest {
  @TempDir Path dir;

  /** truck.jpg scaled down to 240x160 as a PNG (keeps the run short). */
  private Path smallImage() throws Exception {
    BufferedImage truck = ImageIO.read(SharedData.require("data/images/truck.jpg").toFile());
    BufferedImage small = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.drawImage(truck, 0, 0, 240, 160, null);
    g.dispose();
    Path p = dir.resolve("truck_small.png");
    ImageIO.write(small, "png", p.toFile());
    return p;
  }

  @Test
  void writesCocoRleRecordsForTheGridMasks() throws Exception {
    Path image = smallImage();
    Path out = dir.resolve("masks.json");
    // random weights score low: thresholds off so that records are written
    CliRun run = CliRun.of("automask", "--checkpoint", SharedData.microCheckpoint().toString(),
        "--config", SharedData.microConfig().toString(), "--image", image.toString(),
        "--out", out.toString(), "--points-per-side", "3", "--pred-iou-thresh", "0",
        "--stability-score-thresh", "0", "--box-nms-thresh", "1");
    assertEquals(0, run.exitCode(), run.toString());
    JsonNode root = new ObjectMapper().readTree(out.toFile());
    assertTrue(root.isArray());
    assertEquals(9 * 3, root.size(), "3x3 points, 3 masks each, nothing filtered");
    assertTrue(run.out().contains("27 masks on 240x160"), run.toString());
    double lastIou = Double.POSITIVE_INFINITY;
    for (JsonNode rec : root) {
      JsonNode seg = rec.get("segmentation");
      assertEquals(160, seg.get("size").get(0).asInt());
      assertEquals(240, seg.get("size").get(1).asInt());
      Rle rle = Rle.fromString(160, 240, seg.get("counts").asText());
      assertEquals(rle.area(), rec.get("area").asLong());
      assertEquals(4, rec.get("bbox").size());
      if (!rle.isEmpty()) {
        // official bbox: inclusive corners, so width/height are one less than the extent
        assertEquals(rle.bbox().x(), rec.get("bbox").get(0).asInt());
        assertEquals(rle.bbox().width() - 1, rec.get("bbox").get(2).asInt());
      }
      double iou = rec.get("predicted_iou").asDouble();
      assertTrue(iou <= lastIou, "records sorted by predicted IoU");
      lastIou = iou;
      assertEquals(2, rec.get("point_coords").get(0).size());
      assertTrue(rec.get("stability_score").isNumber());
      assertEquals("[0,0,240,160]", rec.get("crop_box").toString());
    }
  }

  @Test
  void anOutputNameThatIsNotJsonIsRefusedBeforeAnyWork() throws Exception {
    Path png = dir.resolve("masks.png");
    CliRun run = CliRun.of("automask", "--checkpoint", SharedData.microCheckpoint().toString(),
        "--config", SharedData.microConfig().toString(), "--image", smallImage().toString(),
        "--out", png.toString(), "--points-per-side", "1");
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
    assertTrue(run.err().contains("--out " + png + ": automask writes JSON")
        && run.err().contains(".json"), run.toString());
    assertFalse(Files.exists(png), "no JSON under a .png name");
  }

  @Test
  void aFolderOrAVideoAsImageIsRefusedInsteadOfTakingItsFirstFrame() throws Exception {
    Path folder = TinyProject.framesFolder(dir);
    Path out = dir.resolve("masks.json");
    CliRun fromFolder = CliRun.of("automask", "--checkpoint",
        SharedData.microCheckpoint().toString(), "--config", SharedData.microConfig().toString(),
        "--image", folder.toString(), "--out", out.toString(), "--points-per-side", "1");
    assertEquals(2, fromFolder.exitCode(), fromFolder.toString());
    assertEquals(1, fromFolder.err().strip().lines().count(), fromFolder.toString());
    assertTrue(fromFolder.err().contains("--image " + folder + ": a folder, not an image"),
        fromFolder.toString());

    Path video = dir.resolve("clip.mp4");
    SampleVideoWriter.write(new SampleScene(), video, 2);
    CliRun fromVideo = CliRun.of("automask", "--checkpoint",
        SharedData.microCheckpoint().toString(), "--config", SharedData.microConfig().toString(),
        "--image", video.toString(), "--out", out.toString(), "--points-per-side", "1");
    assertEquals(2, fromVideo.exitCode(), fromVideo.toString());
    assertEquals(1, fromVideo.err().strip().lines().count(), fromVideo.toString());
    assertTrue(fromVideo.err().contains("--image " + video + ": a video of 2 frames, not an "
        + "image; write the frame you want with `masklet frames"), fromVideo.toString());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void badInputFailsWithExitCode2AndOneLine() throws Exception {
    Path ckpt = SharedData.microCheckpoint();
    Path out = dir.resolve("o.json");
    CliRun missing = CliRun.of("automask", "--checkpoint", ckpt.toString(), "--image",
        dir.resolve("nope.jpg").toString(), "--out", out.toString());
    assertEquals(2, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("nope.jpg: not found"), missing.toString());
    assertEquals(1, missing.err().strip().lines().count(), missing.toString());

    Path junk = Files.writeString(dir.resolve("junk.jpg"), "not an image");
    CliRun notImage = CliRun.of("automask", "--checkpoint", ckpt.toString(), "--image",
        junk.toString(), "--out", out.toString());
    assertEquals(2, notImage.exitCode(), notImage.toString());
    assertTrue(notImage.err().contains("junk.jpg"), notImage.toString());
    assertEquals(1, notImage.err().strip().lines().count(), notImage.toString());

    CliRun zero = CliRun.of("automask", "--checkpoint", ckpt.toString(), "--image",
        junk.toString(), "--out", out.toString(), "--points-per-side", "0");
    assertEquals(2, zero.exitCode(), zero.toString());
    assertTrue(zero.err().contains("--points-per-side must be between 1 and 1024, got 0"),
        zero.toString());

    CliRun noCkpt = CliRun.of("automask", "--checkpoint", dir.resolve("x.pt").toString(),
        "--image", smallImage().toString(), "--out", out.toString());
    assertEquals(2, noCkpt.exitCode(), noCkpt.toString());
    assertTrue(noCkpt.err().contains("x.pt not found"), noCkpt.toString());

    CliRun thresh = CliRun.of("automask", "--checkpoint", ckpt.toString(), "--image",
        junk.toString(), "--out", out.toString(), "--box-nms-thresh", "1.5");
    assertEquals(2, thresh.exitCode(), thresh.toString());
    assertFalse(Files.exists(out), "nothing written on bad input");
  }
}
