package io.masklet.model.project;

import static io.masklet.model.project.ProjectFile.COCO;
import static io.masklet.model.project.ProjectFile.SAV;
import static io.masklet.model.project.ProjectFileReader.checkFrame;

import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.model.io.FormatException;
import io.masklet.model.io.JsonReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a project file's optional {@code sav} and {@code coco} sections ({@link ProjectFile}),
 * where, unlike in the rest of the file, an unknown key is a fault too.
 */
final class OriginSections {
  private static final List<String> SAV_FIELDS = List.of("videoId", "videoDuration",
      "videoEnvironment", "videoSplit", "annotationStride", "masklets");
  private static final List<String> SAV_MASKLET_FIELDS = List.of("objectId", "type",
      "editedFrameCount", "stabilityScores", "maskDigests");
  private static final List<String> COCO_FIELDS = List.of("videoName", "info", "licenses",
      "largestAnnotationId", "categories", "images", "annotations");
  private static final List<String> COCO_INFO_FIELDS = List.of("year", "version",
      "description", "contributor", "url", "dateCreated");
  private static final List<String> COCO_LICENSE_FIELDS = List.of("id", "name", "url");
  private static final List<String> COCO_CATEGORY_FIELDS = List.of("id", "name",
      "supercategory");
  private static final List<String> COCO_IMAGE_FIELDS = List.of("frame", "id", "fileName",
      "license", "dateCaptured", "cocoUrl", "flickrUrl");
  private static final List<String> COCO_ANNOTATION_FIELDS = List.of("objectId", "frame", "id",
      "crowd");

  private OriginSections() {}

  /**
   * The {@code coco} section. Its {@code info}, {@code licenses}, {@code largestAnnotationId} and
   * {@code annotations}, and its images' {@code license}, {@code dateCaptured}, {@code cocoUrl}
   * and {@code flickrUrl}, came later than the rest: a section written before has none of them,
   * and reads as a file that had none (the export then writes its own info and numbers every
   * mask afresh, as it did). Where present they are read as strictly as the rest.
   */
  static CocoOrigin readCocoOrigin(JsonReading r, JsonNode coco, MediaSource source)
      throws FormatException {
    onlyKnownFields(r, coco, COCO, COCO_FIELDS);
    String videoName = nullableText(r, coco, "videoName", COCO);
    CocoOrigin.Info info = null;
    JsonNode in = r.optional(coco, "info");
    if (in != null) {
      String path = COCO + ".info";
      onlyKnownFields(r, in, path, COCO_INFO_FIELDS);
      info = new CocoOrigin.Info(nullableInteger(r, in, "year", path),
          nullableText(r, in, "version", path), nullableText(r, in, "description", path),
          nullableText(r, in, "contributor", path), nullableText(r, in, "url", path),
          nullableText(r, in, "dateCreated", path));
    }
    List<CocoOrigin.License> licenses = null;
    if (r.optional(coco, "licenses") != null) {
      licenses = new ArrayList<>();
      JsonNode ls = r.array(coco, "licenses", COCO);
      for (int i = 0; i < ls.size(); i++) {
        String path = COCO + ".licenses[" + i + "]";
        JsonNode l = ls.get(i);
        onlyKnownFields(r, l, path, COCO_LICENSE_FIELDS);
        licenses.add(new CocoOrigin.License(nullableInteger(r, l, "id", path),
            nullableText(r, l, "name", path), nullableText(r, l, "url", path)));
      }
    }
    long largestAnnotationId = 0;
    JsonNode largest = r.optional(coco, "largestAnnotationId");
    if (largest != null) {
      largestAnnotationId = r.asLong(largest, COCO + ".largestAnnotationId");
      if (largestAnnotationId < 0) {
        throw r.error(COCO + ".largestAnnotationId", "must be >= 0, got " + largestAnnotationId);
      }
    }
    List<CocoOrigin.Category> categories = new ArrayList<>();
    JsonNode cs = r.array(coco, "categories", COCO);
    for (int i = 0; i < cs.size(); i++) {
      String path = COCO + ".categories[" + i + "]";
      JsonNode c = cs.get(i);
      onlyKnownFields(r, c, path, COCO_CATEGORY_FIELDS);
      categories.add(new CocoOrigin.Category(r.integer(c, "id", path), r.text(c, "name", path),
          nullableText(r, c, "supercategory", path)));
    }
    List<CocoOrigin.Image> images = new ArrayList<>();
    JsonNode is = r.array(coco, "images", COCO);
    for (int i = 0; i < is.size(); i++) {
      String path = COCO + ".images[" + i + "]";
      JsonNode im = is.get(i);
      onlyKnownFields(r, im, path, COCO_IMAGE_FIELDS);
      int frame = r.integer(im, "frame", path);
      checkFrame(r, source, frame, path);
      int id = r.integer(im, "id", path);
      String fileName = nullableText(r, im, "fileName", path);
      // all four, or none as in a section written before they were kept
      boolean later = im.has("license") || im.has("dateCaptured") || im.has("cocoUrl")
          || im.has("flickrUrl");
      images.add(later
          ? new CocoOrigin.Image(frame, id, fileName, nullableInteger(r, im, "license", path),
              nullableText(r, im, "dateCaptured", path), nullableText(r, im, "cocoUrl", path),
              nullableText(r, im, "flickrUrl", path))
          : new CocoOrigin.Image(frame, id, fileName));
    }
    try {
      return new CocoOrigin(videoName, info, licenses, largestAnnotationId, categories, images);
    } catch (IllegalArgumentException e) {
      throw r.error(COCO, e.getMessage());
    }
  }

