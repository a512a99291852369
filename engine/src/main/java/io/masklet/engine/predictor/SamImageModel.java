package io.masklet.engine.predictor;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.PromptEncoder;

/** The parts of a SAM 2 model the image predictor uses. */
public interface SamImageModel {
  /** Square input resolution of the image encoder ({@code image_size}). */
  int imageSize();

  PromptEncoder promptEncoder();

  MaskDecoder maskDecoder();

  /**
   * Runs the image encoder on a normalized (1, 3, S, S) input and prepares the features the
   * predictor keeps: {@code forward_image}, then the lowest level plus {@code no_mem_embed}
   * when the model adds it directly. Results belong to {@code input}'s manager.
   */
  ImageFeatures encodeImage(NDArray input);
}
