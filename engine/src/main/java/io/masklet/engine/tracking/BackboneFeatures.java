package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One frame's backbone output as the tracker needs it ({@code _prepare_backbone_features}):
 * {@code levels} the FPN levels from highest to lowest resolution: with high-resolution
 * features the first two are the decoder's skip inputs (passed through its
 * {@code conv_s0}/{@code conv_s1}) already in the layout of
 * {@link io.masklet.engine.modeling.sam.MaskDecoder.UpscalingSkips}, s0 (1, 16hw, C/8) and
 * s1 (1, 4hw, C/4), so a frame's clicks do not re-lay them out; the last is the (1, C, h, w)
 * map. {@code topPos} the position encoding of the last level, (1, C, h, w).
 */
public record BackboneFeatures(List<NDArray> levels, NDArray topPos) {
  public NDArray top() {
    return levels.get(levels.size() - 1);
  }

  public List<NDArray> highRes() {
    return levels.subList(0, levels.size() - 1);
  }
}
