package io.masklet.app.cli;

import io.masklet.app.cli.engine.EngineModels;
import picocli.CommandLine.Option;

/** The {@code --device} option of the model-running commands (a picocli mixin). */
public final class DeviceOption {
  @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu",
      description = "Device (default: ${DEFAULT-VALUE}).")
  EngineModels.DeviceChoice device;

  /** Fails with a user error unless this build runs on the requested device. */
  void check() {
    EngineModels.checkDevice(device);
  }
}
