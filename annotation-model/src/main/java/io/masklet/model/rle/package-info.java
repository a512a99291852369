/**
 * COCO run-length encoded masks, byte-compatible with pycocotools ({@link
 * io.masklet.model.rle.Rle}). All mask storage in the annotation model is RLE; area, bounding
 * box, IoU and set operations work on runs without decoding pixels.
 */
package io.masklet.model.rle;
