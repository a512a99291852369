package io.masklet.engine.config;

/**
 * {@code sam_mask_decoder_extra_args} of {@code SAM2Base}: the dynamic-multimask arguments of
 * {@code sam2/modeling/sam/mask_decoder.py::MaskDecoder} (the other decoder arguments are fixed
 * by {@code SAM2Base} itself). The official YAML leaves them unset; the official builders set
 * them, see {@link OfficialBuild}.
 */
public record MaskDecoderExtraArgs(
    boolean dynamicMultimaskViaStability, double dynamicMultimaskStabilityDelta, double dynamicMultimaskStabilityThresh) {
  /** The MaskDecoder constructor defaults (what a bare {@code SAM2Base} from YAML uses). */
  public static final MaskDecoderExtraArgs DEFAULTS = new MaskDecoderExtraArgs(false, 0.05, 0.98);
}
