package io.masklet.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.io.FormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {
  @TempDir Path dir;

  @Test
  void saveThenLoadGivesAnEqualProject() throws Exception {
    Project p = Fixtures.smallProject();
    Path f = dir.resolve("a.masklet.json");
    ProjectFile.save(p, f);
    assertEquals(p, ProjectFile.load(f));
    // saving the loaded copy produces the same bytes
    Path g = dir.resolve("b.masklet.json");
    ProjectFile.save(ProjectFile.load(f), g);
    assertEquals(Files.readString(f), Files.readString(g));
  }

  private FormatException loadBroken(String original, String replaced) throws Exception {
    Path f = dir.resolve("p.masklet.json");
    ProjectFile.save(Fixtures.smallProject(), f);
    String text = Files.readString(f);
    assertTrue(text.contains(original), "fixture contains " + original);
    Files.writeString(f, text.replace(original, replaced));
    return assertThrows(FormatException.class, () -> ProjectFile.load(f));
  }

  @Test
  void textAfterTheProjectIsAnErrorNotIgnored() throws Exception {
    Path f = dir.resolve("twice.masklet.json");
    ProjectFile.save(Fixtures.smallProject(), f);
    String once = Files.readString(f);
    // e.g. a copy pasted after the first, or a save appended to an older file
    Files.writeString(f, once + once);
    FormatException e = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    long lines = once.lines().count();
    assertTrue(e.getMessage().startsWith(f + ": line " + (lines + (once.endsWith("\n") ? 1 : 0))),
        e.getMessage());
    assertTrue(e.getMessage().contains("more content after the end of the JSON"), e.getMessage());
  }

  @Test
  void truncatedFileReportsLineAndColumn() throws Exception {
    Path f = dir.resolve("t.masklet.json");
    ProjectFile.save(Fixtures.smallProject(), f);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    FormatException e = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(e.getMessage().startsWith(f.toString() + ": line "), e.getMessage());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void corruptFieldsAreReportedWithTheirJsonPath() throws Exception {
    FormatException counts = loadBroken("\"counts\" : \"", "\"counts\" : \"~");
    assertTrue(counts.getMessage().contains("masklets[0].frames[0].counts: RLE counts string has invalid char '~' at 0"),
        counts.getMessage());
    FormatException size = loadBroken("\"size\" : [ 23, 31 ]", "\"size\" : [ 23, 30 ]");
    assertTrue(size.getMessage().contains("masklets[0].frames[0].counts: RLE counts sum to 713"),
        size.getMessage());
    FormatException prov = loadBroken("\"PROPAGATED\"", "\"GUESSED\"");
    assertTrue(prov.getMessage().contains("provenance: unknown value \"GUESSED\""), prov.getMessage());
    FormatException version = loadBroken("\"version\" : 1", "\"version\" : 99");
    assertTrue(version.getMessage().contains("unsupported project version 99"), version.getMessage());
    FormatException missing = loadBroken("\"label\" : \"cat\",", "");
    assertTrue(missing.getMessage().contains("objects[0].label: missing"), missing.getMessage());
    FormatException unknown = loadBroken("\"objectId\" : 4", "\"objectId\" : 5");
    assertTrue(unknown.getMessage().contains("masklets[1].objectId: no object with id 5"),
        unknown.getMessage());
  }

  @Test
  void missingFileIsReported() {
    Path f = dir.resolve("none.masklet.json");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ProjectFile.load(f));
    assertTrue(e.getMessage().contains("none.masklet.json"));
  }

  @Test
  void emptyFileIsReported() throws Exception {
    Path f = dir.resolve("empty.masklet.json");
    Files.writeString(f, "", StandardCharsets.UTF_8);
    FormatException e = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }
}
