package io.masklet.engine.amg;

import java.util.List;

/**
 * The arguments of sam2/automatic_mask_generator.py::SAM2AutomaticMaskGenerator, with the
 * official defaults in {@link #defaults()} (chosen upstream for the Hiera-L model).
 *
 * @param pointsPerSide points sampled along one side of the image (the grid has its square);
 *     null when {@code pointGrids} gives the points explicitly
 * @param pointsPerBatch point prompts run through the decoder together
 * @param predIouThresh keep masks whose predicted IoU is above this (0 disables)
 * @param stabilityScoreThresh keep masks whose stability score is at least this (0 disables)
 * @param stabilityScoreOffset how far the binarization cutoff moves for the stability score
 * @param maskThreshold logit cutoff that binarizes masks
 * @param boxNmsThresh box IoU above which a lower-IoU mask of the same crop is a duplicate
 * @param cropNLayers extra layers of crops; layer i has (2^i)² crops
 * @param cropNmsThresh box IoU above which masks of different crops are duplicates
 * @param cropOverlapRatio overlap of first-layer crops as a fraction of the short image side
 * @param cropNPointsDownscaleFactor layer i samples pointsPerSide / factor^i points per side
 * @param pointGrids explicit normalized (x, y) grids, one per crop layer; null with pointsPerSide
 * @param minMaskRegionArea fills holes and removes islands up to this area in the low-res masks
 *     (the predictor's max_hole_area / max_sprinkle_area); 0 disables
 * @param useM2m refine each mask once more with its own low-res logits as mask prompt
 * @param multimaskOutput three masks per point instead of one
 */
public record AmgOptions(
    Integer pointsPerSide,
    int pointsPerBatch,
    float predIouThresh,
    float stabilityScoreThresh,
    float stabilityScoreOffset,
    float maskThreshold,
    float boxNmsThresh,
    int cropNLayers,
    float cropNmsThresh,
    double cropOverlapRatio,
    int cropNPointsDownscaleFactor,
    List<double[][]> pointGrids,
    int minMaskRegionArea,
    boolean useM2m,
    boolean multimaskOutput) {

  public AmgOptions {
    if ((pointsPerSide == null) == (pointGrids == null)) {
      throw new IllegalArgumentException("exactly one of points_per_side and point_grids must be given");
    }
    if (pointsPerSide != null && pointsPerSide < 1) {
      throw new IllegalArgumentException("points_per_side must be >= 1, got " + pointsPerSide);
    }
    if (pointsPerBatch < 1) {
      throw new IllegalArgumentException("points_per_batch must be >= 1, got " + pointsPerBatch);
    }
    if (cropNLayers < 0) {
      throw new IllegalArgumentException("crop_n_layers must be >= 0, got " + cropNLayers);
    }
    if (cropNPointsDownscaleFactor < 1) {
      throw new IllegalArgumentException("crop_n_points_downscale_factor must be >= 1, got "
          + cropNPointsDownscaleFactor);
    }
    if (minMaskRegionArea < 0) {
      throw new IllegalArgumentException("min_mask_region_area must be >= 0, got " + minMaskRegionArea);
    }
    if (pointGrids != null) {
      pointGrids = List.copyOf(pointGrids);
      if (pointGrids.size() < cropNLayers + 1) {
        throw new IllegalArgumentException(pointGrids.size() + " point grids for "
            + (cropNLayers + 1) + " crop layers");
      }
    }
  }

  /** The official defaults: 32 points per side, batches of 64, IoU 0.8, stability 0.95, ... */
  public static AmgOptions defaults() {
    return new AmgOptions(32, 64, 0.8f, 0.95f, 1.0f, 0.0f, 0.7f, 0, 0.7f, 512.0 / 1500, 1,
        null, 0, false, true);
  }

  /** The point grid of every crop layer (built from pointsPerSide, or the explicit grids). */
  public List<double[][]> layerPointGrids() {
    return pointGrids != null ? pointGrids
        : PointGrids.buildAllLayerPointGrids(pointsPerSide, cropNLayers, cropNPointsDownscaleFactor);
  }

  public AmgOptions withPointsPerSide(int n) {
    return new AmgOptions(n, pointsPerBatch, predIouThresh, stabilityScoreThresh,
        stabilityScoreOffset, maskThreshold, boxNmsThresh, cropNLayers, cropNmsThresh,
        cropOverlapRatio, cropNPointsDownscaleFactor, null, minMaskRegionArea, useM2m,
        multimaskOutput);
  }

  public AmgOptions withPointsPerBatch(int n) {
    return new AmgOptions(pointsPerSide, n, predIouThresh, stabilityScoreThresh,
        stabilityScoreOffset, maskThreshold, boxNmsThresh, cropNLayers, cropNmsThresh,
        cropOverlapRatio, cropNPointsDownscaleFactor, pointGrids, minMaskRegionArea, useM2m,
        multimaskOutput);
  }

  public AmgOptions withThresholds(float predIou, float stability, float boxNms) {
    return new AmgOptions(pointsPerSide, pointsPerBatch, predIou, stability,
        stabilityScoreOffset, maskThreshold, boxNms, cropNLayers, cropNmsThresh,
        cropOverlapRatio, cropNPointsDownscaleFactor, pointGrids, minMaskRegionArea, useM2m,
        multimaskOutput);
  }

  public AmgOptions withCropNLayers(int layers) {
    return new AmgOptions(pointsPerSide, pointsPerBatch, predIouThresh, stabilityScoreThresh,
        stabilityScoreOffset, maskThreshold, boxNmsThresh, layers, cropNmsThresh,
        cropOverlapRatio, cropNPointsDownscaleFactor, pointGrids, minMaskRegionArea, useM2m,
        multimaskOutput);
  }

  public AmgOptions withMinMaskRegionArea(int area) {
    return new AmgOptions(pointsPerSide, pointsPerBatch, predIouThresh, stabilityScoreThresh,
        stabilityScoreOffset, maskThreshold, boxNmsThresh, cropNLayers, cropNmsThresh,
        cropOverlapRatio, cropNPointsDownscaleFactor, pointGrids, area, useM2m, multimaskOutput);
  }

  public AmgOptions withUseM2m(boolean m2m) {
    return new AmgOptions(pointsPerSide, pointsPerBatch, predIouThresh, stabilityScoreThresh,
        stabilityScoreOffset, maskThreshold, boxNmsThresh, cropNLayers, cropNmsThresh,
        cropOverlapRatio, cropNPointsDownscaleFactor, pointGrids, minMaskRegionArea, m2m,
        multimaskOutput);
  }
}
