package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.modeling.PositionEmbeddingSine;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Interpolate;
import io.masklet.engine.nn.Linear;
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

    /** The trunk's levels are channel-last in memory: a pointwise lateral is a matmul. */
    public NDArray forward(NDArray x) {
      return conv.isPointwise() ? conv.forwardChannelsLast(x) : conv.forward(x);
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
    return forward(xs, List.of());
  }

  /**
   * {@link #forward(List)} followed by {@code projections.get(i)} on level i's features (where
   * given; the high-resolution convolutions SAM2Base applies right after the neck). A level
   * whose lateral and projection are both pointwise and which takes no part in the top-down
   * fusion gets the two applied as one composed pointwise map, {@code (Wp Wl) x + (Wp bl + bp)}:
   * the same values up to float rounding, without the d_model-wide map in between (at 1024
   * input the stride-4 level is 256×256×256 floats, 64 MiB, an allocation the kernel had to
   * fault in on every image, and 3.2 GFLOP for a lateral whose output only feeds the projection).
   */
  public Output forward(List<NDArray> xs, List<Conv2d> projections) {
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
      Conv2d projection = i < projections.size() ? projections.get(i) : null;
      if (projection != null && composable(i, projection)) {
        out[i] = composedProjection(xs.get(i), convs.get(n - i).conv, projection);
        pos[i] = positionEncoding.forward(out[i]);
        prev = null; // no higher level uses this one (see composable)
        continue;
      }
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
      if (projection != null) {
        NDArray projected = projection.isPointwise()
            ? projection.forwardChannelsLast(prev) : projection.forward(prev);
        if (i == 0 || !isTopDown(i - 1)) {
          prev.close();
          prev = null;
        }
        out[i] = projected;
      }
    }
    return new Output(new ArrayList<>(List.of(out)), new ArrayList<>(List.of(pos)));
  }

  private boolean isTopDown(int level) {
    return Arrays.stream(topDownLevels).anyMatch(l -> l == level);
  }

  /** Level i's features feed nothing but its projection, and both maps are pointwise. */
  private boolean composable(int level, Conv2d projection) {
    return !isTopDown(level) && (level == 0 || !isTopDown(level - 1))
        && convs.get(convs.size() - 1 - level).conv.isPointwise() && projection.isPointwise();
  }

  /** {@code p(l(x))} for pointwise l and p as one pointwise map; x channel-last in memory. */
  private static NDArray composedProjection(NDArray x, Conv2d lateral, Conv2d projection) {
    NDManager scope = x.getManager();
    long[] lw = lateral.weight().getShape().getShape();
    long[] pw = projection.weight().getShape().getShape();
    NDArray wl = lateral.weight().reshape(lw[0], lw[1]); // (d_model, Cin, 1, 1) -> (d_model, Cin)
    wl.attach(scope);
    NDArray wp = projection.weight().reshape(pw[0], pw[1]); // (Cp, d_model, 1, 1) -> (Cp, d_model)
    wp.attach(scope);
    NDArray w = wp.matMul(wl); // (Cp, d_model) @ (d_model, Cin) -> (Cp, Cin)
    // b = Wp bl + bp, either term absent without its bias
    NDArray b = lateral.bias() == null ? null : wp.matMul(lateral.bias()); // (Cp)
    if (projection.bias() != null) {
      b = b == null ? projection.bias().duplicate() : b.addi(projection.bias());
    }
    if (b != null) {
      b.attach(scope);
    }
    return Linear.linear(x.transpose(0, 2, 3, 1), w, b) // (B, H, W, Cin) -> (B, H, W, Cp)
        .transpose(0, 3, 1, 2); // -> (B, Cp, H, W), a view
  }
}
