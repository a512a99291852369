package io.masklet.engine.modeling;

/**
 * The arguments of sam2/modeling/sam2_base.py::SAM2Base that decide which parameters exist and
 * how {@code forward_image} runs (the tracking hyperparameters live with the tracker). Flags
 * shared with the mask decoder (high-res features, object scores) come from its
 * {@link io.masklet.engine.modeling.sam.MaskDecoderOptions}.
 *
 * @param numMaskmem memory frames ({@code maskmem_tpos_enc} has one row per frame)
 * @param imageSize square model input size in pixels
 * @param backboneStride stride of the lowest-resolution feature ({@code image_size / stride} is
 *     the image embedding size)
 * @param useObjPtrsInEncoder creates {@code mask_downsample} and a real {@code obj_ptr_proj}
 * @param projTposEncInObjPtrs creates {@code obj_ptr_tpos_proj} as a Linear
 * @param useMlpForObjPtrProj {@code obj_ptr_proj} is a 3-layer MLP instead of a Linear
 * @param noObjEmbedSpatial creates {@code no_obj_embed_spatial}
 * @param directlyAddNoMemEmbed the first frame's (and a single image's) feature gets
 *     {@code no_mem_embed} added instead of memory attention
 */
public record SAM2BaseOptions(
    int numMaskmem,
    int imageSize,
    int backboneStride,
    boolean useObjPtrsInEncoder,
    boolean projTposEncInObjPtrs,
    boolean useMlpForObjPtrProj,
    boolean noObjEmbedSpatial,
    boolean directlyAddNoMemEmbed) {

  public SAM2BaseOptions {
    if (imageSize <= 0 || backboneStride <= 0 || imageSize % backboneStride != 0) {
      throw new IllegalArgumentException("image_size " + imageSize
          + " must be a positive multiple of backbone_stride " + backboneStride);
    }
    if (numMaskmem < 1) {
      throw new IllegalArgumentException("num_maskmem must be >= 1, got " + numMaskmem);
    }
  }
}
