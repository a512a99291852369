package io.masklet.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.io.FormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
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

  /** A project as converted from a small SA-V file (environment "Outdoor", split "val"). */
  private static Project fromSav() {
    return io.masklet.model.sav.SavConversion.toProject(
        Fixtures.savSynthetic(), "sav_synthetic.mp4");
  }

  @Test
  void aProjectWithAnOriginSectionIsVersion2SoOlderBuildsRefuseItInsteadOfDroppingTheSection()
      throws Exception {
    Path plain = dir.resolve("plain.masklet.json");
    ProjectFile.save(Fixtures.smallProject(), plain);
    assertTrue(Files.readString(plain).contains("\"version\" : 1,"), "unchanged for old builds");
    Path sav = dir.resolve("sav.masklet.json");
    ProjectFile.save(fromSav(), sav);
    assertTrue(Files.readString(sav).contains("\"version\" : 2,"), Files.readString(sav));
    // a build that reads only version 1 says "unsupported project version 2" rather than
    // opening the project and losing its sav section on the next save
    assertEquals(fromSav(), ProjectFile.load(sav));
  }

  @Test
  void aProjectFromSavKeepsItsSavFactsThroughSaveAndLoad() throws Exception {
    Project p = fromSav();
    Path f = dir.resolve("sav.masklet.json");
    ProjectFile.save(p, f);
    String text = Files.readString(f);
    assertTrue(text.contains("\"videoEnvironment\" : \"Outdoor\""), text);
    Project loaded = ProjectFile.load(f);
    assertEquals(p, loaded);
    var sav = io.masklet.model.sav.SavConversion.fromProject(loaded, "sav_synthetic");
    assertEquals("Outdoor", sav.videoEnvironment());
    assertEquals("val", sav.videoSplit());
    assertEquals(List.of("manual", "auto"), sav.masklets().stream().map(m -> m.type()).toList());
    assertEquals(List.of(0.9, 0.85, 0.97), sav.masklets().get(1).stabilityScores());
    // a workstation session (working copy, rename, snapshot) keeps them too
    Annotation a = Annotation.of(loaded);
    a.putObject(a.object(2).withLabel("dog"));
    assertEquals(loaded.savOrigin(), a.snapshot().savOrigin());
    assertEquals(loaded.objects().get(1).savMasklet(), a.snapshot().objects().get(1).savMasklet());
  }

  /** A project file as written before the {@code sav} section existed. */
  private static final String OLD_PROJECT = """
      {
        "format" : "masklet-project",
        "version" : 1,
        "source" : {
          "kind" : "VIDEO",
          "location" : "clip.mp4",
          "frameCount" : 3,
          "fps" : 24.0,
          "width" : 6,
          "height" : 4
        },
        "objects" : [ {
          "id" : 1,
          "label" : "cat",
          "color" : "#ff8800"
        } ],
        "masklets" : [ {
          "objectId" : 1,
          "frames" : [ {
            "frame" : 0,
            "size" : [ 4, 6 ],
            "counts" : "<22O5",
            "provenance" : "EDITED",
            "objectScore" : null
          } ]
        } ],
        "prompts" : [ ],
        "log" : [ ]
      }""";

  @Test
  void aProjectWrittenBeforeTheSavSectionOpensAndSavesAsBefore() throws Exception {
    Path f = dir.resolve("old.masklet.json");
    Files.writeString(f, OLD_PROJECT);
    Project p = ProjectFile.load(f);
    assertEquals(1, p.objects().size());
    assertEquals(null, p.savOrigin());
    assertEquals(null, p.objects().get(0).savMasklet());
    Path again = dir.resolve("again.masklet.json");
    ProjectFile.save(p, again);
    assertEquals(OLD_PROJECT, Files.readString(again).replace("\r\n", "\n"));
  }

  private FormatException loadBrokenSav(String original, String replaced) throws Exception {
    Path f = dir.resolve("sav.masklet.json");
    ProjectFile.save(fromSav(), f);
    String text = Files.readString(f);
    assertTrue(text.contains(original), "the saved project contains " + original);
    Files.writeString(f, text.replace(original, replaced));
    FormatException e = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(e.getMessage().startsWith(f + ": "), "names the file: " + e.getMessage());
    return e;
  }

  @Test
  void anUnknownOrIllTypedSavFieldIsAnErrorNamingFileAndField() throws Exception {
    FormatException misspelt = loadBrokenSav("\"videoSplit\"", "\"videoSplt\"");
    assertTrue(misspelt.getMessage().contains("sav.videoSplt: unknown field"),
        misspelt.getMessage());
    FormatException text = loadBrokenSav("\"editedFrameCount\" : 2", "\"editedFrameCount\" : \"2\"");
    assertTrue(text.getMessage().contains(
        "sav.masklets[0].editedFrameCount: expected an integer, found string"), text.getMessage());
    FormatException stride = loadBrokenSav("\"annotationStride\" : 4", "\"annotationStride\" : 0");
    assertTrue(stride.getMessage().contains("sav: annotation stride must be at least 1, got 0"),
        stride.getMessage());
    FormatException score = loadBrokenSav("0.85", "\"high\"");
    assertTrue(score.getMessage().contains(
        "sav.masklets[1].stabilityScores[1]: expected a number"), score.getMessage());
    FormatException owner = loadBrokenSav("\"objectId\" : 2,\n      \"type\"",
        "\"objectId\" : 7,\n      \"type\"");
    assertTrue(owner.getMessage().contains("sav.masklets[1].objectId: no object with id 7"),
        owner.getMessage());
    FormatException extra = loadBrokenSav("\"type\" : \"auto\"", "\"type\" : \"auto\", \"colour\" : 1");
    assertTrue(extra.getMessage().contains("sav.masklets[1].colour: unknown field"),
        extra.getMessage());
    FormatException duration = loadBrokenSav("\"videoDuration\" : 2.613",
        "\"videoDuration\" : \"2.613\"");
    assertTrue(duration.getMessage().contains("sav.videoDuration: expected a number, found string"),
        duration.getMessage());
  }

  @Test
  void aProjectFromCocoKeepsItsCocoSectionAndAnIllTypedFieldIsAnErrorNamingFileAndField()
      throws Exception {
    Path coco = dir.resolve("kitchen.json");
    Files.writeString(coco, Fixtures.COCO_KITCHEN);
    Project p = io.masklet.model.coco.CocoInstances.read(coco);
    Path f = dir.resolve("coco.masklet.json");
    ProjectFile.save(p, f);
    assertEquals(p, ProjectFile.load(f));
    assertEquals(3, ProjectFile.load(f).cocoOrigin().categories().get(0).id());

    String text = Files.readString(f);
    Files.writeString(f, text.replace("\"fileName\" : \"img/b.jpg\"", "\"fileName\" : 20"));
    FormatException name = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(name.getMessage().startsWith(f + ": coco.images[1].fileName: expected a string "
        + "or null, found number"), name.getMessage());
    Files.writeString(f, text.replace("\"supercategory\" : null", "\"super\" : null"));
    FormatException unknown = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(unknown.getMessage().startsWith(f + ": coco.categories[2].super: unknown field"),
        unknown.getMessage());
    Files.writeString(f, text.replaceFirst("\"frame\" : 2,(\\s+)\"id\" : 30",
        "\"frame\" : 3,$1\"id\" : 30"));
    FormatException frame = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(frame.getMessage().startsWith(f + ": coco.images[2].frame: frame 3 outside"),
        frame.getMessage());
  }
}
