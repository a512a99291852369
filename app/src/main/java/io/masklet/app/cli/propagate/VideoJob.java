package io.masklet.app.cli.propagate;

import java.nio.file.Path;

/** One video to propagate: the video (file or image folder), its prompts file, output stem. */
public record VideoJob(Path video, Path prompts, String stem) {
  /** The output stem of a video: its file name without extension. */
  public static String stemOf(Path video) {
    String name = video.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && !java.nio.file.Files.isDirectory(video) ? name.substring(0, dot) : name;
  }
}
