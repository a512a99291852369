package io.masklet.model.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Crash-safe file writes: the content goes to a temporary file in the target's folder, is
 * flushed to disk (fsync), then renamed over the target in one atomic step. A reader (or a
 * crash) sees either the old complete file or the new complete file, never a half-written one,
 * and a failed write leaves the last good copy untouched. Folders of files (datasets, mask
 * folders) are replaced as a whole the same way ({@link #writeFolder}).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Produces a file's content into a stream. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Atomically replaces {@code target} with what {@code writer} produces. */
  public static void write(Path target, Writer writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      keepPermissions(abs, tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        // closing the buffer must not close the channel: it is fsynced below first
        java.io.BufferedOutputStream buf =
            new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
              @Override
              public void close() throws IOException {
                flush();
              }
            };
        writer.writeTo(buf);
        buf.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      fsyncDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Atomically replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Fills a folder with files. */
  @FunctionalInterface
  public interface FolderWriter {
    void writeInto(Path dir) throws IOException;
  }

  /**
   * Replaces the folder {@code target} as a whole with one that {@code writer} fills: the files
   * go into a hidden sibling {@code .<name>.partial}, which takes the target's name only once
   * complete. A previous {@code target} is renamed aside ({@code .<name>.old}) for the swap and
   * deleted after it, so none of its files stay mixed with the new ones. A failed write deletes
   * the partial folder and leaves the previous target untouched; a crash leaves at most the
   * hidden siblings, which the next write clears.
   */
  public static void writeFolder(Path target, FolderWriter writer) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null) {
      throw new IOException("cannot replace " + abs + ": it has no parent folder");
    }
    Path partial = parent.resolve("." + abs.getFileName() + ".partial");
    Path old = parent.resolve("." + abs.getFileName() + ".old");
    deleteTree(partial); // left over from a killed run
    Files.createDirectories(partial);
    try {
      writer.writeInto(partial);
    } catch (IOException | RuntimeException | Error e) {
      try {
        deleteTree(partial);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    deleteTree(old); // left over from a swap a crash interrupted
    boolean replacing = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
    if (replacing) {
      moveFolder(abs, old);
    }
    try {
      moveFolder(partial, abs);
    } catch (IOException e) {
      if (replacing) {
        try {
          moveFolder(old, abs);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw e;
    }
    fsyncDirectory(parent);
    try {
      deleteTree(old);
    } catch (IOException e) {
      // the new folder is complete and in place; the next write clears what is left of the old
    }
  }

  private static void moveFolder(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Deletes {@code path} and, for a folder, everything in it (links are not followed). */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(path)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Temp files are created owner-only (0600); give the new file the old file's permissions, or
   * the usual rw-r--r-- for a new file, so a save does not hide the file from other users.
   */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
        ? Files.getPosixFilePermissions(target)
        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, perms);
  }

  /** Makes the rename durable; not every platform lets a directory be opened, which is fine. */
  private static void fsyncDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open directories; the rename itself is still atomic there.
    }
  }
}
