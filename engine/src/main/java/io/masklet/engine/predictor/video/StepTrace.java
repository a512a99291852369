package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;

/**
 * Intermediate tensors of one tracking step, for verification against the official code:
 * {@code pixFeatWithMem} (B, C, H, W) the memory-conditioned features of the objects
 * {@code objIds} processed together on {@code frameIdx}. Valid only during the callback.
 */
public record StepTrace(int frameIdx, int[] objIds, NDArray pixFeatWithMem) {}
