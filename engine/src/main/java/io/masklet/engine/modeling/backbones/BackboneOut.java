package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The official {@code backbone_out} dict: {@code vision_features} (the lowest-resolution
 * level), {@code vision_pos_enc} and {@code backbone_fpn} per level, highest resolution first.
 */
public record BackboneOut(NDArray visionFeatures, List<NDArray> visionPosEnc,
    List<NDArray> backboneFpn) {

  /** Same record with level {@code i} of the FPN replaced (the high-res projections). */
  public BackboneOut withFpnLevel(int i, NDArray feature) {
    List<NDArray> fpn = new java.util.ArrayList<>(backboneFpn);
    fpn.set(i, feature);
    NDArray vision = i == fpn.size() - 1 ? feature : visionFeatures;
    return new BackboneOut(vision, visionPosEnc, List.copyOf(fpn));
  }
}
