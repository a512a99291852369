package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.app.sample.SampleScene;
import io.masklet.app.sample.SampleVideoWriter;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.model.rle.Rle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code masklet segment} end to end with the micro fixture checkpoint: the image of the micro
 * fixture (written as PNG) and its prompts; the masks must agree with the official outputs in
 * image.safetensors on at least 99.9% of pixels (the fixture README's mask tolerance).
 */
class SegmentCommandTest {
  @TempDir static Path tmp;
  static Path image;
  static Path ckpt;
  static Path config;
  static byte[][] multimaskGolden; // one_point_multimask.masks [3][H*W]
  static float[] multimaskIou;
  static byte[] boxGolden;
  static int h;
  static int w;

  @BeforeAll
  static void fixture() throws IOException {
    ckpt = SharedData.microCheckpoint();
    config = SharedData.microConfig();
    Path golden = SharedData.require("fixtures/sam2.1_hiera_micro/image.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> g = Safetensors.read(golden, m);
      NDArray u8 = g.get("input.image_u8");
      h = (int) u8.getShape().get(0);
      w = (int) u8.getShape().get(1);
      byte[] rgb = u8.toByteArray();
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      for (int i = 0; i < h * w; i++) {
        img.setRGB(i % w, i / w, ((rgb[3 * i] & 0xFF) << 16) | ((rgb[3 * i + 1] & 0xFF) << 8)
            | (rgb[3 * i + 2] & 0xFF));
      }
      image = tmp.resolve("micro.png");
      ImageIO.write(img, "png", image.toFile());
      NDArray mm = g.get("one_point_multimask.masks");
      multimaskGolden = new byte[(int) mm.getShape().get(0)][];
      for (int k = 0; k < multimaskGolden.length; k++) {
        multimaskGolden[k] = mm.get(new NDIndex(k)).toType(ai.djl.ndarray.types.DataType.UINT8, false).toByteArray();
      }
      multimaskIou = g.get("one_point_multimask.iou").toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
      boxGolden = g.get("box.masks").get(new NDIndex(0)).toType(ai.djl.ndarray.types.DataType.UINT8, false).toByteArray();
    }
  }

  @Test
  void oneClickGivesThreeMasksBestFirstMatchingTheOfficialOutputs() throws IOException {
    Path out = tmp.resolve("click.json");
    // one_point_multimask: point (320, 234.85), label 1, multimask
    CliRun run = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--config", config.toString(),
        "--image", image.toString(), "--point", "320,234.85000000000002,1", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    JsonNode masks = new ObjectMapper().readTree(out.toFile()).get("masks");
    assertEquals(3, masks.size());
    int bestGolden = 0;
    for (int k = 1; k < multimaskIou.length; k++) {
      if (multimaskIou[k] > multimaskIou[bestGolden]) {
        bestGolden = k;
      }
    }
    JsonNode best = masks.get(0);
    assertEquals(multimaskIou[bestGolden], best.get("predicted_iou").floatValue(), 1e-3 + 1e-3 * multimaskIou[bestGolden]);
    assertTrue(masks.get(0).get("predicted_iou").floatValue() >= masks.get(1).get("predicted_iou").floatValue());
    JsonNode seg = best.get("segmentation");
    byte[] mask = Rle.fromString(h, w, seg.get("counts").asText()).decode();
    assertAgreement(multimaskGolden[bestGolden], mask, "best mask of one_point_multimask");
  }

  @Test
  void boxPromptWritesThePngMaskOfTheOfficialOutput() throws IOException {
    Path out = tmp.resolve("box.png");
    CliRun run = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--config", config.toString(),
        "--image", image.toString(), "--box", "128,106.75,448,341.6", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    BufferedImage png = ImageIO.read(out.toFile());
    assertEquals(w, png.getWidth());
    assertEquals(h, png.getHeight());
    byte[] mask = new byte[w * h];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (byte) ((png.getRaster().getSample(i % w, i / w, 0) != 0) ? 1 : 0);
    }
    assertAgreement(boxGolden, mask, "box case");
  }

  @Test
  void aClickOutsideTheImageIsBadInputNamingIt() {
    CliRun run = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--config", config.toString(),
        "--image", image.toString(), "--point", (w + 5) + ",10", "--out", tmp.resolve("x.png").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--point " + (w + 5) + ",10: outside the " + w + "x" + h + " image"), run.toString());
  }

  @Test
  void aCheckpointThatDoesNotMatchTheConfigIsBadInput() {
    Path tinyConfig = SharedData.require("reference/sam2.1-configs/sam2.1_hiera_t.yaml");
    CliRun run = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--config", tinyConfig.toString(),
        "--image", image.toString(), "--point", "10,10", "--out", tmp.resolve("y.png").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("does not match config"), run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
  }

  @Test
  void swappedCheckpointAndConfigAreNamedForWhatTheyAre() {
    CliRun ckptAsConfig = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--config",
        ckpt.toString(), "--image", image.toString(), "--point", "10,10",
        "--out", tmp.resolve("c.png").toString());
    assertEquals(2, ckptAsConfig.exitCode(), ckptAsConfig.toString());
    assertTrue(ckptAsConfig.err().contains(ckpt + " is not a YAML config"), ckptAsConfig.toString());
    CliRun configAsCkpt = CliRun.of("segment", "--checkpoint", config.toString(),
        "--image", image.toString(), "--point", "10,10", "--out", tmp.resolve("d.png").toString());
    assertEquals(2, configAsCkpt.exitCode(), configAsCkpt.toString());
    assertTrue(configAsCkpt.err().contains("neither a PyTorch checkpoint"), configAsCkpt.toString());
  }

  @Test
  void theOnlyYamlNextToACheckpointIsItsConfigAsInTheWorkstation() throws IOException {
    // the fixture folder holds checkpoint.pt and config.yaml, like fine-tuned models often do
    Path out = tmp.resolve("next.json");
    CliRun run = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--image",
        image.toString(), "--point", "320,234.85000000000002,1", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(3, new ObjectMapper().readTree(out.toFile()).get("masks").size());
  }

  @Test
  void missingCheckpointAndUnknownOutputTypeAreBadInput() {
    CliRun a = CliRun.of("segment", "--checkpoint", tmp.resolve("none.pt").toString(),
        "--image", image.toString(), "--point", "10,10", "--out", tmp.resolve("z.png").toString());
    assertEquals(2, a.exitCode(), a.toString());
    assertTrue(a.err().contains("none.pt not found"), a.toString());
    CliRun b = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--image", image.toString(),
        "--point", "10,10", "--out", tmp.resolve("z.tiff").toString());
    assertEquals(2, b.exitCode(), b.toString());
    assertTrue(b.err().contains("expected a .png or .json"), b.toString());
  }

  @Test
  void aFolderOrAVideoAsImageIsRefusedNamingWhatToGiveInstead() throws Exception {
    Path folder = TinyProject.framesFolder(Files.createDirectories(tmp.resolve("asFolder")));
    CliRun fromFolder = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--image",
        folder.toString(), "--point", "5,5", "--out", tmp.resolve("f.png").toString());
    assertEquals(2, fromFolder.exitCode(), fromFolder.toString());
    assertEquals(1, fromFolder.err().strip().lines().count(), fromFolder.toString());
    assertTrue(fromFolder.err().contains("--image " + folder + ": a folder, not an image; give "
        + "one of its 3 images, e.g. " + folder.resolve("0.png")), fromFolder.toString());
    assertFalse(Files.exists(tmp.resolve("f.png")));

    Path video = tmp.resolve("clip.mp4");
    SampleVideoWriter.write(new SampleScene(), video, 3);
    Path out = tmp.resolve("v.png");
    CliRun fromVideo = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--image",
        video.toString(), "--point", "5,5", "--out", out.toString());
    assertEquals(2, fromVideo.exitCode(), fromVideo.toString());
    assertEquals(1, fromVideo.err().strip().lines().count(), fromVideo.toString());
    assertTrue(fromVideo.err().contains("--image " + video + ": a video of 3 frames, not an "
        + "image") && fromVideo.err().contains("masklet frames " + video + " --index N"),
        fromVideo.toString());
    assertFalse(Files.exists(out));

    // what the message says to do works: the chosen frame as an image
    Path frames = tmp.resolve("clipFrames");
    assertEquals(0, CliRun.of("frames", video.toString(), "--index", "2", "--out",
        frames.toString()).exitCode());
    CliRun chosen = CliRun.of("segment", "--checkpoint", ckpt.toString(), "--image",
        frames.resolve("2.png").toString(), "--point", "5,5", "--out", out.toString());
    assertEquals(0, chosen.exitCode(), chosen.toString());
    assertEquals(SampleScene.WIDTH, ImageIO.read(out.toFile()).getWidth());
  }

  static void assertAgreement(byte[] expected, byte[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " size");
    int same = 0;
    for (int i = 0; i < expected.length; i++) {
      same += ((expected[i] != 0) == (actual[i] != 0)) ? 1 : 0;
    }
    double agreement = same / (double) expected.length;
    assertTrue(agreement >= 0.999, what + ": " + agreement + " pixel agreement, need 0.999");
  }
}
