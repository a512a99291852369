/**
 * Mask boundaries as polygons (pixel-edge contour tracing, no OpenCV) and polygon filling.
 */
package io.masklet.model.contour;
