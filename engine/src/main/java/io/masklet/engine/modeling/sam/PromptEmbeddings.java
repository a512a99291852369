package io.masklet.engine.modeling.sam;

import ai.djl.ndarray.NDArray;

/**
 * Output of {@link PromptEncoder#forward}: {@code sparse} (B, N, C) point/box tokens and
 * {@code dense} (B, C, h, w) mask embedding (or the broadcast no-mask embedding).
 */
public record PromptEmbeddings(NDArray sparse, NDArray dense) {}
