package io.masklet.engine.modeling;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What {@code SAM2Base._prepare_backbone_features} returns besides the backbone output: the last
 * {@code num_feature_levels} FPN levels and their position encodings flattened to (H*W, B, C),
 * highest resolution first, and each level's (H, W).
 */
public record PreparedBackboneFeatures(List<NDArray> visionFeats, List<NDArray> visionPosEmbeds,
    List<FeatSize> featSizes) {

  /** Spatial size of one feature level. */
  public record FeatSize(long h, long w) {}
}
