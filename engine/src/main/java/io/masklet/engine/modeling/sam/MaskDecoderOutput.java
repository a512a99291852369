package io.masklet.engine.modeling.sam;

import ai.djl.ndarray.NDArray;

/**
 * Output of {@link MaskDecoder#forward}, as the official tuple.
 *
 * @param masks low-resolution mask logits (B, M, 4h, 4w), M = 3 with multimask output else 1
 * @param iouPred predicted mask quality (B, M)
 * @param samTokensOut mask output tokens for object pointers (B, 1, C), or (B, 3, C) with
 *     multimask output and {@code use_multimask_token_for_obj_ptr}
 * @param objectScoreLogits object presence logits (B, 1); 10 when the model has no score head
 */
public record MaskDecoderOutput(NDArray masks, NDArray iouPred, NDArray samTokensOut,
    NDArray objectScoreLogits) {}
