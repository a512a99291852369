package io.masklet.engine.modeling;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.backbones.BackboneOut;
import io.masklet.engine.modeling.backbones.ImageEncoder;
import io.masklet.engine.modeling.memory.MemoryAttention;
import io.masklet.engine.modeling.memory.MemoryEncoder;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.MaskDecoderOptions;
import io.masklet.engine.modeling.sam.PromptEncoder;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Port of sam2/modeling/sam2_base.py::SAM2Base, the module tree every SAM 2.1 checkpoint binds
 * to: image encoder, memory attention, memory encoder, SAM prompt encoder and mask decoder, and
 * the learned embeddings and projections of the tracking step. Each optional part exists under
 * the same condition as in the official constructor, so the parameter names and shapes equal
 * the checkpoint's. This class holds the image path ({@code forward_image},
 * {@code _prepare_backbone_features}); the tracking step operates on it from the tracking
 * package.
 */
public class SAM2Base extends Module {
  /** Hidden width of the tracking and SAM heads: {@code image_encoder.neck.d_model}. */
  private final int hiddenDim;
  private final int memDim;
  private final SAM2BaseOptions options;
  private final int numFeatureLevels;
  private final boolean useHighResFeaturesInSam;

  private final ImageEncoder imageEncoder;
  private final Conv2d maskDownsample;
  private final MemoryAttention memoryAttention;
  private final MemoryEncoder memoryEncoder;
  private final Parameter maskmemTposEnc;
  private final Parameter noMemEmbed;
  private final Parameter noMemPosEnc;
  private final Parameter noObjPtr;
  private final Parameter noObjEmbedSpatial;
  private final PromptEncoder samPromptEncoder;
  private final MaskDecoder samMaskDecoder;
  /** Linear or MLP under {@code use_obj_ptrs_in_encoder}, else null (identity). */
  private final Module objPtrProj;
  /** Linear under {@code proj_tpos_enc_in_obj_ptrs}, else null (identity). */
  private final Linear objPtrTposProj;
  private final List<PositionEmbeddingSine> extraCaches = new ArrayList<>();

  /**
   * The official constructor's parts; {@code mem_dim} is the memory encoder's output width.
   */
  public SAM2Base(ImageEncoder imageEncoder, MemoryAttention memoryAttention,
      MemoryEncoder memoryEncoder, SAM2BaseOptions options, MaskDecoderOptions decoderOptions) {
    this.options = options;
    this.hiddenDim = imageEncoder.neck().dModel();
    this.memDim = memoryEncoder.outDim();
    this.useHighResFeaturesInSam = decoderOptions.useHighResFeatures();
    this.numFeatureLevels = useHighResFeaturesInSam ? 3 : 1;
    // registration order of the official constructor (state-dict order is params first)
    this.imageEncoder = child("image_encoder", imageEncoder);
    this.maskDownsample = options.useObjPtrsInEncoder()
        ? child("mask_downsample", new Conv2d(1, 1, 4, 4, 0)) : null;
    this.memoryAttention = child("memory_attention", memoryAttention);
    this.memoryEncoder = child("memory_encoder", memoryEncoder);
    this.maskmemTposEnc = param("maskmem_tpos_enc", options.numMaskmem(), 1, 1, memDim);
    this.noMemEmbed = param("no_mem_embed", 1, 1, hiddenDim);
    this.noMemPosEnc = param("no_mem_pos_enc", 1, 1, hiddenDim);
    if (decoderOptions.predObjScores() && options.useObjPtrsInEncoder()) {
      this.noObjPtr = param("no_obj_ptr", 1, hiddenDim);
    } else {
      this.noObjPtr = null;
    }
    this.noObjEmbedSpatial = options.noObjEmbedSpatial()
        ? param("no_obj_embed_spatial", 1, memDim) : null;
    // _build_sam_heads
    this.samPromptEncoder = child("sam_prompt_encoder",
        PromptEncoder.forSam2(hiddenDim, options.imageSize(), options.backboneStride()));
    this.samMaskDecoder = child("sam_mask_decoder", MaskDecoder.forSam2(hiddenDim, decoderOptions));
    if (options.useObjPtrsInEncoder()) {
      this.objPtrProj = child("obj_ptr_proj", options.useMlpForObjPtrProj()
          ? new MLP(hiddenDim, hiddenDim, hiddenDim, 3)
          : new Linear(hiddenDim, hiddenDim));
    } else {
      this.objPtrProj = null;
    }
    this.objPtrTposProj = options.projTposEncInObjPtrs()
        ? child("obj_ptr_tpos_proj", new Linear(hiddenDim, memDim)) : null;
  }

  public SAM2BaseOptions options() {
    return options;
  }

  public int hiddenDim() {
    return hiddenDim;
  }

  public int memDim() {
    return memDim;
  }

  public int imageSize() {
    return options.imageSize();
  }

  /** 3 with the high-resolution features in the SAM decoder, else 1. */
  public int numFeatureLevels() {
    return numFeatureLevels;
  }

  public ImageEncoder imageEncoder() {
    return imageEncoder;
  }

