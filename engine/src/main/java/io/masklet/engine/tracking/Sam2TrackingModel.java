package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.memory.MemoryAttention;
import io.masklet.engine.modeling.memory.MemoryEncoder;
import java.util.List;

/**
 * The parts of the SAM 2 network the tracking step uses, by their checkpoint names. SAM2Base
 * (the module tree bound to a checkpoint) provides them; the tracking logic itself lives in
 * {@link Sam2Tracker} so the module tree stays a plain weight container.
 */
public interface Sam2TrackingModel {
  /** Hidden width C of the image features ({@code image_encoder.neck.d_model}). */
  int hiddenDim();

  /** Memory width ({@code memory_encoder.out_proj} output channels, else C). */
  int memDim();

  /** {@code forward_image} on a normalized (1, 3, S, S) frame. */
  BackboneFeatures forwardImage(NDArray image);

  /**
   * The prompt encoder followed by the mask decoder, as {@code _forward_sam_heads} calls them:
   * {@code sam_prompt_encoder(points=(coords, labels), boxes=None, masks=maskPrompt)} then
   * {@code sam_mask_decoder(backbone, get_dense_pe(), sparse, dense, multimask,
   * repeat_image=False, highRes)}.
   *
   * @param backbone (B, C, H, W) memory-conditioned features
   * @param coords (B, N, 2) in model-input pixels (boxes as labels 2 and 3)
   * @param labels (B, N) int32
   * @param maskPrompt (B, 1, 4H, 4W) mask logits, or null
   * @param highRes the two high-resolution levels of {@link BackboneFeatures#highRes} (batch 1
   *     or B), empty without them
   */
  DecoderResult decode(NDArray backbone, NDArray coords, NDArray labels, NDArray maskPrompt,
      List<NDArray> highRes, boolean multimaskOutput);

  /** What the mask decoder returns, as the official tuple. */
  record DecoderResult(NDArray lowResMultimasks, NDArray ious, NDArray samOutputTokens,
      NDArray objectScoreLogits) {}

  /** The prompt encoder's {@code mask_input_size} (4H, 4W). */
  int maskInputSize();

  MemoryAttention memoryAttention();

  MemoryEncoder memoryEncoder();

  /** {@code maskmem_tpos_enc} (numMaskmem, 1, 1, memDim). */
  NDArray maskmemTposEnc();

  /** {@code no_mem_embed} (1, 1, C). */
  NDArray noMemEmbed();

  /** {@code no_mem_pos_enc} (1, 1, C). */
  NDArray noMemPosEnc();

  /** {@code no_obj_ptr} (1, C), or null without object scores and pointers. */
  NDArray noObjPtr();

  /** {@code no_obj_embed_spatial} (1, memDim), or null. */
  NDArray noObjEmbedSpatial();

  /** {@code mask_downsample}: Conv2d(1, 1, 4, stride 4) applied to a (B, 1, S, S) mask. */
  NDArray maskDownsample(NDArray mask);

  /** {@code obj_ptr_proj} (MLP, Linear or identity) on (B, C). */
  NDArray objPtrProj(NDArray tokens);

  /** {@code obj_ptr_tpos_proj} (Linear C→memDim or identity) on (N, C). */
  NDArray objPtrTposProj(NDArray pos);
}
