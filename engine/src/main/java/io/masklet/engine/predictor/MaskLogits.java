package io.masklet.engine.predictor;

/**
 * One low-resolution mask as logits, row-major {@code height}×{@code width} (the model's
 * 4× embedding size, e.g. 256×256 at 1024 input). Predictions return these; fed back as a
 * prompt they refine the next prediction.
 */
public record MaskLogits(int height, int width, float[] logits) {
  public MaskLogits {
    if (height <= 0 || width <= 0 || logits.length != height * width) {
      throw new IllegalArgumentException("mask logits: " + logits.length + " values for "
          + height + "x" + width);
    }
  }
}
