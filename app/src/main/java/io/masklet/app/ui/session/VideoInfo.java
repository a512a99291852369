package io.masklet.app.ui.session;

import java.util.Objects;

/** The annotated video: where it is and its geometry (all masks have this size). */
public record VideoInfo(String location, int width, int height, int frameCount, double fps) {
  public VideoInfo {
    Objects.requireNonNull(location, "location");
    if (width <= 0 || height <= 0 || frameCount <= 0) {
      throw new IllegalArgumentException(
          location + ": bad video geometry " + width + "x" + height + ", " + frameCount
              + " frames");
    }
  }
}
