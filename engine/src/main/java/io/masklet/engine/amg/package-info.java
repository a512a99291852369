/**
 * The automatic mask generator: a grid of single-point prompts over the image (and optionally
 * over overlapping crops), filtered by predicted IoU and stability, deduplicated by box NMS,
 * {@link io.masklet.engine.amg.SAM2AutomaticMaskGenerator}, with the helpers of
 * sam2/utils/amg.py as small static functions (point grids, crop boxes, stability score, box
 * NMS, mask boxes, small-region removal).
 */
package io.masklet.engine.amg;
