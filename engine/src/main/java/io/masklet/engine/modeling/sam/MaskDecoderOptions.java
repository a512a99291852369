package io.masklet.engine.modeling.sam;

/**
 * The switches of sam2/modeling/sam/mask_decoder.py::MaskDecoder that SAM2Base takes from its
 * config ({@code use_high_res_features_in_sam}, {@code iou_prediction_use_sigmoid},
 * {@code pred_obj_scores}, {@code pred_obj_scores_mlp}, {@code use_multimask_token_for_obj_ptr})
 * and from {@code sam_mask_decoder_extra_args} (the dynamic-multimask settings the official
 * builders add: on, delta 0.05, threshold 0.98).
 */
public record MaskDecoderOptions(
    boolean useHighResFeatures,
    boolean iouPredictionUseSigmoid,
    boolean dynamicMultimaskViaStability,
    float dynamicMultimaskStabilityDelta,
    float dynamicMultimaskStabilityThresh,
    boolean predObjScores,
    boolean predObjScoresMlp,
    boolean useMultimaskTokenForObjPtr) {

  /** The official builders' {@code dynamic_multimask_stability_delta}. */
  public static final float DEFAULT_STABILITY_DELTA = 0.05f;
  /** The official builders' {@code dynamic_multimask_stability_thresh}. */
  public static final float DEFAULT_STABILITY_THRESH = 0.98f;

  /** The SAM 2.1 settings of every official config, with the builders' dynamic multimask. */
  public static MaskDecoderOptions sam21() {
    return new MaskDecoderOptions(true, true, true, DEFAULT_STABILITY_DELTA,
        DEFAULT_STABILITY_THRESH, true, true, true);
  }

  public MaskDecoderOptions withDynamicMultimask(boolean on) {
    return new MaskDecoderOptions(useHighResFeatures, iouPredictionUseSigmoid, on,
        dynamicMultimaskStabilityDelta, dynamicMultimaskStabilityThresh, predObjScores,
        predObjScoresMlp, useMultimaskTokenForObjPtr);
  }
}
