package io.masklet.app.output;

import io.masklet.engine.video.FrameSources;
import io.masklet.model.io.AtomicFiles;
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
 * replace the folder as a whole (no frame of an earlier export stays), so only a folder that is
 * new, empty, or an earlier output of ours in this format (it carries {@value #MARKER}, and
 * nothing this format does not write) is replaced: a folder of frames extracted by another tool
 * looks like PNG masks but is never deleted.
 */
public enum FolderOutput {
  /** {@code <frame>.png} (indexed) or {@code <object>/<frame>.png} (per object). */
  PNG("png masks"),
  /** {@code images/} and {@code json/}. */
  BMP_JSON("a bmpjson dataset");

  /** Written into every folder output; what makes a folder ours to replace. */
  public static final String MARKER = ".masklet-output";

  private final String description;

  FolderOutput(String description) {
    this.description = description;
  }

  /** How a message names what this format writes ("png masks", "a bmpjson dataset"). */
  public String description() {
    return description;
  }

  /**
   * Writes this format's output as {@code target}, whole: into a hidden sibling folder, with
   * the {@link #MARKER}, then swapped in ({@link AtomicFiles#writeFolder}). Callers check
   * {@link #replaceable} first.
   */
  public void write(Path target, AtomicFiles.FolderWriter writer) throws IOException {
    AtomicFiles.writeFolder(target, dir -> {
      writer.writeInto(dir);
      Files.writeString(dir.resolve(MARKER), "written by Masklet Studio as " + description
          + "; the next export of this format replaces this folder whole\n");
    });
  }

  /**
   * Why {@code folder} must not be replaced by this format's output, or null when it may: it
   * does not exist, is empty (apart from viewer litter), or is an earlier output of ours in
   * this format.
   */
  public String whyNotReplaceable(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return "it is a file, and " + description + " is a folder";
    }
    List<Path> entries = list(folder).stream().filter(p -> !isLeftover(p)).toList();
    if (entries.isEmpty()) {
      return null;
    }
    if (!Files.isRegularFile(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      return "it holds " + folder.relativize(entries.get(0)) + " and was not written by a "
          + "Masklet export (no " + MARKER + ")";
    }
    Path foreign = foreignEntry(folder);
    return foreign == null ? null : "it holds " + folder.relativize(foreign) + ", which "
        + description + (this == PNG ? " do" : " does") + " not";
  }

  /**
   * The first entry of {@code folder} this format's output would not hold (in name order), or
   * null when there is none or the folder does not exist. Viewer litter, the temp files of
   * killed writes and the {@link #MARKER} do not count.
   */
  public Path foreignEntry(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    for (Path p : list(folder)) {
      if (p.getFileName().toString().equals(MARKER)) {
        continue;
      }
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
