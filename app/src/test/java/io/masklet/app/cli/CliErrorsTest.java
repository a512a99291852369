package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-system failures reach the user as their own file and what is wrong with it. */
class CliErrorsTest {
  @TempDir Path dir;

  @Test
  void anAtomicWritesTempFileIsReportedAsTheOutputItWasFor() {
    assertEquals("cannot write /data/out/x.json: permission denied", CliErrors.describe(
        new AccessDeniedException("/data/out/.x.json.3865045617257203548.tmp")));
    assertEquals("cannot write /data/rt: Is a directory", CliErrors.describe(
        new FileSystemException("/data/.rt.1155.tmp", "/data/rt", "Is a directory")));
    assertEquals("cannot write in folder /data/ro: permission denied", CliErrors.describe(
        new AccessDeniedException("/data/ro/.frame-123.png.part")));
  }

  @Test
  void aFolderOutputsHiddenPartialFolderIsReportedAsTheOutputFolder() {
    assertEquals("cannot write /data/ds: permission denied", CliErrors.describe(
        new AccessDeniedException("/data/.ds.partial")));
    assertEquals("cannot write /data/ds/images: no such file or folder", CliErrors.describe(
        new NoSuchFileException("/data/.ds.partial/images")));
    assertEquals("cannot write /data/ds/json/v_000001.json: permission denied",
        CliErrors.describe(new AccessDeniedException(
            "/data/.ds.partial/json/.v_000001.json.4410.tmp")));
  }

  @Test
  void otherFilesAreNamedWithTheReason() throws Exception {
    assertEquals("in.json: permission denied",
        CliErrors.describe(new UncheckedIOException(new AccessDeniedException("in.json"))));
    assertEquals("gone.json: no such file or folder",
        CliErrors.describe(new NoSuchFileException("gone.json")));
    Path file = Files.createFile(dir.resolve("a.coco.json"));
    String whereAFolderIsNeeded = CliErrors.describe(
        new java.nio.file.FileAlreadyExistsException(file.toString()));
    assertEquals(file + ": a file where a folder is needed", whereAFolderIsNeeded);
  }

  @Test
  void convertingIntoAPathBelowAFileSaysSoInOneLine() throws Exception {
    Path project = TinyProject.write(dir, "nowhere");
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    CliRun run = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", file.resolve("out.json").toString(), "--out-format", "coco");
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
    assertTrue(run.err().contains(file.toString()) && run.err().contains(": "), run.toString());
    assertTrue(!run.err().strip().endsWith(file.toString()), "a reason follows the path: " + run);
  }
}
