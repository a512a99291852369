package io.masklet.app.ui.project;

import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Opens a BMP+JSON dataset folder for editing: its {@code images/} folder is the video, played
 * in file-name order. A dataset written from a sparse subset of frames (every 4th, say) has
 * fewer images than its highest frame number, so frames are renumbered to image positions.
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
    Project p = BmpJsonDataset.read(dir);
    TreeSet<Integer> frames = new TreeSet<>();
    for (Masklet m : p.masklets()) {
      frames.addAll(m.frames().keySet());
    }
    Path images = dir.resolve("images");
    if (frames.size() == p.source().frameCount()) {
      return new Imported(images, p, false);
    }
    Map<Integer, Integer> index = new HashMap<>();
    for (int f : frames) {
      index.put(f, index.size());
    }
    List<Masklet> masklets = new ArrayList<>();
    for (Masklet m : p.masklets()) {
      TreeMap<Integer, FrameMask> re = new TreeMap<>();
      m.frames().forEach((f, mask) -> re.put(index.get(f), mask));
      masklets.add(new Masklet(m.objectId(), re));
    }
    MediaSource s = p.source();
    MediaSource src = new MediaSource(s.kind(), s.location(), frames.size(), s.fps(), s.width(),
        s.height());
    return new Imported(images, new Project(src, p.objects(), masklets, p.prompts(), p.log()),
        true);
  }
}
