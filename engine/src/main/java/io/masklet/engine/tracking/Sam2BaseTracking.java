package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.backbones.BackboneOut;
import io.masklet.engine.modeling.memory.MemoryAttention;
import io.masklet.engine.modeling.memory.MemoryEncoder;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.MaskDecoderOutput;
import io.masklet.engine.modeling.sam.PromptEmbeddings;
import java.util.ArrayList;
import java.util.List;

/** {@link Sam2TrackingModel} over a loaded {@link SAM2Base} module tree. */
public final class Sam2BaseTracking implements Sam2TrackingModel {
  private final SAM2Base base;
  private final MemoryAttention memoryAttention;
  private final MemoryEncoder memoryEncoder;

  public Sam2BaseTracking(SAM2Base base) {
    this.base = base;
    this.memoryAttention = base.memoryAttention();
    this.memoryEncoder = base.memoryEncoder();
  }

  public SAM2Base base() {
    return base;
  }

  @Override
  public int hiddenDim() {
    return base.hiddenDim();
  }

  @Override
  public int memDim() {
    return base.memDim();
  }

  @Override
  public BackboneFeatures forwardImage(NDArray image) {
    BackboneOut out = base.forwardImage(image);
    List<NDArray> fpn = out.backboneFpn();
    List<NDArray> pos = out.visionPosEnc();
    int levels = base.numFeatureLevels();
    List<NDArray> used = new ArrayList<>(fpn.subList(fpn.size() - levels, fpn.size()));
    if (used.size() == 3) {
      // the decoder's skip inputs, laid out for its upscaling once per frame rather than on
      // every click on the frame (~1.2 ms of a 35 ms video click, tiny model on 2 cores)
      MaskDecoder.UpscalingSkips skips = base.samMaskDecoder().prepareSkips(used.subList(0, 2));
      if (skips != null) {
        used.set(0, skips.s0());
        used.set(1, skips.s1());
      }
    }
    return new BackboneFeatures(List.copyOf(used), pos.get(pos.size() - 1));
  }

  @Override
  public DecoderResult decode(NDArray backbone, NDArray coords, NDArray labels, NDArray maskPrompt,
      List<NDArray> highRes, boolean multimaskOutput) {
    PromptEmbeddings pe = base.samPromptEncoder().forward(coords, labels, null, maskPrompt,
        backbone.getManager());
    MaskDecoder.UpscalingSkips skips = highRes.isEmpty() ? null
        : new MaskDecoder.UpscalingSkips(highRes.get(1), highRes.get(0));
    MaskDecoderOutput d = base.samMaskDecoder().forward(backbone,
        base.samPromptEncoder().cachedDensePe(backbone.getManager()), pe.sparse(), pe.dense(),
        multimaskOutput, false, skips);
    return new DecoderResult(d.masks(), d.iouPred(), d.samTokensOut(), d.objectScoreLogits());
  }

  @Override
  public int maskInputSize() {
    return base.samPromptEncoder().maskInputSize()[0];
  }

  @Override
  public MemoryAttention memoryAttention() {
    return memoryAttention;
  }

  @Override
  public MemoryEncoder memoryEncoder() {
    return memoryEncoder;
  }

  @Override
  public NDArray maskmemTposEnc() {
    return base.maskmemTposEnc();
  }

  @Override
  public NDArray noMemEmbed() {
    return base.noMemEmbed();
  }

  @Override
  public NDArray noMemPosEnc() {
    return base.noMemPosEnc();
  }

  @Override
  public NDArray noObjPtr() {
    return base.noObjPtr();
  }

  @Override
  public NDArray noObjEmbedSpatial() {
    return base.noObjEmbedSpatial();
  }

  @Override
  public NDArray maskDownsample(NDArray mask) {
    return base.maskDownsample(mask);
  }

  @Override
  public NDArray objPtrProj(NDArray tokens) {
    return base.objPtrProj(tokens);
  }

  @Override
  public NDArray objPtrTposProj(NDArray pos) {
    return base.objPtrTposProj(pos);
  }
}
