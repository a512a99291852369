package io.masklet.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import io.masklet.engine.verify.Comparison;
import io.masklet.engine.verify.ImageFixtureVerifier;
import io.masklet.engine.verify.Tolerance;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole image path from pixels: {@link Sam2BaseImageModel} over the micro fixture's loaded
 * SAM2Base, {@code setImage(input.image_u8)}, then every image case of cases.json against the
 * official outputs. Fixture sam2.1_hiera_micro; tolerance of its README (masks ≥ 99.9 % equal
 * pixels, iou and low-res logits atol 1e-3 + rtol 1e-3).
 */
class Sam2BaseImageModelGoldenTest {
  @Test
  void predictorOnALoadedModelReproducesEveryOfficialImageCaseFromPixels() throws Exception {
    Path dir = Fixture.dir("sam2.1_hiera_micro");
    JsonNode cases = Fixture.cases(dir);
    try (Sam2Model model = Sam2Models.load(dir.resolve("checkpoint.pt"), dir.resolve("config.yaml"));
        NDManager m = Fixture.manager();
        Safetensors.Reader golden = Safetensors.open(dir.resolve("image.safetensors"));
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(new Sam2BaseImageModel(model.net()), m)) {
      RgbFrame image;
      try (NDManager tmp = m.newSubManager()) {
        NDArray u8 = golden.get("input.image_u8", tmp);
        long[] hw = u8.getShape().getShape();
        image = new RgbFrame(0, (int) hw[1], (int) hw[0], u8.toByteArray());
      }
      predictor.setImage(image);
      List<Comparison> results = new ImageFixtureVerifier(Tolerance.IMAGE).verify(predictor,
          ImageFixtureVerifier.imageCases(cases, dir + "/cases.json"), golden, r -> { });
      assertEquals(3 * cases.get("image_cases").size(), results.size());
      String failed = results.stream().filter(r -> !r.passed()).map(Comparison::describe)
          .collect(Collectors.joining("\n"));
      assertTrue(failed.isEmpty(), failed);
    }
  }
}
