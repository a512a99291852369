package io.masklet.app.ui.project;

import io.masklet.engine.video.FrameSources;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a BMP+JSON dataset folder for editing: its {@code images/} folder is the video, played
 * in file-name order (frames renumbered to picture positions when the dataset holds only some
 * of a video's frames; see {@link BmpJsonDataset#readAsImageFolder}).
 */
public final class DatasetImport {
  private DatasetImport() {}

  /** True for a folder holding {@code json/} and {@code images/}. */
  public static boolean isDataset(Path dir) {
    return Files.isDirectory(dir) && Files.isDirectory(dir.resolve("json"))
        && Files.isDirectory(dir.resolve("images"));
  }

  /** The dataset's images folder and its annotation, frames numbered by image position. */
  public record Imported(Path images, Project project, boolean renumbered) {}

  public static Imported read(Path dir) throws IOException {
    Path images = dir.resolve("images");
    BmpJsonDataset.ImageFolderView view =
        BmpJsonDataset.readAsImageFolder(dir, FrameSources.imagesIn(images));
    return new Imported(images, view.project(), view.renumbered());
  }
}
