package io.masklet.app.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (surefire's {@code masklet.shared}); skips a test when data is absent. */
final class SharedData {
  private SharedData() {}

  static Path root() {
    String p = System.getProperty("masklet.shared");
    assumeTrue(p != null, "system property masklet.shared is not set (run through Maven)");
    return Path.of(p);
  }

  static Path require(String relative) {
    Path f = root().resolve(relative);
    assumeTrue(Files.exists(f), "shared data " + f + " is absent");
    return f;
  }

  static Path microCheckpoint() {
    return require("fixtures/sam2.1_hiera_micro/checkpoint.pt");
  }

  static Path microConfig() {
    return require("fixtures/sam2.1_hiera_micro/config.yaml");
  }
}
