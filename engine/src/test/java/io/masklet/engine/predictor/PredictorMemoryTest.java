package io.masklet.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native memory of the predictor stays flat over many clicks on one image. */
class PredictorMemoryTest {
  @Test
  void aThousandPredictionsLeaveNoNativeArraysBehind() throws Exception {
    Path dir = Fixture.dir("sam2.1_hiera_micro");
    SamHeads heads = new SamHeads(32, 256);
    try (StateDict weights = Fixture.loadHeads(heads, dir.resolve("checkpoint.pt"));
        NDManager m = Fixture.manager();
        Safetensors.Reader golden = Safetensors.open(dir.resolve("image.safetensors"));
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(heads, m, 0f, 4, 4)) {
      try (NDManager load = m.newSubManager()) {
        predictor.setImageFeatures(new ImageFeatures(golden.get("features.image_embed", load),
            List.of(golden.get("backbone.fpn.0", load), golden.get("backbone.fpn.1", load))), 427, 640);
      }
      ImagePrompt click = ImagePrompt.of(PointPrompt.positive(320, 230));
      ImagePrediction first = predictor.predict(click, true, false);
      // every path: clicks, box, mask input, multimask, single mask, logits, hole cleanup, batch
      List<ImagePrompt> variety = List.of(
          click,
          new ImagePrompt(List.of(PointPrompt.negative(100, 50)), new BoxPrompt(10, 20, 400, 300), null),
          click.withMaskInput(first.best().lowRes()));
      runAll(predictor, variety);
      int arrays = managed(m);
      int weightArrays = managed(weights.manager());
      for (int i = 0; i < 1000 / variety.size(); i++) {
        runAll(predictor, variety);
      }
      assertEquals(arrays, managed(m), "arrays held by the predictor's manager tree");
      assertEquals(weightArrays, managed(weights.manager()), "arrays held by the weights' manager");
    }
  }

  /** setImage on the full micro model (image encoder included) leaves nothing behind either. */
  @Test
  void repeatedSetImageLeavesNoNativeArraysBehind() throws Exception {
    Path dir = Fixture.dir("sam2.1_hiera_micro");
    try (Sam2Model model = Sam2Models.load(dir.resolve("checkpoint.pt"), dir.resolve("config.yaml"));
        NDManager m = Fixture.manager();
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(new Sam2BaseImageModel(model.net()), m)) {
      byte[] rgb = new byte[200 * 150 * 3];
      new java.util.Random(3).nextBytes(rgb);
      RgbFrame image = new RgbFrame(0, 200, 150, rgb);
      ImagePrompt click = ImagePrompt.of(PointPrompt.positive(50, 40));
      predictor.setImage(image);
      predictor.predict(click, true, false);
      int arrays = managed(m);
      int weightArrays = managed(model.weights().manager());
      for (int i = 0; i < 10; i++) {
        predictor.setImage(image);
        predictor.predict(click, true, false);
      }
      assertEquals(arrays, managed(m), "arrays held by the predictor's manager tree");
      assertEquals(weightArrays, managed(model.weights().manager()), "arrays held by the weights' manager");
    }
  }

  private static void runAll(SAM2ImagePredictor predictor, List<ImagePrompt> prompts) {
    predictor.predict(prompts.get(0), true, false);
    predictor.predict(prompts.get(1), false, true);
    predictor.predict(prompts.get(2), false, false);
  }

  private static int managed(NDManager m) {
    return ((BaseNDManager) m).getManagedArrays().size();
  }
}
