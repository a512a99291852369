package io.masklet.model.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.model.io.FormatException;
import io.masklet.model.project.Annotation;
import io.masklet.model.project.Fixtures;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoInstancesTest {
  @TempDir Path dir;

  @Test
  void writeThenReadRebuildsObjectsMaskletsAndSource() throws Exception {
    Project p = Fixtures.smallProject();
    Path f = dir.resolve("coco.json");
    CocoInstances.write(p, f, "clip");
    Project back = CocoInstances.read(f);
    assertEquals(p.source(), back.source());
    // read back, the objects also carry the ids the file gave their annotations
    assertEquals(p.objects(), back.objects().stream()
        .map(o -> new TrackedObject(o.id(), o.label(), o.color())).toList());
    for (Masklet m : p.masklets()) {
      m.frames().forEach((frame, fm) -> {
        if (fm.rle().isEmpty()) {
          assertNull(back.masklet(m.objectId()).at(frame));
        } else {
          assertEquals(fm, back.masklet(m.objectId()).at(frame), "object " + m.objectId() + " frame " + frame);
        }
      });
    }
  }

  @Test
  void annotationsCarryAreaBboxCategoriesAndFrameFields() throws Exception {
    Project p = Fixtures.smallProject();
    Path f = dir.resolve("coco.json");
    CocoInstances.write(p, f, "clip");
    var root = new ObjectMapper().readTree(f.toFile());
    var a = root.get("annotations").get(0);
    var rle = p.masklet(1).at(0).rle();
    assertEquals(rle.area(), a.get("area").asLong());
    var b = rle.bbox();
    assertArrayEquals(new int[] {b.x(), b.y(), b.width(), b.height()},
        new int[] {a.get("bbox").get(0).asInt(), a.get("bbox").get(1).asInt(),
            a.get("bbox").get(2).asInt(), a.get("bbox").get(3).asInt()});
    assertEquals(rle.toCompressedString(), a.get("segmentation").get("counts").asText());
    assertEquals(0, a.get("frame_index").asInt());
    assertEquals(1, a.get("track_id").asInt());
    assertEquals(2, root.get("categories").size());
    assertEquals("dog house", root.get("categories").get(1).get("name").asText());
    assertEquals(2, root.get("images").get(2).get("frame_index").asInt());
  }

  @Test
  void plainCocoWithPolygonsIsRead() throws Exception {
    Path f = dir.resolve("plain.json");
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8, "file_name": "a.jpg"}],
         "annotations": [{"id": 3, "image_id": 7, "category_id": 1,
           "segmentation": [[2, 1, 6, 1, 6, 5, 2, 5]], "area": 16, "bbox": [2, 1, 4, 4], "iscrowd": 0}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    Project p = CocoInstances.read(f);
    assertEquals(16, p.masklet(3).at(0).rle().area());
    assertEquals("box", p.objects().get(0).label());
  }

  @Test
  void trackIdsFromZeroBecomeObjectsFromOne() throws Exception {
    Path f = dir.resolve("tracks0.json");
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8, "file_name": "a.jpg"}],
         "annotations": [
           {"id": 3, "image_id": 7, "category_id": 1, "track_id": 0,
            "segmentation": [[2, 1, 6, 1, 6, 5, 2, 5]]},
           {"id": 4, "image_id": 7, "category_id": 1, "track_id": 1,
            "segmentation": [[7, 1, 9, 1, 9, 3, 7, 3]]}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    Project p = CocoInstances.read(f);
    assertEquals(java.util.List.of(1, 2), p.objects().stream().map(o -> o.id()).toList());
    assertEquals(16, p.masklet(1).at(0).rle().area(), "track 0 is object 1");
    assertEquals(4, p.masklet(2).at(0).rle().area());
  }

  @Test
  void annotationIdsStayWithTheirTracksWhenTrackIdsFromZeroAreMovedUp() throws Exception {
    Path f = dir.resolve("tracks0.json");
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8, "file_name": "a.jpg"}],
         "annotations": [
           {"id": 4, "image_id": 7, "category_id": 1, "track_id": 0,
            "segmentation": [[2, 1, 6, 1, 6, 5, 2, 5]]},
           {"id": 3, "image_id": 7, "category_id": 1, "track_id": 1, "iscrowd": 1,
            "segmentation": [[7, 1, 9, 1, 9, 3, 7, 3]]}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    Path out = dir.resolve("out.json");
    CocoInstances.write(CocoInstances.read(f), out, "boxes");
    var anns = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    assertEquals(4, anns.get("1:0").get("id").asInt(), "track 0 is object 1, with its id");
    assertEquals(0, anns.get("1:0").get("iscrowd").asInt());
    assertEquals(3, anns.get("2:0").get("id").asInt());
    assertEquals(1, anns.get("2:0").get("iscrowd").asInt());
  }

  @Test
  void danglingReferencesAreReported() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8}],
         "annotations": [{"id": 3, "image_id": 8, "category_id": 1, "segmentation": {"size": [8, 10], "counts": "T2"}}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    FormatException e = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(e.getMessage().contains("annotations[0].image_id: no image with id 8"), e.getMessage());
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8}],
         "annotations": [{"id": 3, "image_id": 7, "category_id": 1, "segmentation": {"size": [8, 11], "counts": "T2"}}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    FormatException size = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(size.getMessage().contains("annotations[0].segmentation.counts: RLE counts sum to 68 but size [8, 11]"), size.getMessage());
  }

  @Test
  void aPolygonCoordinateThatIsNotANumberIsAnErrorNamingFileAnnotationAndValue() throws Exception {
    Path f = dir.resolve("strings.json");
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8}],
         "annotations": [{"id": 3, "image_id": 7, "category_id": 1,
           "segmentation": [[2, 1, "6", 1, 6, 5, 2, 5]]}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    FormatException e = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(e.getMessage().contains("strings.json: annotations[0].segmentation[0][2]: annotation id 3: "
        + "polygon coordinate \"6\" is not a number"), e.getMessage());
  }

  @Test
  void negativeObjectIdsAndFramesAreErrorsNamingTheFile() throws Exception {
    Path f = dir.resolve("negative.json");
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8}],
         "annotations": [{"id": 3, "image_id": 7, "category_id": 1, "track_id": -4,
           "segmentation": {"size": [8, 10], "counts": "T2"}}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    FormatException track = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(track.getMessage().contains("negative.json: annotations[0].track_id: object id must be "
        + ">= 0, got -4"), track.getMessage());
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8}],
         "annotations": [{"id": -3, "image_id": 7, "category_id": 1,
           "segmentation": {"size": [8, 10], "counts": "T2"}}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    FormatException id = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(id.getMessage().contains("negative.json: annotations[0].id: object id must be >= 0, "
        + "got -3"), id.getMessage());
    Files.writeString(f, """
        {"images": [{"id": 7, "width": 10, "height": 8, "frame_index": -1}],
         "annotations": [{"id": 3, "image_id": 7, "category_id": 1,
           "segmentation": {"size": [8, 10], "counts": "T2"}}],
         "categories": [{"id": 1, "name": "box"}]}
        """);
    FormatException frame = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(frame.getMessage().contains("negative.json: images(id 7).frame_index: frame index must "
        + "be >= 0, got -1"), frame.getMessage());
  }

  @Test
  void cocoThroughASavedProjectKeepsCategoryIdsAndImageIdsAndFileNames() throws Exception {
    Path in = dir.resolve("kitchen.json");
    Files.writeString(in, Fixtures.COCO_KITCHEN);
    Path project = dir.resolve("kitchen.masklet.json");
    ProjectFile.save(CocoInstances.read(in), project);
    // in the workstation: a new object with a new label on the unannotated picture (frame 1)
    Annotation a = Annotation.of(ProjectFile.load(project));
    int cup = a.nextObjectId();
    a.putObject(new TrackedObject(cup, "cup", "#00ff00"));
    a.setMask(cup, 1, FrameMask.unscored(Fixtures.disc(8, 10, 4, 4, 2, 0), Provenance.EDITED));
    Path out = dir.resolve("out.json");
    CocoInstances.write(a.snapshot(), out, "kitchen");

    var root = new ObjectMapper().readTree(out.toFile());
    var orig = new ObjectMapper().readTree(Fixtures.COCO_KITCHEN);
    var cats = root.get("categories");
    assertEquals(4, cats.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(orig.get("categories").get(i), cats.get(i), "category " + i + " as it was");
    }
    assertEquals(10, cats.get(3).get("id").asInt(), "a new label gets an id after the largest");
    assertEquals("cup", cats.get(3).get("name").asText());
    var images = root.get("images");
    assertEquals(3, images.size(), "the unannotated picture too");
    for (int i = 0; i < 3; i++) {
      assertEquals(orig.get("images").get(i).get("id"), images.get(i).get("id"));
      assertEquals(orig.get("images").get(i).get("file_name"), images.get(i).get("file_name"));
    }
    var anns = root.get("annotations");
    assertEquals(List.of("10:7", "20:10", "30:3"), java.util.stream.IntStream.range(0, anns.size())
        .mapToObj(k -> anns.get(k).get("image_id").asInt() + ":"
            + anns.get(k).get("category_id").asInt()).sorted().toList());
    // and read again, the same masks come back on the same frames
    Project back = CocoInstances.read(out);
    assertEquals(16, back.masklet(1).at(0).rle().area());
    assertEquals(a.snapshot().cocoOrigin().images(), back.cocoOrigin().images());
    assertEquals(4, back.cocoOrigin().categories().size());
  }

  @Test
  void aDuplicateCategoryIdIsAnErrorNamingTheFile() throws Exception {
    Path f = dir.resolve("twice.json");
    Files.writeString(f, Fixtures.COCO_KITCHEN.replace("\"id\": 9,", "\"id\": 7,"));
    FormatException e = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(e.getMessage().contains("twice.json: categories[2].id: duplicate category id 7"),
        e.getMessage());
  }

  /** {@code COCO_STREET} read, saved as a project and loaded again, as the workstation opens it. */
  private Annotation streetThroughASavedProject() throws Exception {
    Path in = dir.resolve("street.json");
    Files.writeString(in, Fixtures.COCO_STREET);
    Path project = dir.resolve("street.masklet.json");
    ProjectFile.save(CocoInstances.read(in), project);
    return Annotation.of(ProjectFile.load(project));
  }

  @Test
  void unmarkingAnImportedCrowdExportsNoCrowdAndKeepsTheAnnotationIds() throws Exception {
    Annotation a = streetThroughASavedProject();
    a.putObject(a.object(2).withCrowd(false));
    assertEquals(TrackedObject.CrowdMarking.NONE, a.object(2).crowdMarking());
    Path project = dir.resolve("unmarked.masklet.json");
    ProjectFile.save(a.snapshot(), project);
    Path out = dir.resolve("out.json");
    CocoInstances.write(ProjectFile.load(project), out, "street");
    var anns = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    assertEquals(0, anns.get("2:0").get("iscrowd").asInt());
    assertEquals(900100259690L, anns.get("2:0").get("id").asLong());
  }

  @Test
  void aTrackThatWasACrowdOnSomeFramesKeepsThoseFramesAndIsNoCrowdObject() throws Exception {
    Path in = dir.resolve("mixed.json");
    Files.writeString(in, Fixtures.COCO_STREET.replace(
        "{\"id\": 502, \"image_id\": 20, \"category_id\": 1, \"track_id\": 1, \"iscrowd\": 0",
        "{\"id\": 502, \"image_id\": 20, \"category_id\": 1, \"track_id\": 1, \"iscrowd\": 1"));
    Annotation a = Annotation.of(CocoInstances.read(in));
    TrackedObject mixed = a.object(1);
    assertEquals(TrackedObject.CrowdMarking.SOME_FRAMES, mixed.crowdMarking());
    assertTrue(mixed.crowdOn(1));
    assertTrue(!mixed.crowdOn(0) && !mixed.crowdOn(2));
    a.setMask(1, 2, FrameMask.unscored(Fixtures.disc(8, 10, 6, 4, 2, 0), Provenance.EDITED));
    Path out = dir.resolve("out.json");
    CocoInstances.write(a.snapshot(), out, "street");
    var anns = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    assertEquals(List.of(0, 1, 0), List.of(anns.get("1:0").get("iscrowd").asInt(),
        anns.get("1:1").get("iscrowd").asInt(), anns.get("1:2").get("iscrowd").asInt()));
    // marking it a crowd makes every mask one
    a.putObject(mixed.withCrowd(true));
    CocoInstances.write(a.snapshot(), out, "street");
    var all = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    assertEquals(List.of(1, 1, 1), List.of(all.get("1:0").get("iscrowd").asInt(),
        all.get("1:1").get("iscrowd").asInt(), all.get("1:2").get("iscrowd").asInt()));
  }

  @Test
  void anObjectMarkedACrowdInTheWorkstationExportsEveryMaskAsACrowd() throws Exception {
    Annotation a = Annotation.of(Fixtures.smallProject());
    a.putObject(a.object(1).withCrowd(true));
    Path out = dir.resolve("out.json");
    CocoInstances.write(a.snapshot(), out, "small");
    var root = new ObjectMapper().readTree(out.toFile());
    int crowds = 0;
    for (var ann : root.get("annotations")) {
      assertEquals(ann.get("track_id").asInt() == 1 ? 1 : 0, ann.get("iscrowd").asInt(),
          ann.toString());
      crowds += ann.get("iscrowd").asInt();
    }
    assertTrue(crowds > 0);
  }

  @Test
  void aCocoProjectSavedBeforeObjectsHadACrowdMarkingOpensWithItsCrowdTracksAsCrowdObjects()
      throws Exception {
    Path in = dir.resolve("street.json");
    Files.writeString(in, Fixtures.COCO_STREET);
    Path project = dir.resolve("street.masklet.json");
    ProjectFile.save(CocoInstances.read(in), project);
    // as the previous build wrote it: version 2, no crowd key on the objects
    String text = Files.readString(project);
    assertTrue(text.contains("\"version\" : 3,"), "a crowd object needs version 3");
    Files.writeString(project, text.replace("\"version\" : 3,", "\"version\" : 2,")
        .replaceAll("(\"color\" : \"#[0-9a-f]{6}\"),\\s*\"crowd\" : true", "$1"));
    assertTrue(!Files.readString(project).matches("(?s).*\"color\" : \"#[0-9a-f]{6}\",\\s*\"crowd\".*"));
    Project old = ProjectFile.load(project);
    assertTrue(old.objects().get(1).crowd());
    assertTrue(!old.objects().get(0).crowd() && !old.objects().get(2).crowd());
  }

  /** The annotations of a COCO file as {@code "track:frame" -> node}, in the file's order. */
  private static Map<String, com.fasterxml.jackson.databind.JsonNode> annotationsByTrackAndFrame(
      com.fasterxml.jackson.databind.JsonNode root) {
    Map<String, com.fasterxml.jackson.databind.JsonNode> out = new LinkedHashMap<>();
    for (var a : root.get("annotations")) {
      out.put(a.get("track_id").asInt() + ":" + a.get("frame_index").asInt(), a);
    }
    return out;
  }

  @Test
  void cocoThroughASavedProjectWritesItsInfoLicensesAndImageFieldsBackAndItsOwnInfoOnlyWithout()
      throws Exception {
    Path out = dir.resolve("out.json");
    CocoInstances.write(streetThroughASavedProject().snapshot(), out, "street");
    var mapper = new ObjectMapper();
    var root = mapper.readTree(out.toFile());
    var orig = mapper.readTree(Fixtures.COCO_STREET);
    assertEquals(orig.get("info"), root.get("info"), "the file's info, not the export's own");
    assertEquals(orig.get("licenses"), root.get("licenses"));
    assertEquals(3, root.get("images").size());
    for (int i = 0; i < 3; i++) {
      for (String key : List.of("id", "file_name", "license", "date_captured", "coco_url",
          "flickr_url", "width", "height")) {
        // image 2 has no urls: none are made up for it
        assertEquals(orig.get("images").get(i).get(key), root.get("images").get(i).get(key),
            "images[" + i + "]." + key);
      }
    }

    // a COCO file without info or licenses gets the export's own info, and no licenses
    Path bare = dir.resolve("bare.json");
    Files.writeString(bare, Fixtures.COCO_STREET.replaceFirst("(?s)\\{\"info\".*?\"videos\"",
        "{\"videos\""));
    Path bareProject = dir.resolve("bare.masklet.json");
    ProjectFile.save(CocoInstances.read(bare), bareProject);
    Path bareOut = dir.resolve("bare_out.json");
    CocoInstances.write(ProjectFile.load(bareProject), bareOut, "street");
    var bareRoot = mapper.readTree(bareOut.toFile());
    assertEquals("Masklet Studio export of street",
        bareRoot.get("info").get("description").asText());
    assertNull(bareRoot.get("licenses"));
  }

  @Test
  void masksKeptSinceTheImportKeepTheirAnnotationIdsAndNewMasksGetFreshIdsAfterTheLargest()
      throws Exception {
    Annotation a = streetThroughASavedProject();
    // corrected: keeps its id; deleted: has no annotation; new ones: fresh ids
    a.setMask(1, 0, FrameMask.unscored(Fixtures.disc(8, 10, 4, 3, 2, 0), Provenance.EDITED));
    a.removeMask(1, 1);
    a.setMask(1, 2, FrameMask.unscored(Fixtures.disc(8, 10, 2, 5, 1, 0), Provenance.EDITED));
    int added = a.nextObjectId();
    assertEquals(4, added);
    a.putObject(new TrackedObject(added, "person", "#00ff00"));
    a.setMask(added, 1, FrameMask.unscored(Fixtures.disc(8, 10, 5, 4, 2, 0), Provenance.EDITED));
    Path out = dir.resolve("out.json");
    CocoInstances.write(a.snapshot(), out, "street");

    var anns = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    Map<String, Long> ids = new LinkedHashMap<>();
    anns.forEach((k, n) -> ids.put(k, n.get("id").asLong()));
    // written frame by frame; fresh ids follow the largest the file used (900100259690)
    assertEquals(Map.of("1:0", 501L, "2:0", 900100259690L, "4:1", 900100259691L,
        "1:2", 900100259692L, "3:2", 777L), ids);
    assertEquals(List.of("1:0", "2:0", "4:1", "1:2", "3:2"), List.copyOf(ids.keySet()));
  }

  @Test
  void aNewMaskNeverTakesTheIdOfAnAnnotationDeletedSinceTheImport() throws Exception {
    Path in = dir.resolve("kitchen.json");
    Files.writeString(in, Fixtures.COCO_KITCHEN);
    Path project = dir.resolve("kitchen.masklet.json");
    ProjectFile.save(CocoInstances.read(in), project);
    Annotation a = Annotation.of(ProjectFile.load(project));
    // plain COCO: annotation 2 became object 2; deleted, the largest kept id is 1
    a.removeObject(2);
    int cup = a.nextObjectId();
    a.putObject(new TrackedObject(cup, "cup", "#00ff00"));
    a.setMask(cup, 1, FrameMask.unscored(Fixtures.disc(8, 10, 4, 4, 2, 0), Provenance.EDITED));
    Path out = dir.resolve("out.json");
    CocoInstances.write(a.snapshot(), out, "kitchen");
    var ids = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    assertEquals(1, ids.get("1:0").get("id").asLong());
    assertEquals(3, ids.get(cup + ":1").get("id").asLong(), "not 2, the deleted annotation's");
  }

  @Test
  void aCrowdRegionStaysACrowdRegionThroughASavedProjectAndANewObjectDoesNotInheritIt()
      throws Exception {
    Annotation a = streetThroughASavedProject();
    assertEquals(TrackedObject.CrowdMarking.ALL, a.object(2).crowdMarking(),
        "a track that was a crowd wherever it appeared is a crowd object");
    assertEquals(TrackedObject.CrowdMarking.NONE, a.object(1).crowdMarking());
    // the crowd region corrected, and carried to the next frame: still a crowd region, with its
    // own id where it had one
    a.setMask(2, 0, FrameMask.unscored(Fixtures.disc(8, 10, 6, 4, 2, 0), Provenance.EDITED));
    a.setMask(2, 1, FrameMask.unscored(Fixtures.disc(8, 10, 6, 4, 2, 0), Provenance.EDITED));
    Path out = dir.resolve("out.json");
    CocoInstances.write(a.snapshot(), out, "street");
    var anns = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    assertEquals(1, anns.get("2:0").get("iscrowd").asInt());
    assertEquals(900100259690L, anns.get("2:0").get("id").asLong());
    assertEquals(1, anns.get("2:1").get("iscrowd").asInt(), "a crowd object's new mask");
    assertEquals(0, anns.get("1:0").get("iscrowd").asInt());
    // and read again, the crowd flags are still there
    assertEquals(List.of(new io.masklet.model.project.CocoObjectOrigin.FrameAnnotation(
        0, 900100259690L, true), new io.masklet.model.project.CocoObjectOrigin.FrameAnnotation(
        1, 900100259691L, true)),
        CocoInstances.read(out).objects().get(1).cocoAnnotations().annotations());

    // the crowd object deleted, a new object gets its id (2) and draws on frame 0: a fresh
    // annotation, not the deleted crowd region
    Annotation b = streetThroughASavedProject();
    b.removeObject(2);
    int added = b.nextObjectId();
    assertEquals(2, added);
    b.putObject(new TrackedObject(added, "person", "#00ff00"));
    b.setMask(added, 0, FrameMask.unscored(Fixtures.disc(8, 10, 6, 4, 2, 0), Provenance.EDITED));
    CocoInstances.write(b.snapshot(), out, "street");
    var again = annotationsByTrackAndFrame(new ObjectMapper().readTree(out.toFile()));
    assertEquals(0, again.get("2:0").get("iscrowd").asInt());
    assertEquals(900100259691L, again.get("2:0").get("id").asLong());
  }

  @Test
  void metadataOfAnotherTypeThanCocosIsLeftOutWhileTheRestOfTheInfoComesBack() throws Exception {
    // as CVAT writes it: an empty-string year, a numeric capture date
    Path in = dir.resolve("cvat.json");
    Files.writeString(in, """
        {"info": {"contributor": "", "date_created": "", "description": "cvat task",
                  "url": "", "version": "", "year": ""},
         "licenses": [{"name": "", "id": 0, "url": ""}],
         "images": [{"id": 1, "width": 10, "height": 8, "file_name": "a.jpg", "license": 0,
                     "flickr_url": "", "coco_url": "", "date_captured": 0}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "iscrowd": 0,
           "segmentation": [[2, 1, 6, 1, 6, 5, 2, 5]]}],
         "categories": [{"id": 1, "name": "box", "supercategory": ""}]}
        """);
    Path out = dir.resolve("out.json");
    CocoInstances.write(CocoInstances.read(in), out, "cvat");
    var mapper = new ObjectMapper();
    var root = mapper.readTree(out.toFile());
    assertEquals(mapper.readTree("""
        {"contributor": "", "date_created": "", "description": "cvat task", "url": "",
         "version": ""}"""), root.get("info"), "all but the year");
    assertEquals(mapper.readTree("[{\"name\": \"\", \"id\": 0, \"url\": \"\"}]"),
        root.get("licenses"));
    var image = root.get("images").get(0);
    assertEquals(0, image.get("license").asInt());
    assertEquals("", image.get("coco_url").asText());
    assertNull(image.get("date_captured"), "left out rather than made up");
  }

  @Test
  void anIscrowdOtherThan0Or1OrAnAnnotationIdThatIsNoIntegerIsAnErrorNamingFileAndField()
      throws Exception {
    Path f = dir.resolve("crowd.json");
    Files.writeString(f, Fixtures.COCO_STREET.replace("\"iscrowd\": 1", "\"iscrowd\": 2"));
    FormatException crowd = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(crowd.getMessage().contains("crowd.json: annotations[2].iscrowd: annotation id "
        + "900100259690: expected 0 or 1, found 2"), crowd.getMessage());
    Files.writeString(f, Fixtures.COCO_STREET.replace("\"id\": 777", "\"id\": \"777\""));
    FormatException id = assertThrows(FormatException.class, () -> CocoInstances.read(f));
    assertTrue(id.getMessage().contains("crowd.json: annotations[3].id: expected an integer, "
        + "found string"), id.getMessage());
  }
}
