package io.masklet.engine.verify;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.config.OfficialBuild;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.tracking.Sam2BaseTracking;
import io.masklet.engine.tracking.TrackingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The video part of a fixture: {@code cases.json → video.steps} replayed through the video
 * predictor and compared with {@code video.safetensors} ({@link VideoFixtureVerifier}),
 * tolerance {@link Tolerance#VIDEO}. The predictor runs with the official video builder's
 * settings ({@link OfficialBuild#video}).
 */
public final class VideoFixturePart implements FixturePart {
  public static final String GOLDEN_FILE = "video.safetensors";

  @Override
  public String name() {
    return "video";
  }

  @Override
  public String goldenFile() {
    return GOLDEN_FILE;
  }

  @Override
  public List<Comparison> verify(Sam2Model model, Path dir, Consumer<Comparison> sink)
      throws IOException {
    Path casesFile = dir.resolve(CASES_FILE);
    JsonNode video = FixturePart.readCases(casesFile).get("video");
    if (video == null || !video.has("steps")) {
      throw new IOException(casesFile + ": no 'video.steps' script");
    }
    SAM2VideoPredictor predictor = new SAM2VideoPredictor(new Sam2BaseTracking(model.net()),
        TrackingOptions.from(OfficialBuild.video(model.config())), SAM2VideoPredictor.Settings.defaults());
    try (Safetensors.Reader golden = Safetensors.open(dir.resolve(GOLDEN_FILE));
        NDManager m = NDManager.newBaseManager()) {
      return new VideoFixtureVerifier(Tolerance.VIDEO).verify(predictor, video, golden, m, sink);
    }
  }
}
