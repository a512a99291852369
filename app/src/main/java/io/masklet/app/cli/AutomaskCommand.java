package io.masklet.app.cli;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.amg.AmgOptions;
import io.masklet.engine.amg.AutoMask;
import io.masklet.engine.amg.AutoMaskJson;
import io.masklet.engine.amg.SAM2AutomaticMaskGenerator;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.predictor.Sam2BaseImageModel;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code masklet automask}: SAM 2's automatic mask generator on one image, headless. Writes the
 * mask records as JSON with COCO RLE segmentations ({@link AutoMaskJson}). Defaults are the
 * official generator's.
 */
@Command(
    name = "automask",
    mixinStandardHelpOptions = true,
    description = {
      "Segment everything in an image with SAM 2's automatic mask generator (a grid of point "
          + "prompts, filtered by predicted IoU and stability, deduplicated by box NMS) and "
          + "write the masks as JSON records with COCO RLE segmentations.",
    })
public final class AutomaskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(names = "--image", required = true, paramLabel = "IMAGE",
      description = "Image to segment (jpg, png, bmp); not a folder or a video.")
  Path image;

  @Option(names = "--out", required = true, paramLabel = "NAME.json",
      description = "Output JSON file (.json): every mask as a record with its COCO RLE.")
  Path out;

  @Option(names = "--points-per-side", paramLabel = "N", defaultValue = "32",
      description = "Grid points along one side (default ${DEFAULT-VALUE}).")
  int pointsPerSide;

  @Option(names = "--points-per-batch", paramLabel = "N", defaultValue = "64",
      description = "Point prompts decoded together (default ${DEFAULT-VALUE}).")
  int pointsPerBatch;

  @Option(names = "--pred-iou-thresh", paramLabel = "T", defaultValue = "0.8",
      description = "Keep masks with predicted IoU above this (default ${DEFAULT-VALUE}).")
  float predIouThresh;

  @Option(names = "--stability-score-thresh", paramLabel = "T", defaultValue = "0.95",
      description = "Keep masks with stability score at least this (default ${DEFAULT-VALUE}).")
  float stabilityScoreThresh;

  @Option(names = "--box-nms-thresh", paramLabel = "T", defaultValue = "0.7",
      description = "Box IoU above which masks are duplicates (default ${DEFAULT-VALUE}).")
  float boxNmsThresh;

  @Option(names = "--crop-n-layers", paramLabel = "N", defaultValue = "0",
      description = "Also run on crops: layer i has (2^i)^2 crops (default ${DEFAULT-VALUE}).")
  int cropNLayers;

  @Option(names = "--min-mask-region-area", paramLabel = "PIXELS", defaultValue = "0",
      description = "Fill holes and drop islands up to this area in the low-res masks "
          + "(default ${DEFAULT-VALUE}: off).")
  int minMaskRegionArea;

  @Option(names = "--use-m2m", description = "Refine each mask once with its own logits as prompt.")
  boolean useM2m;

  @Override
  public Integer call() throws IOException {
    // the masks overlap and carry scores: no single picture holds them, so no image output
    if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      throw new UserInputException("--out " + out + ": automask writes JSON mask records "
          + "(COCO RLE), not an image; give a .json file name");
    }
    AmgOptions options = options();
    RgbFrame frame = FrameInputs.readImage(image);
    List<AutoMask> masks;
    try (Sam2Model sam2 = model.load();
        NDManager manager = NDManager.newBaseManager("PyTorch");
        SAM2AutomaticMaskGenerator generator =
            new SAM2AutomaticMaskGenerator(new Sam2BaseImageModel(sam2.net()), manager, options)) {
      try (CliProgress progress = CliProgress.count("automask", 1, "points")) {
        masks = generator.generate(frame, (done, total) -> {
          progress.maxHint(total);
          progress.stepTo(done);
        });
      }
    }
    AutoMaskJson.write(masks, out);
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote " + out + ": " + masks.size() + " masks on " + frame.width() + "x"
        + frame.height() + " " + image.getFileName());
    w.flush();
    return 0;
  }

  private AmgOptions options() {
    checkRange("--points-per-side", pointsPerSide, 1, 1024);
    checkRange("--points-per-batch", pointsPerBatch, 1, 4096);
    checkRange("--crop-n-layers", cropNLayers, 0, 6);
    checkRange("--min-mask-region-area", minMaskRegionArea, 0, Integer.MAX_VALUE);
    checkUnit("--pred-iou-thresh", predIouThresh);
    checkUnit("--stability-score-thresh", stabilityScoreThresh);
    checkUnit("--box-nms-thresh", boxNmsThresh);
    AmgOptions d = AmgOptions.defaults();
    return new AmgOptions(pointsPerSide, pointsPerBatch, predIouThresh, stabilityScoreThresh,
        d.stabilityScoreOffset(), d.maskThreshold(), boxNmsThresh, cropNLayers, d.cropNmsThresh(),
        d.cropOverlapRatio(), d.cropNPointsDownscaleFactor(), null, minMaskRegionArea, useM2m,
        d.multimaskOutput());
  }

  private static void checkRange(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new UserInputException(option + " must be between " + min + " and " + max
          + ", got " + value);
    }
  }

  private static void checkUnit(String option, float value) {
    if (!(value >= 0f && value <= 1f)) {
      throw new UserInputException(option + " must be between 0 and 1, got " + value);
    }
  }
}
