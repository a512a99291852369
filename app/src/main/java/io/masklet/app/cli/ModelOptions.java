package io.masklet.app.cli;

import io.masklet.app.cli.engine.EngineModels;
import io.masklet.engine.modeling.Sam2Model;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --checkpoint}/{@code --config} options of the commands that run a SAM 2.1 model
 * from a checkpoint (a picocli mixin), and the load that turns them into a model.
 */
public final class ModelOptions {
  @Option(names = "--checkpoint", required = true, paramLabel = "CKPT",
      description = "SAM 2.1 checkpoint (.pt or .safetensors).")
  Path checkpoint;

  @Option(names = "--config", paramLabel = "YAML",
      description = "Official-format model config (default: from the checkpoint's file name).")
  Path config;

  /** Loads the checkpoint against the config; failures are one-line user errors. */
  Sam2Model load() {
    return EngineModels.load(checkpoint, config);
  }
}
