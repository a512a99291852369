package io.masklet.model.project;

import java.util.Objects;

/**
 * What is being annotated: a video file, a folder of images played as a video, or a single
 * image. {@code location} is stored as written (absolute or relative to the project file).
 *
 * @param fps frames per second; 0 when unknown (image folders, single images)
 */
public record MediaSource(Kind kind, String location, int frameCount, double fps, int width,
    int height) {

  /** Kind of media. */
  public enum Kind { VIDEO, IMAGE_FOLDER, IMAGE }

  public MediaSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    if (frameCount < 1) {
      throw new IllegalArgumentException("frame count must be at least 1, got " + frameCount);
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("bad media size " + width + "x" + height);
    }
    if (!(fps >= 0) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("fps must be a finite number >= 0, got " + fps);
    }
  }
}
