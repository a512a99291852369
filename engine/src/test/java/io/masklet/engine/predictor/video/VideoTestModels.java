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
}
