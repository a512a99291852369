package io.masklet.app.cli;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the images and videos the commands take, failing with errors that name the option. */
final class FrameInputs {
  private FrameInputs() {}

  /** The single frame of {@code --image IMAGE}. */
  static RgbFrame readImage(Path image) {
    try (FrameSource src = FrameSources.open(image)) {
      return src.frame(0);
    } catch (IOException e) {
      throw error("--image", image, e);
    }
  }

  /** The frames of a video file, image folder or image given as {@code option}. */
  static FrameSource open(String option, Path path) {
    try {
      return FrameSources.open(path);
    } catch (IOException e) {
      throw error(option, path, e);
    }
  }

  private static UserInputException error(String option, Path path, IOException e) {
    String why = e instanceof NoSuchFileException ? "not found" : e.getMessage();
    return new UserInputException(option + " " + path + ": " + why, e);
  }
}
