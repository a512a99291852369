package io.masklet.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import io.masklet.engine.verify.Comparison;
import io.masklet.engine.verify.ImageFixtureVerifier;
import io.masklet.engine.verify.Tolerance;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end through {@link SAM2ImagePredictor#setImage(RgbFrame)}: the fixture's
 * {@code input.image_u8} on its checkpoint + config, the cached embedding against
 * {@code features.image_embed}, then every image case (masks ≥ 99.9 % pixel agreement; iou,
 * low_res_logits and the embedding within atol 1e-3 + rtol 1e-3, fixtures README).
 */
class ImagePredictorGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"sam2.1_hiera_micro", "sam2.1_hiera_micro_occluded", "sam2.1_hiera_t"})
  void setImageThenEveryCaseMatchesTheOfficialPredictor(String fixture) throws Exception {
    Path dir = Fixture.dir(fixture);
    try (Sam2Model model = Sam2Models.load(dir.resolve("checkpoint.pt"), dir.resolve("config.yaml"));
        NDManager m = Fixture.manager();
        Safetensors.Reader golden = Safetensors.open(dir.resolve("image.safetensors"));
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(new Sam2BaseImageModel(model.net()), m)) {
      NDArray u8 = golden.get("input.image_u8", m);
      long[] s = u8.getShape().getShape();
      predictor.setImage(new RgbFrame(0, (int) s[1], (int) s[0], u8.toByteArray()));
      assertEquals(List.of((int) s[0], (int) s[1]),
          List.of(predictor.originalSize()[0], predictor.originalSize()[1]));

      List<Comparison> results = new ArrayList<>();
      results.add(Tolerance.IMAGE.compare("features.image_embed",
          predictor.getImageEmbedding().toFloatArray(), golden.get("features.image_embed", m).toFloatArray()));
      results.addAll(new ImageFixtureVerifier(Tolerance.IMAGE).verify(predictor,
          ImageFixtureVerifier.imageCases(Fixture.cases(dir), dir + "/cases.json"), golden,
          r -> { }));
      results.forEach(r -> System.out.println(fixture + " " + r.describe()));
      String failed = results.stream().filter(r -> !r.passed()).map(Comparison::describe)
          .collect(Collectors.joining("\n"));
      assertTrue(failed.isEmpty(), fixture + ":\n" + failed);
    }
  }
}
