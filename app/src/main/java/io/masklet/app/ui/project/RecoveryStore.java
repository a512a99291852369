package io.masklet.app.ui.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where autosave keeps annotations that have no project file yet, one file per media path, so
 * that after a crash reopening the same video offers the unsaved work back.
 */
public final class RecoveryStore {
  private final Path dir;

  public RecoveryStore(Path dir) {
    this.dir = dir;
  }

  /**
   * {@code <config>/recovery} where config is the {@code masklet.config.dir} system property
   * (portable installs, tests), else {@code $XDG_CONFIG_HOME/masklet-studio}, else
   * {@code ~/.config/masklet-studio}.
   */
  public static RecoveryStore forUser() {
    String own = System.getProperty("masklet.config.dir");
    if (own != null && !own.isBlank()) {
      return new RecoveryStore(Path.of(own).resolve("recovery"));
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".config");
    return new RecoveryStore(base.resolve("masklet-studio").resolve("recovery"));
  }

  public Path directory() {
    return dir;
  }

  /** The recovery file for a media path (whether or not it exists). */
  public Path fileFor(Path media) {
    String abs = media.toAbsolutePath().normalize().toString();
    String name = media.getFileName() == null ? "media" : media.getFileName().toString();
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return dir.resolve(name + "-" + hash(abs) + ".masklet.json");
  }

  public Path prepare(Path media) throws IOException {
    Files.createDirectories(dir);
    return fileFor(media);
  }

  public void discard(Path media) {
    try {
      Files.deleteIfExists(fileFor(media));
    } catch (IOException e) {
      // A stale recovery file only means one extra question at the next open.
      System.err.println("masklet: could not delete recovery file: " + e.getMessage());
    }
  }

  /** Recovery files left by earlier sessions, newest first, with the media they belong to. */
  public java.util.List<Entry> entries() {
    java.util.List<Entry> out = new java.util.ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".masklet.json")).toList()) {
        try {
          var project = io.masklet.model.project.ProjectFile.load(f);
          Path media = Path.of(project.source().location());
          if (fileFor(media).equals(f)) {
            out.add(new Entry(f, media, Files.getLastModifiedTime(f).toInstant()));
          }
        } catch (IOException | RuntimeException e) {
          // an unreadable recovery file is skipped, not fatal: it is listed nowhere
          System.err.println("masklet: ignoring recovery file " + f + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(java.util.Comparator.comparing(Entry::savedAt).reversed());
    return out;
  }

  /** One recoverable annotation. */
  public record Entry(Path file, Path media, java.time.Instant savedAt) {}

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
