package io.masklet.app.cli;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/** Opens the images and videos the commands take, failing with errors that name the option. */
final class FrameInputs {
  private FrameInputs() {}

  /**
   * The picture of {@code --image IMAGE}. A folder of images or a video is refused rather than
   * read as its first frame: which frame the user meant is not ours to guess.
   */
  static RgbFrame readImage(Path image) {
    if (Files.isDirectory(image)) {
      throw new UserInputException("--image " + image + ": a folder, not an image; "
          + folderHint(image));
    }
    try (FrameSource src = FrameSources.open(image)) {
      int n = src.frameCount();
      if (n != 1) {
        throw new UserInputException("--image " + image + ": a video of " + n + " frames, not "
            + "an image; write the frame you want with `masklet frames " + image
            + " --index N --out DIR` and give DIR/N.png");
      }
      return src.frame(0);
    } catch (IOException e) {
      throw error("--image", image, e);
    }
  }

  private static String folderHint(Path folder) {
    List<Path> images;
    try {
      images = FrameSources.imagesIn(folder);
    } catch (IOException e) {
      images = List.of();
    }
    return images.isEmpty()
        ? "give one image file (" + String.join(", ", new TreeSet<>(FrameSources.IMAGE_EXTENSIONS))
            + ")"
        : "give one of its " + images.size() + " images, e.g. " + images.get(0);
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
