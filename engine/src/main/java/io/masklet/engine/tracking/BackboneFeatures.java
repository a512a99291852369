package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One frame's backbone output as the tracker needs it ({@code _prepare_backbone_features}):
 * {@code levels} the FPN maps (1, C_i, H_i, W_i) from highest to lowest resolution, the first
 * two already passed through the decoder's {@code conv_s0}/{@code conv_s1}; {@code topPos} the
 * position encoding of the last (lowest-resolution) level, (1, C, H, W).
 */
public record BackboneFeatures(List<NDArray> levels, NDArray topPos) {
  public NDArray top() {
    return levels.get(levels.size() - 1);
  }

  public List<NDArray> highRes() {
    return levels.subList(0, levels.size() - 1);
  }
}
