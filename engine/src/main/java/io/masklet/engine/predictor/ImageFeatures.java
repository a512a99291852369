package io.masklet.engine.predictor;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What the image predictor caches per image, as the official {@code _features}: the
 * lowest-resolution embedding (1, C, h, w) with {@code no_mem_embed} added, and the high-res
 * features {s0 (1, C/8, 4h, 4w), s1 (1, C/4, 2h, 2w)} already passed through the decoder's
 * {@code conv_s0}/{@code conv_s1} (empty when the model does not use them).
 */
public record ImageFeatures(NDArray imageEmbed, List<NDArray> highResFeatures) {
  public ImageFeatures {
    highResFeatures = List.copyOf(highResFeatures);
  }
}
