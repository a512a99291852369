package io.masklet.engine.modeling;

import io.masklet.engine.checkpoint.CheckpointLoader;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.config.OfficialBuild;
import io.masklet.engine.config.Sam2Config;
import io.masklet.engine.config.Sam2Configs;
import java.io.IOException;
import java.nio.file.Path;

/** Loading a SAM 2.1 model from a checkpoint file (and optionally its config). */
public final class Sam2Models {
  private Sam2Models() {}

  /**
   * Reads the config ({@code config}, or the shipped SAM 2.1 config the checkpoint's file name
   * denotes when null), applies the official builders' overrides
   * ({@link OfficialBuild#video}, a superset of the image ones: dynamic multimask, binarized
   * prompted masks, hole filling), builds the network and binds the checkpoint strictly.
   */
  public static Sam2Model load(Path checkpoint, Path config) throws IOException {
    Sam2Config cfg = OfficialBuild.video(Sam2Configs.forCheckpoint(checkpoint, config));
    return load(checkpoint, cfg);
  }

  /** Builds {@code config}'s network and binds {@code checkpoint} to it strictly. */
  public static Sam2Model load(Path checkpoint, Sam2Config config) throws IOException {
    SAM2Base net = Sam2ModelBuilder.build(config);
    StateDict weights = CheckpointLoader.load(checkpoint);
    try {
      net.load(weights);
    } catch (RuntimeException e) {
      weights.close();
      throw e;
    }
    return new Sam2Model(config, net, weights);
  }
}