  /**
   * {@code objects} with the {@code coco.annotations} entries put on the objects they name;
   * {@code annotations} holds the entries when the key holds an array, as read while the file
   * streamed by.
   */
  static List<TrackedObject> withCocoAnnotations(JsonReading r, JsonNode coco,
      CocoAnnotations annotations, List<TrackedObject> objects) throws FormatException {
    if (r.optional(coco, "annotations") == null) {
      return objects; // a section written before annotation ids were kept
    }
    r.array(coco, "annotations", COCO);
    return annotations.putOn(objects);
  }

  /**
   * The {@code coco.annotations} entries, read one at a time ({@link #read}): there is one per
   * kept mask, as many as a long video has masks, too many to hold as a tree.
   */
  static final class CocoAnnotations {
    private final JsonReading r;
    private final Set<Integer> objectIds;
    private final MediaSource source;
    private final Map<Integer, TreeMap<Integer, CocoObjectOrigin.FrameAnnotation>> byObject =
        new HashMap<>();
    /** Which entry has each id; its path is spelt out only when a second entry has that id. */
    private final Map<Long, Integer> entryOfId = new HashMap<>();
    private FormatException fault;

    CocoAnnotations(JsonReading r, Set<Integer> objectIds, MediaSource source) {
      this.r = r;
      this.objectIds = objectIds;
      this.source = source;
    }

    /** Entry {@code i}. */
    void read(int i, JsonNode a) throws FormatException {
      String path = path(i);
      onlyKnownFields(r, a, path, COCO_ANNOTATION_FIELDS);
      int objectId = r.integer(a, "objectId", path);
      if (!objectIds.contains(objectId)) {
        throw r.error(path + ".objectId", "no object with id " + objectId);
      }
      int frame = r.integer(a, "frame", path);
      checkFrame(r, source, frame, path);
      if (!a.has("id")) {
        throw r.error(path + ".id", "missing (null when the file gave none)");
      }
      JsonNode idNode = r.optional(a, "id");
      Long id = idNode == null ? null : r.asLong(idNode, path + ".id");
      if (id != null && entryOfId.putIfAbsent(id, i) != null) {
        // two masks written with one id would be one annotation to a training pipeline
        throw r.error(path + ".id", "annotation id " + id + " is kept for "
            + path(entryOfId.get(id)) + " too");
      }
      CocoObjectOrigin.FrameAnnotation entry = new CocoObjectOrigin.FrameAnnotation(frame, id,
          r.bool(a, "crowd", path));
      if (byObject.computeIfAbsent(objectId, k -> new TreeMap<>()).put(frame, entry) != null) {
        throw r.error(path + ".frame", "object " + objectId + " has two COCO annotations on "
            + "frame " + frame);
      }
    }

    /** The first fault among the entries, which ended their reading; putOn reports it. */
    void stoppedBy(FormatException fault) {
      this.fault = fault;
    }

    private static String path(int i) {
      return COCO + ".annotations[" + i + "]";
    }

    /** {@code objects} with the entries read put on the objects they name. */
    List<TrackedObject> putOn(List<TrackedObject> objects) throws FormatException {
      if (fault != null) {
        throw fault;
      }
      List<TrackedObject> out = new ArrayList<>(objects.size());
      for (TrackedObject o : objects) {
        TreeMap<Integer, CocoObjectOrigin.FrameAnnotation> kept = byObject.get(o.id());
        out.add(kept == null ? o : new TrackedObject(o.id(), o.label(), o.color(),
            new CocoObjectOrigin(List.copyOf(kept.values())), o.crowd()));
      }
      return out;
    }
  }

  /** A key that must be present and holds an integer or null. */
  private static Integer nullableInteger(JsonReading r, JsonNode obj, String key, String path)
      throws FormatException {
    if (!obj.has(key)) {
      throw r.error(JsonReading.join(path, key), "missing (null when there is none)");
    }
    JsonNode v = obj.get(key);
    return v.isNull() ? null : r.asInt(v, JsonReading.join(path, key));
  }

