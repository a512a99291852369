package io.masklet.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.verify.Comparison;
import io.masklet.engine.verify.ImageFixtureVerifier;
import io.masklet.engine.verify.Tolerance;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden test of the prompt encoder + mask decoder + predictor postprocessing, decoupled from
 * the image encoder: the fixture's own {@code features.image_embed} and {@code backbone.fpn.0/1}
 * (the predictor's high-res features) are fed in, then every image case of cases.json is
 * replayed. Tolerance (fixtures README): masks agree on ≥ 99.9 % of pixels; iou and
 * low_res_logits within atol 1e-3 + rtol 1e-3.
 */
class DecoderGoldenTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({"sam2.1_hiera_micro, 32, 256", "sam2.1_hiera_micro_occluded, 32, 256",
      "sam2.1_hiera_t, 256, 1024"})
  void everyImageCaseMatchesTheOfficialOutputsFromTheFixtureFeatures(String fixture, int hidden,
      int imageSize) throws Exception {
    Path dir = Fixture.dir(fixture);
    JsonNode cases = Fixture.cases(dir);
    SamHeads heads = new SamHeads(hidden, imageSize);
    try (StateDict weights = Fixture.loadHeads(heads, dir.resolve("checkpoint.pt"));
        NDManager m = Fixture.manager();
        Safetensors.Reader golden = Safetensors.open(dir.resolve("image.safetensors"));
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(heads, m)) {
      long[] hw = golden.info("input.image_u8").shape().getShape();
      ImageFeatures features = new ImageFeatures(golden.get("features.image_embed", m),
          List.of(golden.get("backbone.fpn.0", m), golden.get("backbone.fpn.1", m)));
      predictor.setImageFeatures(features, (int) hw[0], (int) hw[1]);

      List<Comparison> results = new ImageFixtureVerifier(Tolerance.IMAGE).verify(predictor,
          ImageFixtureVerifier.imageCases(cases, dir + "/cases.json"), golden, r -> System.out.println(fixture + " " + r.describe()));
      assertEquals(3 * cases.get("image_cases").size(), results.size());
      String failed = results.stream().filter(r -> !r.passed()).map(Comparison::describe)
          .collect(Collectors.joining("\n"));
      assertTrue(failed.isEmpty(), fixture + ":\n" + failed);
    }
  }
}
