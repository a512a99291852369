package io.masklet.engine.predictor.video;

import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import java.io.IOException;
import java.nio.file.Path;

/** A fixture's model: its config.yaml (with the official video builder's overrides) and checkpoint. */
final class VideoTestModels {
  private VideoTestModels() {}

  record Loaded(Sam2Model loaded) implements AutoCloseable {
    io.masklet.engine.modeling.SAM2Base model() {
      return loaded.net();
    }

    int imageSize() {
      return loaded.config().imageSize();
    }

    @Override
    public void close() {
      loaded.close();
    }
  }

  static Loaded load(Path fixtureDir, boolean unusedTinyFlag) throws IOException {
    return new Loaded(Sam2Models.load(fixtureDir.resolve("checkpoint.pt"), fixtureDir.resolve("config.yaml")));
  }

  /** What a test does with the micro model, a manager and a synthetic video. */
  interface MicroBody {
    void run(Loaded loaded, ai.djl.ndarray.NDManager m, io.masklet.engine.video.FrameSource video)
        throws Exception;
  }

  /**
   * Runs {@code body} with the micro fixture's model on a synthetic 64x48 video of
   * {@code frames} ({@link BoundedMemoryTest#synthetic}); skipped when the fixture is absent.
   */
  static void withMicroModel(int frames, MicroBody body) throws Exception {
    Path dir = VideoGoldenTest.fixture("sam2.1_hiera_micro");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isRegularFile(dir.resolve("checkpoint.pt")), "micro fixture absent");
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager("PyTorch");
        Loaded loaded = load(dir, false);
        io.masklet.engine.video.FrameSource video = BoundedMemoryTest.synthetic(frames, 64, 48)) {
      body.run(loaded, m, video);
    }
  }

  /** A video predictor over the loaded model with the SAM 2.1 video options at 256. */
  static SAM2VideoPredictor predictor(Loaded loaded, SAM2VideoPredictor.Settings settings) {
    return new SAM2VideoPredictor(
        new io.masklet.engine.tracking.Sam2BaseTracking(loaded.model()),
        io.masklet.engine.tracking.TrackingOptions.sam21Video(256), settings);
  }
}
