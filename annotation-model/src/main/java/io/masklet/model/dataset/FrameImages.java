package io.masklet.model.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Supplies the picture of a video frame when a dataset needs pixels (BMP export). */
@FunctionalInterface
public interface FrameImages {
  BufferedImage frame(int index) throws IOException;
}
