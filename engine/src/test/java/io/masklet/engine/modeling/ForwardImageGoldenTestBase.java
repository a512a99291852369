package io.masklet.engine.modeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.modeling.backbones.BackboneOut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Golden test of {@code SAM2Base.forward_image} on one fixture of ../shared/fixtures: from the
 * fixture's {@code input.image_tensor}, the backbone features, every FPN level (0 and 1 through
 * conv_s0/conv_s1), the lowest level's position encoding and the predictor's image embedding
 * (lowest level + no_mem_embed) equal the official outputs within atol 1e-3 + rtol 1e-3. The
 * model is loaded and run once per fixture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForwardImageGoldenTestBase {
  private static final double ATOL = 1e-3;
  private static final double RTOL = 1e-3;

  private Sam2Model model;
  private NDManager manager;
  private Map<String, NDArray> golden;
  private BackboneOut out;
  private PreparedBackboneFeatures prepared;

  /** Folder name under ../shared/fixtures. */
  abstract String fixture();

  @BeforeAll
  void runForwardImage() throws Exception {
    Path dir = Path.of(System.getProperty("masklet.shared"), "fixtures", fixture());
    assumeTrue(Files.isRegularFile(dir.resolve("checkpoint.pt"))
        && Files.isRegularFile(dir.resolve("image.safetensors")),
        "fixture " + dir + " is absent; golden test skipped");
    model = Sam2Models.load(dir.resolve("checkpoint.pt"), dir.resolve("config.yaml"));
    manager = NDManager.newBaseManager("PyTorch");
    golden = Safetensors.read(dir.resolve("image.safetensors"), manager);
    out = model.net().forwardImage(golden.get("input.image_tensor"));
    prepared = model.net().prepareBackboneFeatures(out);
  }

  @AfterAll
  void release() {
    if (manager != null) {
      manager.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void visionFeaturesMatchOfficial() {
    assertClose("backbone.vision_features", out.visionFeatures());
  }

  @Test
  void everyFpnLevelMatchesOfficial() {
    for (int i = 0; i < 3; i++) {
      assertClose("backbone.fpn." + i, out.backboneFpn().get(i));
    }
  }

  @Test
  void lowestLevelPositionEncodingMatchesOfficial() {
    assertClose("backbone.pos.2", out.visionPosEnc().get(2));
  }

  @Test
  void imageEmbeddingWithNoMemEmbedMatchesOfficial() {
    SAM2Base net = model.net();
    assertTrue(net.options().directlyAddNoMemEmbed(), "SAM 2.1 configs add no_mem_embed");
    NDArray low = prepared.visionFeats().get(prepared.visionFeats().size() - 1);
    PreparedBackboneFeatures.FeatSize size =
        prepared.featSizes().get(prepared.featSizes().size() - 1);
    NDArray embed = low.add(net.noMemEmbed())
        // (H*W, 1, C) -> (1, C, H*W) -> (1, C, H, W)
        .transpose(1, 2, 0).reshape(1, net.hiddenDim(), size.h(), size.w());
    assertClose("features.image_embed", embed);
  }

  private void assertClose(String key, NDArray got) {
    NDArray want = golden.get(key);
    assertTrue(want != null, fixture() + ": golden tensor '" + key + "' missing");
    assertEquals(want.getShape(), got.getShape(), key + " shape");
    float[] a = got.toFloatArray();
    float[] b = want.toFloatArray();
    double maxErr = 0;
    int worst = -1;
    for (int i = 0; i < a.length; i++) {
      double err = Math.abs(a[i] - b[i]);
      if (!(err <= ATOL + RTOL * Math.abs(b[i])) && worst < 0) {
        worst = i;
      }
      maxErr = Math.max(maxErr, err);
    }
    final int first = worst;
    assertTrue(first < 0, () -> fixture() + " " + key + ": element " + first + " is " + a[first]
        + ", official " + b[first] + " (atol 1e-3 + rtol 1e-3)");
    assertTrue(!Double.isNaN(maxErr), key + " has NaN");
  }
}
