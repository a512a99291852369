package io.masklet.engine.modeling;

import io.masklet.engine.config.CXBlockConfig;
import io.masklet.engine.config.FpnNeckConfig;
import io.masklet.engine.config.HieraConfig;
import io.masklet.engine.config.ImageEncoderConfig;
import io.masklet.engine.config.MemoryAttentionConfig;
import io.masklet.engine.config.MemoryAttentionLayerConfig;
import io.masklet.engine.config.MemoryEncoderConfig;
import io.masklet.engine.config.PositionEmbeddingSineConfig;
import io.masklet.engine.config.RoPEAttentionConfig;
import io.masklet.engine.config.Sam2Config;
import io.masklet.engine.modeling.backbones.FpnNeck;
import io.masklet.engine.modeling.backbones.Hiera;
import io.masklet.engine.modeling.backbones.ImageEncoder;
import io.masklet.engine.modeling.memory.CXBlock;
import io.masklet.engine.modeling.memory.Fuser;
import io.masklet.engine.modeling.memory.MaskDownSampler;
import io.masklet.engine.modeling.memory.MemoryAttention;
import io.masklet.engine.modeling.memory.MemoryAttentionLayer;
import io.masklet.engine.modeling.memory.MemoryEncoder;
import io.masklet.engine.modeling.memory.RoPEAttention;
import io.masklet.engine.modeling.sam.MaskDecoderOptions;
import java.util.List;

/**
 * Builds the {@link SAM2Base} module tree a config describes, like hydra's instantiation of the
 * official YAML: every {@code _target_} becomes the Java class that ports it, with the config's
 * arguments. The result has no weights; bind a checkpoint with {@code load}, or use
 * {@link Sam2Models#load}.
 */
public final class Sam2ModelBuilder {
  private Sam2ModelBuilder() {}

  public static SAM2Base build(Sam2Config c) {
    PositionEmbeddingSine memoryPosEnc = positionEncoding(c.memoryEncoder().positionEncoding());
    MemoryEncoder memoryEncoder = memoryEncoder(c.memoryEncoder(), memoryPosEnc);
    SAM2BaseOptions options = new SAM2BaseOptions(c.numMaskmem(), c.imageSize(),
        c.backboneStride(), c.useObjPtrsInEncoder(), c.projTposEncInObjPtrs(),
        c.useMlpForObjPtrProj(), c.noObjEmbedSpatial(), c.directlyAddNoMemEmbed());
    MaskDecoderOptions decoder = new MaskDecoderOptions(c.useHighResFeaturesInSam(),
        c.iouPredictionUseSigmoid(),
        c.samMaskDecoderExtraArgs().dynamicMultimaskViaStability(),
        (float) c.samMaskDecoderExtraArgs().dynamicMultimaskStabilityDelta(),
        (float) c.samMaskDecoderExtraArgs().dynamicMultimaskStabilityThresh(),
        c.predObjScores(), c.predObjScoresMlp(), c.useMultimaskTokenForObjPtr());
    SAM2Base model = new SAM2Base(imageEncoder(c.imageEncoder()),
        memoryAttention(c.memoryAttention()), memoryEncoder, options, decoder);
    model.addCache(memoryPosEnc);
    return model;
  }

  public static ImageEncoder imageEncoder(ImageEncoderConfig c) {
    return new ImageEncoder(hiera(c.trunk()), fpnNeck(c.neck()), c.scalp());
  }

  public static Hiera hiera(HieraConfig c) {
    if (!c.qStride().get(0).equals(c.qStride().get(1))) {
      throw new IllegalArgumentException("Hiera: only square q_stride is supported, got "
          + c.qStride());
    }
    return new Hiera(c.embedDim(), c.numHeads(), c.qPool(), c.qStride().get(0),
        ints(c.stages()), c.dimMul(), c.headMul(), ints(c.windowPosEmbedBkgSpatialSize()),
        ints(c.windowSpec()), ints(c.globalAttBlocks()));
  }

  public static FpnNeck fpnNeck(FpnNeckConfig c) {
    return new FpnNeck(positionEncoding(c.positionEncoding()), c.dModel(),
        ints(c.backboneChannelList()), c.kernelSize(), c.stride(), c.padding(),
        c.fpnInterpModel(), c.fuseType(), ints(c.fpnTopDownLevels()));
  }

  public static PositionEmbeddingSine positionEncoding(PositionEmbeddingSineConfig c) {
    return new PositionEmbeddingSine(c.numPosFeats(), c.temperature(), c.normalize(), c.scale());
  }

  public static MemoryAttention memoryAttention(MemoryAttentionConfig c) {
    MemoryAttentionLayerConfig l = c.layer();
    MemoryAttentionLayer.PosEncPlacement placement = new MemoryAttentionLayer.PosEncPlacement(
        l.posEncAtAttn(), l.posEncAtCrossAttnKeys(), l.posEncAtCrossAttnQueries());
    return new MemoryAttention(c.dModel(), c.posEncAtInput(),
        () -> new MemoryAttentionLayer(l.activation(), ropeAttention(l.selfAttention()),
            ropeAttention(l.crossAttention()), l.dModel(), l.dimFeedforward(), placement),
        c.numLayers());
  }

  private static RoPEAttention ropeAttention(RoPEAttentionConfig c) {
    return new RoPEAttention(c.embeddingDim(), c.numHeads(), c.downsampleRate(), c.kvInDim(),
        (float) c.ropeTheta(), c.ropeKRepeat());
  }

  private static MemoryEncoder memoryEncoder(MemoryEncoderConfig c, PositionEmbeddingSine pe) {
    var md = c.maskDownsampler();
    CXBlockConfig cx = c.fuser().layer();
    int fuserDim = c.fuser().dim() == null ? cx.dim() : c.fuser().dim();
    Fuser fuser = new Fuser(
        () -> new CXBlock(cx.dim(), cx.kernelSize(), cx.padding(), cx.useDwconv(),
            cx.layerScaleInitValue() > 0),
        c.fuser().numLayers(), fuserDim, c.fuser().inputProjection());
    return new MemoryEncoder(c.outDim(),
        new MaskDownSampler(md.embedDim(), md.kernelSize(), md.stride(), md.padding(),
            md.totalStride()),
        fuser, pe::forward, c.inDim());
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
