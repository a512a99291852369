package io.masklet.app.cli.checkpoints;

import io.masklet.app.cli.UserInputException;
import io.masklet.engine.config.ConfigException;
import io.masklet.engine.config.OfficialBuild;
import io.masklet.engine.config.Sam2Config;
import io.masklet.engine.config.Sam2Configs;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Full validation of a downloaded checkpoint: the zip structure first (cheap, catches truncated
 * files), then the engine builds the network of the checkpoint's config and binds the weights
 * strictly, so every parameter name and shape is compared with the config's. The config is the
 * official one of the size being downloaded, or an explicit file (mirrors serving other
 * weights under the official names).
 */
public final class ShapeCheck implements CheckpointValidator {
  private final Path configOverride;

  /** @param configOverride config to check against instead of the official one, or null */
  public ShapeCheck(Path configOverride) {
    this.configOverride = configOverride;
  }

  @Override
  public void validate(Path file, OfficialCheckpoint expected) {
    TorchZipCheck.check(file);
    Sam2Config config;
    String configName;
    try {
      if (configOverride != null) {
        config = Sam2Configs.read(configOverride);
        configName = configOverride.toString();
      } else {
        Sam2Configs.OfficialModel model = Sam2Configs.OfficialModel.byName(expected.shortName())
            .orElseThrow(() -> new IllegalStateException("no shipped config for " + expected));
        config = model.config();
        configName = model.configFileName();
      }
    } catch (ConfigException | IOException e) {
      throw new UserInputException("config " + configOverride + ": " + e.getMessage(), e);
    }
    try (Sam2Model loaded = Sam2Models.load(file, OfficialBuild.video(config))) {
      // bound strictly: every key used, every shape equal
    } catch (IOException e) {
      throw new UserInputException(file + " is not a readable checkpoint: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(file + " does not fit " + configName + ": " + e.getMessage(), e);
    }
  }
}