  public MemoryAttention memoryAttention() {
    return memoryAttention;
  }

  public MemoryEncoder memoryEncoder() {
    return memoryEncoder;
  }

  public PromptEncoder samPromptEncoder() {
    return samPromptEncoder;
  }

  public MaskDecoder samMaskDecoder() {
    return samMaskDecoder;
  }

  /** {@code maskmem_tpos_enc} (numMaskmem, 1, 1, memDim). */
  public NDArray maskmemTposEnc() {
    return maskmemTposEnc.get();
  }

  /** {@code no_mem_embed} (1, 1, C). */
  public NDArray noMemEmbed() {
    return noMemEmbed.get();
  }

  /** {@code no_mem_pos_enc} (1, 1, C). */
  public NDArray noMemPosEnc() {
    return noMemPosEnc.get();
  }

  /** {@code no_obj_ptr} (1, C), or null when the config has no object pointers with scores. */
  public NDArray noObjPtr() {
    return noObjPtr == null ? null : noObjPtr.get();
  }

  /** {@code no_obj_embed_spatial} (1, memDim), or null. */
  public NDArray noObjEmbedSpatial() {
    return noObjEmbedSpatial == null ? null : noObjEmbedSpatial.get();
  }

  /** {@code mask_downsample} on a (B, 1, S, S) mask; only with object pointers. */
  public NDArray maskDownsample(NDArray mask) {
    if (maskDownsample == null) {
      throw new IllegalStateException("mask_downsample exists only with use_obj_ptrs_in_encoder");
    }
    return maskDownsample.forward(mask);
  }

  /** {@code obj_ptr_proj} on (B, C): the MLP or Linear, or the identity. */
  public NDArray objPtrProj(NDArray tokens) {
    if (objPtrProj == null) {
      return tokens;
    }
    return objPtrProj instanceof MLP mlp ? mlp.forward(tokens) : ((Linear) objPtrProj).forward(tokens);
  }

  /** {@code obj_ptr_tpos_proj} on (N, C): Linear C → memDim, or the identity. */
  public NDArray objPtrTposProj(NDArray pos) {
    return objPtrTposProj == null ? pos : objPtrTposProj.forward(pos);
  }

  /**
   * Port of {@code forward_image}: the image encoder on a normalized (B, 3, S, S) batch; with
   * high-resolution features, FPN levels 0 and 1 are projected by the decoder's
   * {@code conv_s0}/{@code conv_s1} once here rather than on every click. Arrays in the image's
   * manager.
   */
  public BackboneOut forwardImage(NDArray image) {
    if (!useHighResFeaturesInSam) {
      return imageEncoder.forward(image);
    }
    // the neck applies the projections itself (composed with its lateral convs where it can)
    return imageEncoder.forward(image,
        java.util.List.of(samMaskDecoder.convS0(), samMaskDecoder.convS1()));
  }

  /**
   * Port of {@code _prepare_backbone_features}: the last {@link #numFeatureLevels()} levels and
   * position encodings flattened (B, C, H, W) → (H*W, B, C), with their sizes. The flattened
   * arrays are new arrays in the inputs' manager.
   */
  public PreparedBackboneFeatures prepareBackboneFeatures(BackboneOut backboneOut) {
    List<NDArray> fpn = backboneOut.backboneFpn();
    List<NDArray> pos = backboneOut.visionPosEnc();
    if (fpn.size() != pos.size() || fpn.size() < numFeatureLevels) {
      throw new IllegalArgumentException("backbone output has " + fpn.size() + " levels and "
          + pos.size() + " position encodings; " + numFeatureLevels + " needed");
    }
    List<NDArray> feats = new ArrayList<>();
    List<NDArray> posEmbeds = new ArrayList<>();
    List<PreparedBackboneFeatures.FeatSize> sizes = new ArrayList<>();
    for (int i = fpn.size() - numFeatureLevels; i < fpn.size(); i++) {
      long[] s = pos.get(i).getShape().getShape();
      sizes.add(new PreparedBackboneFeatures.FeatSize(s[2], s[3]));
      feats.add(flatten(fpn.get(i)));
      posEmbeds.add(flatten(pos.get(i)));
    }
    return new PreparedBackboneFeatures(List.copyOf(feats), List.copyOf(posEmbeds),
        List.copyOf(sizes));
  }

  private static NDArray flatten(NDArray x) {
    long[] s = x.getShape().getShape();
    // (B, C, H, W) -> (B, C, H*W) -> (H*W, B, C)
    return x.reshape(s[0], s[1], s[2] * s[3]).transpose(2, 0, 1);
  }

  /** Registers a parameter-free module's cache (another position encoding) for {@link #clearCaches}. */
  void addCache(PositionEmbeddingSine cache) {
    extraCaches.add(cache);
  }

  /** Frees the cached position encodings (native memory) held by the modules. */
  public void clearCaches() {
    imageEncoder.trunk().clearCache();
    imageEncoder.neck().positionEncoding().clearCache();
    extraCaches.forEach(PositionEmbeddingSine::clearCache);
    samPromptEncoder().clearCache();
  }
}
