package io.masklet.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
    Path f = dir.resolve("sub/out.json");
    AtomicFiles.write(f, "one".getBytes());
    AtomicFiles.write(f, "two".getBytes());
    assertEquals("two", Files.readString(f));
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void newFilesAreReadableByOthersAndExistingPermissionsAreKept() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path f = dir.resolve("p.json");
    AtomicFiles.write(f, "a".getBytes());
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(f)));
    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
    AtomicFiles.write(f, "b".getBytes());
    assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(f)));
  }

  @Test
  void aFailedWriteKeepsTheLastGoodCopy() throws Exception {
    Path f = dir.resolve("out.json");
    AtomicFiles.write(f, "good".getBytes());
    assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write("half-writ".getBytes());
      throw new IOException("disk full");
    }));
    assertEquals("good", Files.readString(f));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void aFolderIsReplacedWholeAndNoHiddenSiblingStays() throws Exception {
    Path target = dir.resolve("masks");
    AtomicFiles.writeFolder(target, d -> {
      Files.writeString(d.resolve("00000.png"), "old");
      Files.writeString(d.resolve("00009.png"), "old");
    });
    AtomicFiles.writeFolder(target, d -> Files.writeString(d.resolve("00000.png"), "new"));
    assertEquals("new", Files.readString(target.resolve("00000.png")));
    assertEquals(false, Files.exists(target.resolve("00009.png")), "no file of the old folder");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "no .masks.partial or .masks.old left");
    }
  }

  @Test
  void aFailedFolderWriteKeepsThePreviousFolderAndRemovesThePartialOne() throws Exception {
    Path target = dir.resolve("ds");
    AtomicFiles.writeFolder(target, d -> Files.writeString(d.resolve("a.json"), "good"));
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeFolder(target, d -> {
      Files.writeString(d.resolve("a.json"), "half");
      throw new IOException("frame 1 unreadable");
    }));
    assertEquals("frame 1 unreadable", e.getMessage());
    assertEquals("good", Files.readString(target.resolve("a.json")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "no .ds.partial left");
    }
  }
}
