package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code masklet export} end to end: a project written in each format, as convert writes it. */
class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void eachFormatIsByteForByteWhatConvertWrites() throws Exception {
    Path project = TinyProject.write(dir, "nowhere");
    for (String format : new String[] {"sav", "coco"}) {
      Path exported = dir.resolve("export." + format + ".json");
      Path converted = dir.resolve("convert." + format + ".json");
      CliRun run = CliRun.of("export", project.toString(), "--format", format,
          "--out", exported.toString());
      assertEquals(0, run.exitCode(), run.toString());
      assertTrue(run.out().contains("2 objects, 6 masks"), run.toString());
      assertEquals(0, CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
          "--out", converted.toString(), "--out-format", format).exitCode());
      assertArrayEquals(Files.readAllBytes(converted), Files.readAllBytes(exported), format);
    }
  }

  @Test
  void bmpJsonTakesThePicturesFromTheProjectMediaOrFrames() throws Exception {
    Path frames = TinyProject.framesFolder(dir);
    Path withMedia = TinyProject.write(dir, frames.toString());
    Path shortName = Files.copy(withMedia, dir.resolve("clip.masklet"));
    Path dataset = dir.resolve("ds");
    CliRun run = CliRun.of("export", withMedia.toString(), "--format", "bmpjson",
        "--out", dataset.toString());
    assertEquals(0, run.exitCode(), run.toString());
    Project back = BmpJsonDataset.read(dataset);
    Project orig = ProjectFile.load(withMedia);
    orig.masklets().forEach(m -> m.frames().forEach((f, fm) -> assertEquals(fm.rle(),
        back.masklet(m.objectId()).at(f).rle(), "object " + m.objectId() + " frame " + f)));

    Path noMedia = TinyProject.write(dir, "missing.mp4");
    CliRun explicit = CliRun.of("export", noMedia.toString(), "--format", "bmpjson",
        "--out", dir.resolve("ds2").toString(), "--frames", frames.toString());
    assertEquals(0, explicit.exitCode(), explicit.toString());
    assertTrue(Files.isRegularFile(dir.resolve("ds2/images/tiny_000002.bmp")));

    // the Windows-associated extension names the files like .masklet.json does
    assertEquals(0, CliRun.of("export", shortName.toString(), "--format", "bmpjson",
        "--out", dir.resolve("ds3").toString()).exitCode());
    assertTrue(Files.isRegularFile(dir.resolve("ds3/json/clip_000000.json")));
  }

  @Test
  void exportingAgainIntoTheSameFolderLeavesNoFileOfTheEarlierExport() throws Exception {
    Path frames = TinyProject.framesFolder(dir);
    Path project = TinyProject.write(dir, frames.toString());
    Path dataset = dir.resolve("ds");
    assertEquals(0, CliRun.of("export", project.toString(), "--format", "bmpjson",
        "--out", dataset.toString(), "--name", "draft").exitCode());
    CliRun run = CliRun.of("export", project.toString(), "--format", "bmpjson",
        "--out", dataset.toString(), "--name", "final");
    assertEquals(0, run.exitCode(), run.toString());
    try (var files = Files.walk(dataset)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("draft")).toList(), "files of the draft export are gone");
    }
    assertTrue(Files.isRegularFile(dataset.resolve("json/final_000002.json")));
  }

  @Test
  void badInputExitsTwoWithOneLineNamingTheProblem() throws Exception {
    Path missing = dir.resolve("absent.masklet.json");
    CliRun notFound = CliRun.of("export", missing.toString(), "--format", "coco",
        "--out", dir.resolve("o.json").toString());
    assertEquals(2, notFound.exitCode(), notFound.toString());
    assertTrue(notFound.err().contains(missing.toString()), notFound.toString());
    assertEquals(1, notFound.err().strip().lines().count(), notFound.toString());

    Path project = TinyProject.write(dir, "missing.mp4");
    CliRun noPictures = CliRun.of("export", project.toString(), "--format", "bmpjson",
        "--out", dir.resolve("ds").toString());
    assertEquals(2, noPictures.exitCode(), noPictures.toString());
    assertTrue(noPictures.err().contains("--frames"), noPictures.toString());
    assertFalse(Files.exists(dir.resolve("ds/json")), "nothing half-written");

    CliRun badFormat = CliRun.of("export", project.toString(), "--format", "project",
        "--out", dir.resolve("p.json").toString());
    assertEquals(2, badFormat.exitCode(), badFormat.toString());
  }
}
