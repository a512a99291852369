package io.masklet.engine.config;

/**
 * A whole SAM 2.1 model: the arguments of {@code sam2/modeling/sam2_base.py::SAM2Base} (names as
 * the official keyword arguments, in camelCase), plus the {@code SAM2VideoPredictor} options.
 * Values omitted in the YAML take the official constructor defaults. {@code source} names the
 * file it came from, for messages.
 *
 * <p>Read one with {@link Sam2Configs}; the official builders' extra overrides are applied by
 * {@link OfficialBuild}, never implicitly.
 */
public record Sam2Config(
    String source,
    ImageEncoderConfig imageEncoder,
    MemoryAttentionConfig memoryAttention,
    MemoryEncoderConfig memoryEncoder,
    int numMaskmem,
    int imageSize,
    int backboneStride,
    double sigmoidScaleForMemEnc,
    double sigmoidBiasForMemEnc,
    boolean binarizeMaskFromPtsForMemEnc,
    boolean useMaskInputAsOutputWithoutSam,
    int maxCondFramesInAttn,
    boolean directlyAddNoMemEmbed,
    boolean useHighResFeaturesInSam,
    boolean multimaskOutputInSam,
    int multimaskMinPtNum,
    int multimaskMaxPtNum,
    boolean multimaskOutputForTracking,
    boolean useMultimaskTokenForObjPtr,
    boolean iouPredictionUseSigmoid,
    int memoryTemporalStrideForEval,
    boolean nonOverlapMasksForMemEnc,
    boolean useObjPtrsInEncoder,
    int maxObjPtrsInEncoder,
    boolean addTposEncToObjPtrs,
    boolean projTposEncInObjPtrs,
    boolean useSignedTposEncToObjPtrs,
    boolean onlyObjPtrsInThePastForEval,
    boolean predObjScores,
    boolean predObjScoresMlp,
    boolean fixedNoObjPtr,
    boolean softNoObjPtr,
    boolean useMlpForObjPtrProj,
    boolean noObjEmbedSpatial,
    MaskDecoderExtraArgs samMaskDecoderExtraArgs,
    boolean compileImageEncoder,
    VideoPredictorOptions videoPredictor) {

  // Fixed by SAM2Base._build_sam_heads rather than by the config; named here so the network
  // builder does not repeat magic numbers.
  /** Prompt-encoder mask input channels. */
  public static final int MASK_IN_CHANS = 16;
  /** Masks predicted besides the single-mask token. */
  public static final int NUM_MULTIMASK_OUTPUTS = 3;
  /** Two-way transformer depth, MLP width and heads. */
  public static final int TWO_WAY_DEPTH = 2;
  public static final int TWO_WAY_MLP_DIM = 2048;
  public static final int TWO_WAY_NUM_HEADS = 8;
  /** IoU prediction head depth and width. */
  public static final int IOU_HEAD_DEPTH = 3;
  public static final int IOU_HEAD_HIDDEN_DIM = 256;

  /** Width of the SAM heads and object pointers ({@code hidden_dim = image_encoder.neck.d_model}). */
  public int hiddenDim() {
    return imageEncoder.neck().dModel();
  }

  /** Channels of the memory features ({@code mem_dim = memory_encoder.out_proj out channels}). */
  public int memDim() {
    return memoryEncoder.outDim();
  }

  /** Side of the image embedding ({@code image_size // backbone_stride}). */
  public int imageEmbeddingSize() {
    return imageSize / backboneStride;
  }

  public Sam2Config withSamMaskDecoderExtraArgs(MaskDecoderExtraArgs args) {
    return new Sam2Config(source, imageEncoder, memoryAttention, memoryEncoder, numMaskmem, imageSize,
        backboneStride, sigmoidScaleForMemEnc, sigmoidBiasForMemEnc, binarizeMaskFromPtsForMemEnc,
        useMaskInputAsOutputWithoutSam, maxCondFramesInAttn, directlyAddNoMemEmbed, useHighResFeaturesInSam,
        multimaskOutputInSam, multimaskMinPtNum, multimaskMaxPtNum, multimaskOutputForTracking,
        useMultimaskTokenForObjPtr, iouPredictionUseSigmoid, memoryTemporalStrideForEval,
        nonOverlapMasksForMemEnc, useObjPtrsInEncoder, maxObjPtrsInEncoder, addTposEncToObjPtrs,
        projTposEncInObjPtrs, useSignedTposEncToObjPtrs, onlyObjPtrsInThePastForEval, predObjScores,
        predObjScoresMlp, fixedNoObjPtr, softNoObjPtr, useMlpForObjPtrProj, noObjEmbedSpatial, args,
        compileImageEncoder, videoPredictor);
  }

  public Sam2Config withBinarizeMaskFromPtsForMemEnc(boolean binarize) {
    return new Sam2Config(source, imageEncoder, memoryAttention, memoryEncoder, numMaskmem, imageSize,
        backboneStride, sigmoidScaleForMemEnc, sigmoidBiasForMemEnc, binarize,
        useMaskInputAsOutputWithoutSam, maxCondFramesInAttn, directlyAddNoMemEmbed, useHighResFeaturesInSam,
        multimaskOutputInSam, multimaskMinPtNum, multimaskMaxPtNum, multimaskOutputForTracking,
        useMultimaskTokenForObjPtr, iouPredictionUseSigmoid, memoryTemporalStrideForEval,
        nonOverlapMasksForMemEnc, useObjPtrsInEncoder, maxObjPtrsInEncoder, addTposEncToObjPtrs,
        projTposEncInObjPtrs, useSignedTposEncToObjPtrs, onlyObjPtrsInThePastForEval, predObjScores,
        predObjScoresMlp, fixedNoObjPtr, softNoObjPtr, useMlpForObjPtrProj, noObjEmbedSpatial,
        samMaskDecoderExtraArgs, compileImageEncoder, videoPredictor);
  }

  public Sam2Config withVideoPredictor(VideoPredictorOptions options) {
    return new Sam2Config(source, imageEncoder, memoryAttention, memoryEncoder, numMaskmem, imageSize,
        backboneStride, sigmoidScaleForMemEnc, sigmoidBiasForMemEnc, binarizeMaskFromPtsForMemEnc,
        useMaskInputAsOutputWithoutSam, maxCondFramesInAttn, directlyAddNoMemEmbed, useHighResFeaturesInSam,
        multimaskOutputInSam, multimaskMinPtNum, multimaskMaxPtNum, multimaskOutputForTracking,
        useMultimaskTokenForObjPtr, iouPredictionUseSigmoid, memoryTemporalStrideForEval,
        nonOverlapMasksForMemEnc, useObjPtrsInEncoder, maxObjPtrsInEncoder, addTposEncToObjPtrs,
        projTposEncInObjPtrs, useSignedTposEncToObjPtrs, onlyObjPtrsInThePastForEval, predObjScores,
        predObjScoresMlp, fixedNoObjPtr, softNoObjPtr, useMlpForObjPtrProj, noObjEmbedSpatial,
        samMaskDecoderExtraArgs, compileImageEncoder, options);
  }
}
