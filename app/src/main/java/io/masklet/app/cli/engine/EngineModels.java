package io.masklet.app.cli.engine;

import ai.djl.engine.Engine;
import io.masklet.app.cli.UserInputException;
import io.masklet.engine.checkpoint.CheckpointFormatException;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.config.ConfigException;
import io.masklet.engine.config.OfficialBuild;
import io.masklet.engine.config.Sam2Config;
import io.masklet.engine.config.Sam2Configs;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2ModelBuilder;
import io.masklet.engine.modeling.Sam2Models;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import io.masklet.engine.predictor.Sam2BaseImageModel;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.tracking.Sam2BaseTracking;
import io.masklet.engine.tracking.TrackingOptions;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the headless commands get a SAM 2.1 model: from a checkpoint (and optional config, else
 * the shipped config its file name names) or, for benchmarks, from a config with random
 * weights. Turns the engine's load failures into one-line user errors that name the files
 * (missing file, unreadable checkpoint, bad config, checkpoint/config mismatch).
 */
public final class EngineModels {
  private EngineModels() {}

  /** Loads {@code checkpoint} strictly against {@code config} (null: from the file name). */
  public static Sam2Model load(Path checkpoint, Path config) {
    if (!Files.isRegularFile(checkpoint)) {
      throw new UserInputException("checkpoint " + checkpoint + " not found (get one with "
          + "`masklet checkpoints download t`)");
    }
    if (config != null && !Files.isRegularFile(config)) {
      throw new UserInputException("config " + config + " not found");
    }
    try {
      return Sam2Models.load(checkpoint, config);
    } catch (ConfigException e) {
      throw new UserInputException((config == null ? "" : "config " + config + ": ")
          + e.getMessage(), e);
    } catch (CheckpointFormatException | NoSuchFileException e) {
      throw new UserInputException("checkpoint " + checkpoint + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // WeightBindingException and friends: the checkpoint's keys/shapes are not the config's.
      throw new UserInputException("checkpoint " + checkpoint + " does not match config "
          + (config == null ? "(from its name)" : config.toString()) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UserInputException("cannot read checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
  }

  /** Builds {@code config}'s network with random weights (benchmarks need no checkpoint). */
  public static Sam2Model randomWeights(Path config, long seed) {
    if (!Files.isRegularFile(config)) {
      throw new UserInputException("config " + config + " not found");
    }
    Sam2Config cfg;
    try {
      cfg = OfficialBuild.video(Sam2Configs.read(config));
    } catch (ConfigException e) {
      throw new UserInputException("config " + config + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UserInputException("cannot read config " + config + ": " + e.getMessage(), e);
    }
    SAM2Base net = Sam2ModelBuilder.build(cfg);
    StateDict weights = RandomWeights.bind(net, seed, 0.02f);
    return new Sam2Model(cfg, net, weights);
  }

  /** The image predictor of a loaded model, its native memory under {@code manager}. */
  public static SAM2ImagePredictor imagePredictor(Sam2Model model, NDManager manager) {
    return new SAM2ImagePredictor(new Sam2BaseImageModel(model.net()), manager);
  }

  /**
   * The video predictor of a loaded model: SAM 2.1's tracking options at the model's input
   * size, and the bounded memory bank (batch propagation runs each direction once, so nothing
   * that was dropped is asked for again).
   */
  public static SAM2VideoPredictor videoPredictor(Sam2Model model) {
    return new SAM2VideoPredictor(new Sam2BaseTracking(model.net()),
        TrackingOptions.sam21Video(model.config().imageSize()), SAM2VideoPredictor.Settings.defaults());
  }

  /** The devices {@code --device} accepts. */
  public enum DeviceChoice { cpu, gpu }

  /**
   * Checks that the requested device is what this build runs on: the default build carries
   * DJL's CPU natives only, and no CUDA build is made yet (see docs/STATUS.md).
   */
  public static void checkDevice(DeviceChoice device) {
    int gpus = Engine.getInstance().getGpuCount();
    if (device == DeviceChoice.gpu && gpus == 0) {
      throw new UserInputException("--device gpu: no GPU is usable by this build ("
          + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion()
          + ", CPU natives; there is no CUDA build of Masklet Studio yet); run with --device cpu");
    }
    if (device == DeviceChoice.cpu && gpus > 0) {
      throw new UserInputException("--device cpu: this build found " + gpus + " GPU(s) and runs "
          + "on them; hide them (CUDA_VISIBLE_DEVICES=) to run on the CPU");
    }
  }

  public static String describeEngine() {
    Engine e = Engine.getInstance();
    return e.getEngineName() + " " + e.getVersion() + ", "
        + (e.getGpuCount() > 0 ? e.getGpuCount() + " GPU(s)" : "CPU")
        + String.format(Locale.ROOT, ", %d cores", Runtime.getRuntime().availableProcessors());
  }
}
