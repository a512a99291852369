package io.masklet.engine.tracking;

/**
 * The tracking hyperparameters of SAM2Base and SAM2VideoPredictor (constructor arguments of the
 * official classes), with the official defaults where the SAM 2.1 configs leave them unset.
 */
public record TrackingOptions(
    int numMaskmem,
    int imageSize,
    int backboneStride,
    float sigmoidScaleForMemEnc,
    float sigmoidBiasForMemEnc,
    boolean binarizeMaskFromPtsForMemEnc,
    boolean useMaskInputAsOutputWithoutSam,
    int maxCondFramesInAttn,
    boolean directlyAddNoMemEmbed,
    boolean multimaskOutputInSam,
    int multimaskMinPtNum,
    int multimaskMaxPtNum,
    boolean multimaskOutputForTracking,
    int memoryTemporalStrideForEval,
    boolean nonOverlapMasksForMemEnc,
    boolean useObjPtrsInEncoder,
    int maxObjPtrsInEncoder,
    boolean addTposEncToObjPtrs,
    boolean projTposEncInObjPtrs,
    boolean useSignedTposEncToObjPtrs,
    boolean onlyObjPtrsInThePastForEval,
    boolean predObjScores,
    boolean fixedNoObjPtr,
    boolean softNoObjPtr,
    // video predictor options
    int fillHoleArea,
    boolean nonOverlapMasks,
    boolean clearNonCondMemAroundInput,
    boolean addAllFramesToCorrectAsCond) {

  /**
   * The SAM 2.1 configs (all four sizes and the fixtures' micro config) as the official
   * {@code build_sam2_video_predictor} builds them: their YAML values plus the builder's
   * overrides {@code binarize_mask_from_pts_for_mem_enc=true, fill_hole_area=8}.
   */
  public static TrackingOptions sam21Video(int imageSize) {
    return new TrackingOptions(7, imageSize, 16, 20f, -10f, true, true, -1, true, true, 0, 1,
        true, 1, false, true, 16, true, true, true, true, true, true, false, 8, false, false,
        false);
  }

  /**
   * The tracking options of a parsed config (apply
   * {@link io.masklet.engine.config.OfficialBuild#video} first for what the official video
   * builder does).
   */
  public static TrackingOptions from(io.masklet.engine.config.Sam2Config c) {
    var v = c.videoPredictor();
    return new TrackingOptions(c.numMaskmem(), c.imageSize(), c.backboneStride(),
        (float) c.sigmoidScaleForMemEnc(), (float) c.sigmoidBiasForMemEnc(),
        c.binarizeMaskFromPtsForMemEnc(), c.useMaskInputAsOutputWithoutSam(),
        c.maxCondFramesInAttn(), c.directlyAddNoMemEmbed(), c.multimaskOutputInSam(),
        c.multimaskMinPtNum(), c.multimaskMaxPtNum(), c.multimaskOutputForTracking(),
        c.memoryTemporalStrideForEval(), c.nonOverlapMasksForMemEnc(), c.useObjPtrsInEncoder(),
        c.maxObjPtrsInEncoder(), c.addTposEncToObjPtrs(), c.projTposEncInObjPtrs(),
        c.useSignedTposEncToObjPtrs(), c.onlyObjPtrsInThePastForEval(), c.predObjScores(),
        c.fixedNoObjPtr(), c.softNoObjPtr(), v.fillHoleArea(), v.nonOverlapMasks(),
        v.clearNonCondMemAroundInput(), v.addAllFramesToCorrectAsCond());
  }

  /**
   * These options with the video predictor's {@code add_all_frames_to_correct_as_cond} set:
   * prompts on frames that tracking already reached become conditioning frames too (the
   * official option, off in the SAM 2.1 inference configs).
   */
  public TrackingOptions withAddAllFramesToCorrectAsCond(boolean on) {
    return new TrackingOptions(numMaskmem, imageSize, backboneStride, sigmoidScaleForMemEnc,
        sigmoidBiasForMemEnc, binarizeMaskFromPtsForMemEnc, useMaskInputAsOutputWithoutSam,
        maxCondFramesInAttn, directlyAddNoMemEmbed, multimaskOutputInSam, multimaskMinPtNum,
        multimaskMaxPtNum, multimaskOutputForTracking, memoryTemporalStrideForEval,
        nonOverlapMasksForMemEnc, useObjPtrsInEncoder, maxObjPtrsInEncoder, addTposEncToObjPtrs,
        projTposEncInObjPtrs, useSignedTposEncToObjPtrs, onlyObjPtrsInThePastForEval,
        predObjScores, fixedNoObjPtr, softNoObjPtr, fillHoleArea, nonOverlapMasks,
        clearNonCondMemAroundInput, on);
  }

  public int lowResSize() {
    return imageSize / 4;
  }
}
