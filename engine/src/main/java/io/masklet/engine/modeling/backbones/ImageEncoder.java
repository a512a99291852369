package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Module;
import java.util.Arrays;
import java.util.List;

/**
 * Port of sam2/modeling/backbones/image_encoder.py::ImageEncoder: Hiera trunk + FPN neck,
 * dropping the {@code scalp} lowest-resolution levels.
 */
public final class ImageEncoder extends Module {
  private final Hiera trunk;
  private final FpnNeck neck;
  private final int scalp;

  public ImageEncoder(Hiera trunk, FpnNeck neck, int scalp) {
    if (!Arrays.equals(trunk.channelList(), neck.backboneChannelList())) {
      throw new IllegalArgumentException("ImageEncoder: trunk channels "
          + Arrays.toString(trunk.channelList()) + " do not match the neck's backbone_channel_list "
          + Arrays.toString(neck.backboneChannelList()));
    }
    this.trunk = child("trunk", trunk);
    this.neck = child("neck", neck);
    this.scalp = scalp;
  }

  public Hiera trunk() {
    return trunk;
  }

  public FpnNeck neck() {
    return neck;
  }

  /** {@code sample} (B, 3, S, S) normalized image → backbone features, in sample's manager. */
  public BackboneOut forward(NDArray sample) {
    return forward(sample, List.of());
  }

  /**
   * {@link #forward(NDArray)} with FPN level i replaced by {@code projections.get(i)} of it
   * (where given), see {@link FpnNeck#forward(List, List)}.
   */
  public BackboneOut forward(NDArray sample, List<Conv2d> projections) {
    List<NDArray> trunkOut = trunk.forward(sample);
    FpnNeck.Output o = neck.forward(trunkOut, projections);
    List<NDArray> features = o.features();
    List<NDArray> pos = o.pos();
    trunkOut.forEach(NDArray::close);
    if (scalp > 0) {
      // discard the lowest-resolution levels
      int keep = features.size() - scalp;
      features.subList(keep, features.size()).forEach(NDArray::close);
      pos.subList(keep, pos.size()).forEach(NDArray::close);
      features = features.subList(0, keep);
      pos = pos.subList(0, keep);
    }
    return new BackboneOut(features.get(features.size() - 1), List.copyOf(pos),
        List.copyOf(features));
  }
}
