package io.masklet.engine.amg;

import io.masklet.model.rle.Rle;

/**
 * One mask record of the automatic mask generator (the official {@code generate} output).
 *
 * @param segmentation the mask over the whole image as COCO RLE (compressed string:
 *     {@link Rle#toCompressedString()}, uncompressed counts: {@link Rle#counts()}, binary:
 *     {@link #binaryMask()})
 * @param box the inclusive box around the mask in image pixels
 * @param predictedIou the model's own estimate of the mask's quality
 * @param point the (x, y) point prompt, in image pixels, that produced the mask
 * @param stabilityScore IoU of the mask binarized at threshold ± offset
 * @param cropBox the crop the mask was predicted on
 */
public record AutoMask(Rle segmentation, XyxyBox box, float predictedIou, float[] point,
    float stabilityScore, CropBox cropBox) {

  /** Foreground pixel count (area_from_rle). */
  public long area() {
    return segmentation.area();
  }

  /** The official {@code bbox}: [x0, y0, x1 - x0, y1 - y0] of the inclusive box. */
  public int[] bbox() {
    return box.toXywh();
  }

  /** The mask as row-major 0/1 bytes (output_mode "binary_mask"). */
  public byte[] binaryMask() {
    return segmentation.decode();
  }

  AutoMask withSegmentation(Rle rle, XyxyBox newBox) {
    return new AutoMask(rle, newBox, predictedIou, point, stabilityScore, cropBox);
  }
}
