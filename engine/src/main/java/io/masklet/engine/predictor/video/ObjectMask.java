package io.masklet.engine.predictor.video;

import io.masklet.model.rle.Rle;

/**
 * One object's result on one frame: {@code lowResLogits} the (S/4) x (S/4) mask logits
 * row-major (the official {@code pred_masks}), {@code mask} the binary mask at the original
 * video size (logits upsampled bilinearly, > 0) as RLE, {@code objectScore} the object-presence
 * logit (NaN where the object has no output on that frame).
 */
public record ObjectMask(int objId, float[] lowResLogits, int lowResSize, Rle mask, float objectScore) {}
