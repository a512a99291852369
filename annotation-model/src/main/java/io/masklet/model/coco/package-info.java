/** COCO instances JSON with RLE segmentations and video/track fields, {@link io.masklet.model.coco.CocoInstances}. */
package io.masklet.model.coco;
