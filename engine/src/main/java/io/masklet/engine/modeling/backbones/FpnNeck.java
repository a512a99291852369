package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.PositionEmbeddingSine;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Interpolate;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Port of sam2/modeling/backbones/image_encoder.py::FpnNeck: a 1x1 lateral convolution per
 * trunk level to {@code d_model} channels, top-down fusion (upsampled coarser level added) on
 * the levels listed in {@code fpn_top_down_levels}, and a sine position encoding per level.
 */
public final class FpnNeck extends Module {
  /** One lateral projection; named like the official {@code nn.Sequential(conv=...)}. */
  public static final class Lateral extends Module {
    private final Conv2d conv;

    Lateral(int inChannels, int dModel, int kernelSize, int stride, int padding) {
      this.conv = child("conv", new Conv2d(inChannels, dModel, kernelSize, stride, padding));
    }

    public NDArray forward(NDArray x) {
      return conv.forward(x);
    }
  }

  /** Neck outputs: one feature map and one position encoding per level, highest resolution first. */
  public record Output(List<NDArray> features, List<NDArray> pos) {}

  private final PositionEmbeddingSine positionEncoding;
  private final ModuleList<Lateral> convs;
  private final int dModel;
  private final int[] backboneChannelList;
  private final String interpMode;
  private final boolean fuseAvg;
  private final int[] topDownLevels;

  /**
   * @param fpnInterpModel "nearest" (all SAM 2.1 configs) or "bilinear"
   * @param fuseType "sum" or "avg"
   * @param fpnTopDownLevels levels with top-down fusion, or null for all
   */
  public FpnNeck(PositionEmbeddingSine positionEncoding, int dModel, int[] backboneChannelList,
      int kernelSize, int stride, int padding, String fpnInterpModel, String fuseType,
      int[] fpnTopDownLevels) {
    if (!fuseType.equals("sum") && !fuseType.equals("avg")) {
      throw new IllegalArgumentException("FpnNeck: fuse_type must be sum or avg, got " + fuseType);
    }
    if (!fpnInterpModel.equals("nearest") && !fpnInterpModel.equals("bilinear")) {
      throw new IllegalArgumentException(
          "FpnNeck: fpn_interp_model '" + fpnInterpModel + "' is not supported");
    }
    this.positionEncoding = child("position_encoding", positionEncoding);
    this.convs = child("convs", new ModuleList<>());
    for (int dim : backboneChannelList) {
      convs.add(new Lateral(dim, dModel, kernelSize, stride, padding));
    }
    this.dModel = dModel;
    this.backboneChannelList = backboneChannelList.clone();
    this.interpMode = fpnInterpModel;
    this.fuseAvg = fuseType.equals("avg");
    this.topDownLevels = fpnTopDownLevels == null
        ? java.util.stream.IntStream.range(0, backboneChannelList.length).toArray()
        : fpnTopDownLevels.clone();
  }

  public int dModel() {
    return dModel;
  }

  public int[] backboneChannelList() {
    return backboneChannelList.clone();
  }

  public PositionEmbeddingSine positionEncoding() {
    return positionEncoding;
  }

  /** {@code xs}: trunk outputs (B, C_i, H_i, W_i), highest resolution first. */
  public Output forward(List<NDArray> xs) {
    int n = convs.size() - 1;
    if (xs.size() != convs.size()) {
      throw new IllegalArgumentException("FpnNeck: " + xs.size() + " trunk levels for "
          + convs.size() + " lateral convs");
    }
    NDArray[] out = new NDArray[xs.size()];
    NDArray[] pos = new NDArray[xs.size()];
    NDArray prev = null;
    // top-down: from the lowest resolution to the highest
    for (int i = n; i >= 0; i--) {
      NDArray lateral = convs.get(n - i).forward(xs.get(i));
      int level = i;
      if (prev != null && Arrays.stream(topDownLevels).anyMatch(l -> l == level)) {
        long h = prev.getShape().get(2) * 2;
        long w = prev.getShape().get(3) * 2;
        NDArray topDown = interpMode.equals("nearest")
            ? Interpolate.nearest(prev, h, w)
            : Interpolate.bilinear(prev, (int) h, (int) w);
        prev = lateral.addi(topDown);
        topDown.close();
        if (fuseAvg) {
          prev = prev.divi(2);
        }
      } else {
        prev = lateral;
      }
      out[i] = prev;
      pos[i] = positionEncoding.forward(prev);
    }
    return new Output(new ArrayList<>(List.of(out)), new ArrayList<>(List.of(pos)));
  }
}