  /** A key that must be present and holds a string or null. */
  private static String nullableText(JsonReading r, JsonNode obj, String key, String path)
      throws FormatException {
    if (!obj.has(key)) {
      throw r.error(JsonReading.join(path, key), "missing (null when there is none)");
    }
    JsonNode v = obj.get(key);
    if (v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw r.error(JsonReading.join(path, key), "expected a string or null, found "
          + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return v.asText();
  }

  /** The {@code sav} section's video-level fields. */
  static SavOrigin readSavOrigin(JsonReading r, JsonNode sav)
      throws FormatException {
    onlyKnownFields(r, sav, SAV, SAV_FIELDS);
    try {
      return new SavOrigin(r.text(sav, "videoId", SAV), r.number(sav, "videoDuration", SAV),
          r.text(sav, "videoEnvironment", SAV), r.text(sav, "videoSplit", SAV),
          r.integer(sav, "annotationStride", SAV));
    } catch (IllegalArgumentException e) {
      throw r.error(SAV, e.getMessage());
    }
  }

  /** {@code objects} with the {@code sav.masklets} entries put on the objects they name. */
  static List<TrackedObject> withSavMasklets(JsonReading r, JsonNode sav,
      List<TrackedObject> objects, SavOrigin origin, MediaSource source)
      throws FormatException {
    int annotatedFrames = (source.frameCount() + origin.annotationStride() - 1)
        / origin.annotationStride();
    Map<Integer, SavMaskletOrigin> byObject = new HashMap<>();
    JsonNode ms = r.array(sav, "masklets", SAV);
    for (int i = 0; i < ms.size(); i++) {
      String path = SAV + ".masklets[" + i + "]";
      JsonNode m = ms.get(i);
      onlyKnownFields(r, m, path, SAV_MASKLET_FIELDS);
      int objectId = r.integer(m, "objectId", path);
      if (objects.stream().noneMatch(o -> o.id() == objectId)) {
        throw r.error(path + ".objectId", "no object with id " + objectId);
      }
      List<Double> scores = null;
      if (!m.has("stabilityScores")) {
        throw r.error(path + ".stabilityScores", "missing (null when the masklet has none)");
      }
      JsonNode s = r.optional(m, "stabilityScores");
      if (s != null) {
        if (!s.isArray()) {
          throw r.error(path + ".stabilityScores", "expected null or an array of numbers");
        }
        scores = new ArrayList<>();
        for (int j = 0; j < s.size(); j++) {
          if (!s.get(j).isNumber()) {
            throw r.error(path + ".stabilityScores[" + j + "]", "expected a number, found "
                + s.get(j));
          }
          scores.add(s.get(j).doubleValue());
        }
      }
      JsonNode ds = r.array(m, "maskDigests", path);
      if (ds.size() > annotatedFrames) {
        throw r.error(path + ".maskDigests", "has " + ds.size() + " entries but the media has "
            + annotatedFrames + " annotated frames (" + source.frameCount()
            + " frames, annotation stride " + origin.annotationStride() + ")");
      }
      List<String> digests = new ArrayList<>(ds.size());
      for (int j = 0; j < ds.size(); j++) {
        if (!ds.get(j).isTextual()) {
          throw r.error(path + ".maskDigests[" + j + "]", "expected a string, found "
              + ds.get(j));
        }
        digests.add(ds.get(j).asText());
      }
      SavMaskletOrigin entry;
      try {
        entry = new SavMaskletOrigin(r.text(m, "type", path),
            r.integer(m, "editedFrameCount", path), scores, digests);
      } catch (IllegalArgumentException e) {
        throw r.error(path, e.getMessage());
      }
      if (byObject.put(objectId, entry) != null) {
        throw r.error(path + ".objectId", "object " + objectId + " has two SA-V masklet entries");
      }
    }
    List<TrackedObject> out = new ArrayList<>(objects.size());
    for (TrackedObject o : objects) {
      out.add(new TrackedObject(o.id(), o.label(), o.color(), byObject.get(o.id()), o.crowd()));
    }
    return out;
  }

  /**
   * Refuses a key this build does not know in the {@code sav} and {@code coco} sections: a
   * misspelt field would otherwise be dropped without a word and the export would write a
   * default in its place.
   */
  private static void onlyKnownFields(JsonReading r, JsonNode obj, String path,
      List<String> known) throws FormatException {
    if (!obj.isObject()) {
      throw r.error(path, "expected an object, found " + obj.getNodeType().name()
          .toLowerCase(java.util.Locale.ROOT));
    }
    for (var names = obj.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw r.error(JsonReading.join(path, name), "unknown field (" + path + " holds "
            + String.join(", ", known) + ")");
      }
    }
  }
}
