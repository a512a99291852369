package io.masklet.engine.config;

import java.util.List;

/**
 * Arguments of {@code sam2/modeling/backbones/image_encoder.py::FpnNeck}.
 * {@code fpnTopDownLevels} is resolved like the official constructor: omitted means every level.
 */
public record FpnNeckConfig(
    PositionEmbeddingSineConfig positionEncoding,
    int dModel,
    List<Integer> backboneChannelList,
    int kernelSize,
    int stride,
    int padding,
    String fpnInterpModel,
    String fuseType,
    List<Integer> fpnTopDownLevels) {
  public static final String DEFAULT_FPN_INTERP_MODEL = "bilinear";
  public static final String DEFAULT_FUSE_TYPE = "sum";

  public FpnNeckConfig {
    backboneChannelList = List.copyOf(backboneChannelList);
    fpnTopDownLevels = List.copyOf(fpnTopDownLevels);
    if (!fuseType.equals("sum") && !fuseType.equals("avg")) {
      throw new IllegalArgumentException("FpnNeck fuse_type must be 'sum' or 'avg', got '" + fuseType + "'");
    }
  }
}
