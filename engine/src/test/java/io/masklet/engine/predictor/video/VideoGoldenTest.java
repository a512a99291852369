package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.tracking.Sam2BaseTracking;
import io.masklet.engine.tracking.TrackingOptions;
import io.masklet.engine.verify.Comparison;
import io.masklet.engine.verify.Tolerance;
import io.masklet.engine.verify.VideoFixtureVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code video.steps} of a fixture's cases.json through the public predictor API and
 * compares every recorded tensor with the official outputs ({@link VideoFixtureVerifier}).
 * Fixtures: ../shared/fixtures sam2.1_hiera_micro, sam2.1_hiera_micro_occluded, sam2.1_hiera_t.
 * Tolerance (fixtures README): low-res logits, object pointers, memory features and
 * memory-attention outputs within atol 1e-2 + rtol 1e-2; object-score signs identical; binary
 * masks agree on at least 99.9% of pixels; frames in the official order.
 */
class VideoGoldenTest {
  @Test
  void microFixtureScriptMatchesOfficialPredictor() throws Exception {
    replay("sam2.1_hiera_micro", false);
  }

  @Test
  void microOccludedFixtureScriptMatchesOfficialPredictor() throws Exception {
    replay("sam2.1_hiera_micro_occluded", false);
  }

  @Test
  void tinyFixtureScriptMatchesOfficialPredictor() throws Exception {
    replay("sam2.1_hiera_t", true);
  }

  static Path fixture(String name) {
    return Path.of(System.getProperty("masklet.shared", "../shared"), "fixtures", name);
  }

  static void replay(String name, boolean tinyConfig) throws Exception {
    Path dir = fixture(name);
    assumeTrue(Files.isRegularFile(dir.resolve("video.safetensors")),
        "fixture " + dir + " is absent (shared data not available)");
    JsonNode video = new ObjectMapper().readTree(dir.resolve("cases.json").toFile()).get("video");
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        VideoTestModels.Loaded loaded = VideoTestModels.load(dir, tinyConfig);
        Safetensors.Reader golden = Safetensors.open(dir.resolve("video.safetensors"))) {
      SAM2VideoPredictor predictor = new SAM2VideoPredictor(new Sam2BaseTracking(loaded.model()),
          TrackingOptions.sam21Video(loaded.imageSize()), SAM2VideoPredictor.Settings.defaults());
      List<Comparison> results = new VideoFixtureVerifier(Tolerance.VIDEO)
          .verify(predictor, video, golden, m, c -> {});
      List<String> failed = results.stream().filter(c -> !c.passed()).map(Comparison::describe).toList();
      assertTrue(results.size() > 50, name + ": only " + results.size() + " comparisons ran");
      assertTrue(failed.isEmpty(), name + ": " + failed.size() + " of " + results.size()
          + " comparisons failed, first: " + failed.subList(0, Math.min(5, failed.size())));
    }
  }
}
