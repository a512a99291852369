package io.masklet.engine.predictor;

/**
 * One predicted mask at the original image size ({@code height}×{@code width}, row-major).
 *
 * @param binary 1 where the upsampled logit exceeds the mask threshold else 0; null when logits
 *     were requested
 * @param logits the upsampled logits; null unless logits were requested
 * @param iou the model's predicted IoU of this mask
 * @param lowRes the low-resolution logits (clamped to ±32 like the official predictor), usable
 *     as the mask prompt of a later prediction
 */
public record PredictedMask(int height, int width, byte[] binary, float[] logits, float iou,
    MaskLogits lowRes) {
  public PredictedMask {
    if ((binary == null) == (logits == null)) {
      throw new IllegalArgumentException("exactly one of binary mask and logits is given");
    }
  }

  /** Whether pixel (x, y) is in the mask (logit above 0 when only logits are held). */
  public boolean contains(int x, int y) {
    int i = y * width + x;
    return binary != null ? binary[i] != 0 : logits[i] > 0f;
  }
}
