/**
 * PNG masks per frame (DAVIS / SAM 2 VOS layout): indexed palette PNGs with pixel = object id, or
 * binary PNGs per object, {@link io.masklet.model.png.PngMasks}.
 */
package io.masklet.model.png;
