package io.masklet.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.masklet.model.io.FormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
  void aSyntaxErrorIsReportedBeforeAFaultThatComesEarlierInTheFile() throws Exception {
    Path f = dir.resolve("t.masklet.json");
    ProjectFile.save(Fixtures.smallProject(), f);
    String text = Files.readString(f).replace("\"version\" : 1", "\"version\" : 99");
    Files.writeString(f, text.substring(0, text.length() - 20));
    FormatException e = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(e.getMessage().startsWith(f + ": line "), e.getMessage());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  /**
   * {@code file} with its top-level fields in reverse order, as a hand edit or a script may
   * write them: masklets, prompts and the origin section before the objects and source they
   * are checked against, and the format last.
   */
  private static void reverseTopLevel(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode saved = json.readTree(file.toFile());
    List<String> keys = new ArrayList<>();
    saved.fieldNames().forEachRemaining(keys::add);
    Collections.reverse(keys);
    ObjectNode reversed = json.createObjectNode();
    keys.forEach(k -> reversed.set(k, saved.get(k)));
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), reversed);
  }

  @Test
  void topLevelFieldsMayComeInAnyOrder() throws Exception {
    for (Project p : List.of(Fixtures.smallProject(), fromSav(), fromCocoStreet())) {
      Path f = dir.resolve("reversed.masklet.json");
      ProjectFile.save(p, f);
      reverseTopLevel(f);
      assertTrue(Files.readString(f).indexOf("\"masklets\"")
          < Files.readString(f).indexOf("\"source\""), "masklets come first");
      assertEquals(p, ProjectFile.load(f));
    }
  }

  @Test
  void inAnyOrderAFaultIsReportedAsInTheUsualOrder() throws Exception {
    Path f = dir.resolve("reversed.masklet.json");
    ProjectFile.save(Fixtures.smallProject(), f);
    reverseTopLevel(f);
    String reversed = Files.readString(f);
    String noObject = reversed.replace("\"objectId\" : 4", "\"objectId\" : 5");
    Files.writeString(f, noObject);
    FormatException owner = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertEquals(f + ": masklets[1].objectId: no object with id 5", owner.getMessage());
    // the source is checked before the masklets, though they come first in this file
    Files.writeString(f, noObject.replace("\"width\" : 31", "\"width\" : 0"));
    FormatException size = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertEquals(f + ": source: bad media size 0x23", size.getMessage());
    Files.writeString(f, reversed.replace("\"format\" : \"masklet-project\"", "\"format\" : \"x\""));
    FormatException format = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(format.getMessage().startsWith(f + ": format: not a Masklet project"),
        format.getMessage());
  }

  @Test
  void aTopLevelFieldGivenTwiceCountsWithItsLastValue() throws Exception {
    Path f = dir.resolve("twice.masklet.json");
    ProjectFile.save(Fixtures.smallProject(), f);
    String text = Files.readString(f);
    String first = "\"format\" : \"masklet-project\",";
    Files.writeString(f, text.replace(first, first + " \"masklets\" : \"replaced below\","));
    assertEquals(Fixtures.smallProject(), ProjectFile.load(f));
    String last = "\"log\" : [";
    Files.writeString(f, text.replace(last, "\"masklets\" : 7, " + last));
    FormatException e = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertEquals(f + ": masklets: expected an array, found number", e.getMessage());
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
  void aProjectWithACrowdObjectIsVersion3AndKeepsTheMarking() throws Exception {
    Project p = Fixtures.smallProject();
    List<TrackedObject> objects = new ArrayList<>(p.objects());
    objects.set(0, objects.get(0).withCrowd(true));
    Project crowd = new Project(p.source(), objects, p.masklets(), p.prompts(), p.log());
    Path f = dir.resolve("crowd.masklet.json");
    ProjectFile.save(crowd, f);
    String text = Files.readString(f);
    assertTrue(text.contains("\"version\" : 3,"), text);
    assertEquals(1, text.split("\"crowd\" : true", -1).length - 1, "only on the crowd object");
    assertEquals(crowd, ProjectFile.load(f));
    // a build that reads up to version 2 refuses it rather than dropping the marking; this one
    // refuses what comes after
    Files.writeString(f, text.replace("\"version\" : 3,", "\"version\" : 4,"));
    FormatException newer = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(newer.getMessage().contains("unsupported project version 4 (this build reads 1 "
        + "to 3)"), newer.getMessage());
    Files.writeString(f, text.replace("\"crowd\" : true", "\"crowd\" : \"yes\""));
    FormatException bad = assertThrows(FormatException.class, () -> ProjectFile.load(f));
    assertTrue(bad.getMessage().contains("objects[0].crowd"), bad.getMessage());
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
    return loadBroken(fromSav(), "sav.masklet.json", original, replaced);
  }

  /** Saves {@code p}, replaces {@code original} in the file, and returns the load's fault. */
  private FormatException loadBroken(Project p, String name, String original, String replaced)
      throws Exception {
    Path f = dir.resolve(name);
    ProjectFile.save(p, f);
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

  /** {@code COCO_STREET} as converted: a project with every kept COCO field set. */
  private Project fromCocoStreet() throws Exception {
    Path coco = dir.resolve("street.json");
    Files.writeString(coco, Fixtures.COCO_STREET);
    return io.masklet.model.coco.CocoInstances.read(coco);
  }

  @Test
  void everyKeptCocoFieldComesBackFromASavedAndReloadedProject() throws Exception {
    Project p = fromCocoStreet();
    Path f = dir.resolve("street.masklet.json");
    ProjectFile.save(p, f);
    Project loaded = ProjectFile.load(f);
    assertEquals(p, loaded);
    Path again = dir.resolve("again.masklet.json");
    ProjectFile.save(loaded, again);
    assertEquals(Files.readString(f), Files.readString(again), "saved again, the same bytes");

    CocoOrigin o = loaded.cocoOrigin();
    assertEquals(new CocoOrigin.Info(2017, "1.0", "street crossings", "Masklet tests",
        "http://example.org/street", "2017/09/01"), o.info());
    assertEquals(List.of(
        new CocoOrigin.License(1, "Attribution-NonCommercial-ShareAlike License",
            "http://creativecommons.org/licenses/by-nc-sa/2.0/"),
        new CocoOrigin.License(2, "Attribution License",
            "http://creativecommons.org/licenses/by/2.0/")), o.licenses());
    assertEquals(new CocoOrigin.Image(0, 10, "street/0.jpg", 2, "2013-11-14 17:02:52",
        "http://images.example.org/street/0.jpg", "http://farm9.example.org/street_0.jpg"),
        o.images().get(0));
    assertEquals(new CocoOrigin.Image(2, 30, "street/2.jpg", 1, "2013-11-14 17:02:54", null,
        null), o.images().get(2));
    assertEquals(900100259690L, o.largestAnnotationId());
    assertEquals(List.of(new CocoObjectOrigin.FrameAnnotation(0, 501L, false),
        new CocoObjectOrigin.FrameAnnotation(1, 502L, false)),
        loaded.objects().get(0).cocoAnnotations().annotations());
    assertEquals(List.of(new CocoObjectOrigin.FrameAnnotation(0, 900100259690L, true)),
        loaded.objects().get(1).cocoAnnotations().annotations());
    assertEquals(List.of(new CocoObjectOrigin.FrameAnnotation(2, 777L, false)),
        loaded.objects().get(2).cocoAnnotations().annotations());
    // a workstation session (working copy, rename, snapshot) keeps them on the object
    Annotation a = Annotation.of(loaded);
    a.putObject(a.object(2).withLabel("crowd"));
    assertEquals(loaded.objects().get(1).cocoAnnotations(),
        a.snapshot().objects().get(1).cocoAnnotations());
  }

  private FormatException loadBrokenCoco(String original, String replaced) throws Exception {
    return loadBroken(fromCocoStreet(), "coco.masklet.json", original, replaced);
  }

  @Test
  void aBadValueInTheKeptCocoInfoLicensesImagesOrAnnotationsIsAnErrorNamingFileAndField()
      throws Exception {
    FormatException year = loadBrokenCoco("\"year\" : 2017", "\"year\" : \"2017\"");
    assertTrue(year.getMessage().contains("coco.info.year: expected an integer, found string"),
        year.getMessage());
    FormatException date = loadBrokenCoco(",\n      \"dateCreated\" : \"2017/09/01\"", "");
    assertTrue(date.getMessage().contains(
        "coco.info.dateCreated: missing (null when there is none)"), date.getMessage());
    FormatException licence = loadBrokenCoco("\"name\" : \"Attribution License\"",
        "\"title\" : \"Attribution License\"");
    assertTrue(licence.getMessage().contains("coco.licenses[1].title: unknown field"),
        licence.getMessage());
    FormatException imageLicense = loadBrokenCoco("\"license\" : 2,", "\"license\" : \"2\",");
    assertTrue(imageLicense.getMessage().contains(
        "coco.images[0].license: expected an integer, found string"), imageLicense.getMessage());
    FormatException url = loadBrokenCoco("\"cocoUrl\" : \"http://images.example.org/street/1.jpg\"",
        "\"cocoUrl\" : [ ]");
    assertTrue(url.getMessage().contains(
        "coco.images[1].cocoUrl: expected a string or null, found array"), url.getMessage());
    FormatException largest = loadBrokenCoco("\"largestAnnotationId\" : 900100259690",
        "\"largestAnnotationId\" : -1");
    assertTrue(largest.getMessage().contains("coco.largestAnnotationId: must be >= 0, got -1"),
        largest.getMessage());
    FormatException id = loadBrokenCoco("\"id\" : 777", "\"id\" : 7.5");
    assertTrue(id.getMessage().contains(
        "coco.annotations[3].id: expected an integer, found number 7.5"), id.getMessage());
    FormatException twice = loadBrokenCoco("\"id\" : 777", "\"id\" : 501");
    assertTrue(twice.getMessage().contains(
        "coco.annotations[3].id: annotation id 501 is kept for coco.annotations[0] too"),
        twice.getMessage());
    FormatException crowd = loadBrokenCoco("900100259690,\n      \"crowd\" : true",
        "900100259690,\n      \"crowd\" : 1");
    assertTrue(crowd.getMessage().contains(
        "coco.annotations[2].crowd: expected true/false, found number"), crowd.getMessage());
    FormatException owner = loadBrokenCoco("\"objectId\" : 3,\n      \"frame\"",
        "\"objectId\" : 9,\n      \"frame\"");
    assertTrue(owner.getMessage().contains("coco.annotations[3].objectId: no object with id 9"),
        owner.getMessage());
    FormatException frame = loadBrokenCoco("\"frame\" : 2,\n      \"id\" : 777",
        "\"frame\" : 3,\n      \"id\" : 777");
    assertTrue(frame.getMessage().contains("coco.annotations[3].frame: frame 3 outside"),
        frame.getMessage());
  }

  /** A project with a {@code coco} section as written before info, licenses and ids were kept. */
  private static final String COCO_PROJECT_BEFORE_IDS = """
      {
        "format" : "masklet-project",
        "version" : 2,
        "source" : {
          "kind" : "IMAGE_FOLDER",
          "location" : "kitchen.json",
          "frameCount" : 2,
          "fps" : 0.0,
          "width" : 6,
          "height" : 4
        },
        "objects" : [ {
          "id" : 5,
          "label" : "cat",
          "color" : "#ff8800"
        } ],
        "masklets" : [ {
          "objectId" : 5,
          "frames" : [ {
            "frame" : 1,
            "size" : [ 4, 6 ],
            "counts" : "<22O5",
            "provenance" : "EDITED",
            "objectScore" : null
          } ]
        } ],
        "prompts" : [ ],
        "log" : [ ],
        "coco" : {
          "videoName" : null,
          "categories" : [ {
            "id" : 3,
            "name" : "cat",
            "supercategory" : "animal"
          } ],
          "images" : [ {
            "frame" : 0,
            "id" : 10,
            "fileName" : "img/a.jpg"
          }, {
            "frame" : 1,
            "id" : 20,
            "fileName" : "img/b.jpg"
          } ]
        }
      }""";

  @Test
  void aCocoSectionWrittenBeforeInfoLicensesAndAnnotationIdsWereKeptStillOpens()
      throws Exception {
    Path f = dir.resolve("kitchen.masklet.json");
    Files.writeString(f, COCO_PROJECT_BEFORE_IDS);
    Project p = ProjectFile.load(f);
    CocoOrigin o = p.cocoOrigin();
    assertEquals(null, o.info());
    assertEquals(null, o.licenses());
    assertEquals(0, o.largestAnnotationId());
    assertEquals(List.of(new CocoOrigin.Image(0, 10, "img/a.jpg"),
        new CocoOrigin.Image(1, 20, "img/b.jpg")), o.images());
    assertEquals(null, p.objects().get(0).origin());
  }
}
