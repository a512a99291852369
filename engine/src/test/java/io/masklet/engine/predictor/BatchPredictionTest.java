package io.masklet.engine.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.checkpoint.StateDict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batched prediction (official {@code predict} with B prompt sets, {@code repeat_image}) equals
 * predicting each prompt set alone, and mixed structures are grouped and returned in order.
 * Fixture: micro; tolerance 1e-4 on low-res logits and IoU (same arithmetic, batched).
 */
class BatchPredictionTest {
  @Test
  void batchedPromptSetsEqualOneByOnePredictions() throws Exception {
    Path dir = Fixture.dir("sam2.1_hiera_micro");
    SamHeads heads = new SamHeads(32, 256);
    try (StateDict weights = Fixture.loadHeads(heads, dir.resolve("checkpoint.pt"));
        NDManager m = Fixture.manager();
        Safetensors.Reader golden = Safetensors.open(dir.resolve("image.safetensors"));
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(heads, m)) {
      predictor.setImageFeatures(new ImageFeatures(golden.get("features.image_embed", m),
          List.of(golden.get("backbone.fpn.0", m), golden.get("backbone.fpn.1", m))), 427, 640);
      List<ImagePrompt> prompts = List.of(
          ImagePrompt.ofBox(new BoxPrompt(128, 106, 448, 341)),
          ImagePrompt.of(PointPrompt.positive(320, 234)),
          ImagePrompt.ofBox(new BoxPrompt(20, 30, 200, 150)),
          ImagePrompt.of(PointPrompt.positive(500, 300)),
          ImagePrompt.ofBox(new BoxPrompt(300, 200, 630, 420)));
      for (boolean multimask : new boolean[] {true, false}) {
        List<ImagePrediction> batched = predictor.predictBatch(prompts, multimask, false);
        assertEquals(prompts.size(), batched.size());
        for (int i = 0; i < prompts.size(); i++) {
          ImagePrediction alone = predictor.predict(prompts.get(i), multimask, false);
          ImagePrediction inBatch = batched.get(i);
          assertEquals(alone.masks().size(), inBatch.masks().size());
          for (int k = 0; k < alone.masks().size(); k++) {
            assertEquals(alone.masks().get(k).iou(), inBatch.masks().get(k).iou(), 1e-4f);
            float[] a = alone.masks().get(k).lowRes().logits();
            float[] b = inBatch.masks().get(k).lowRes().logits();
            float maxErr = 0;
            for (int j = 0; j < a.length; j++) {
              maxErr = Math.max(maxErr, Math.abs(a[j] - b[j]));
            }
            assertTrue(maxErr < 1e-4f, "prompt " + i + " mask " + k + ": " + maxErr);
          }
        }
      }
    }
  }
}
