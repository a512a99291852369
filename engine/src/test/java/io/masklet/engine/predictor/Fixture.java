package io.masklet.engine.predictor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.checkpoint.CheckpointLoader;
import io.masklet.engine.checkpoint.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test access to ../shared/fixtures/NAME (skips the test when the folder is absent). */
final class Fixture {
  private Fixture() {}

  static Path dir(String name) {
    String shared = System.getProperty("masklet.shared");
    assumeTrue(shared != null, "system property masklet.shared is not set");
    Path dir = Path.of(shared, "fixtures", name);
    assumeTrue(Files.isRegularFile(dir.resolve("image.safetensors"))
        && Files.isRegularFile(dir.resolve("checkpoint.pt")), "fixture " + dir + " is absent");
    return dir;
  }

  static JsonNode cases(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("cases.json").toFile());
  }

  /**
   * The SAM heads alone bound to those keys of the fixture's full checkpoint (lets the decoder
   * be tested on the fixture's features without the image encoder); the returned dict owns the
   * weights.
   */
  static StateDict loadHeads(SamHeads heads, Path checkpoint) throws IOException {
    StateDict full = CheckpointLoader.load(checkpoint);
    heads.loadHeads(full);
    return full;
  }

  static NDManager manager() {
    return NDManager.newBaseManager("PyTorch");
  }
}
