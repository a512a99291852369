package io.masklet.app.output;

import io.masklet.engine.video.FrameSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dataset formats written as a folder, and what such a folder may hold. Folder outputs
 * replace the folder as a whole (no frame of an earlier export stays), so before replacing one
 * the command line and the workstation ask whether it holds anything this format does not
 * write: a folder of the user's own files is never deleted.
 */
public enum FolderOutput {
  /** {@code <frame>.png} (indexed) or {@code <object>/<frame>.png} (per object). */
  PNG("png masks"),
  /** {@code images/} and {@code json/}. */
  BMP_JSON("a bmpjson dataset");

  private final String description;

  FolderOutput(String description) {
    this.description = description;
  }

  /** How a message names what this format writes ("png masks", "a bmpjson dataset"). */
  public String description() {
    return description;
  }

  /**
   * The first entry of {@code folder} this format's output would not hold (in name order), or
   * null when there is none or the folder does not exist. Viewer litter and the temp files of
   * killed writes do not count.
   */
  public Path foreignEntry(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    for (Path p : list(folder)) {
      String name = p.getFileName().toString();
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        // png: <object>/ folders of <frame>.png; bmpjson: images/ and json/
        Predicate<String> fits = this == PNG
            ? (OBJECT_DIR.matcher(name).matches() ? n -> PNG_FRAME.matcher(n).matches() : null)
            : name.equals("images") ? n -> FrameSources.isImage(Path.of(n))
            : name.equals("json") ? n -> n.endsWith(".json")
            : null;
        if (fits == null) {
          return p;
        }
        for (Path f : list(p)) {
          if (!isLeftover(f) && !(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              && fits.test(f.getFileName().toString().toLowerCase(Locale.ROOT)))) {
            return f;
          }
        }
      } else if (!isLeftover(p) && !(this == PNG
          && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          && PNG_FRAME.matcher(name.toLowerCase(Locale.ROOT)).matches())) {
        return p;
      }
    }
    return null;
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }

  /** A file viewers leave behind, or the temp file of a write that was killed. */
  private static boolean isLeftover(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && (LITTER.contains(name)
        || ATOMIC_TEMP.matcher(name).matches());
  }

  private static final Set<String> LITTER = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");
  private static final Pattern PNG_FRAME = Pattern.compile("\\d+\\.png");
  private static final Pattern OBJECT_DIR = Pattern.compile("\\d+");
  private static final Pattern ATOMIC_TEMP = Pattern.compile("\\..+\\.\\d+\\.tmp");
}
