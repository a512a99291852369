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
import java.util.List;
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
    assertEquals(p.objects(), back.objects());
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
}
