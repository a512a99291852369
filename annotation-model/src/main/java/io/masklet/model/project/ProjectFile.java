package io.masklet.model.project;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.io.FormatException;
import io.masklet.model.io.JsonReading;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The project file ({@code *.masklet.json}): a JSON object with {@code "format":
 * "masklet-project"}, {@code "version"}, then {@code source}, {@code objects}, {@code masklets}
 * (per-frame COCO RLE with provenance and object score), {@code prompts} and {@code log}, and
 * for a project converted from an SA-V file a {@code sav} section ({@link SavOrigin}, and per
 * object its {@link SavMaskletOrigin} under {@code sav.masklets}), or from a COCO file a
 * {@code coco} section ({@link CocoOrigin}, and per object its {@link CocoObjectOrigin} under
 * {@code coco.annotations}, one entry per kept annotation). Files without these sections (every
 * project before they existed) read as projects without origin. Saving is atomic; loading
 * checks every field and reports the first fault with its JSON path; in the two sections an
 * unknown key is a fault too.
 */
public final class ProjectFile {
  public static final String FORMAT = "masklet-project";
  /**
   * The version written for a project with a {@code sav} or {@code coco} section: a build that
   * reads only {@link #VERSION_WITHOUT_ORIGIN} then refuses the file instead of opening it and
   * dropping the section on its next save.
   */
  public static final int VERSION = 2;
  /** The version of a project without origin, which every build reads alike. */
  public static final int VERSION_WITHOUT_ORIGIN = 1;
  /**
   * The version written for a project with a crowd object ({@link TrackedObject#crowd()}, key
   * {@code "crowd": true} on the object): a build that does not know the key would otherwise
   * open the file and drop the marking on its next save.
   */
  public static final int VERSION_WITH_CROWDS = 3;
  /** The optional section holding {@link SavOrigin} and the objects' {@link SavMaskletOrigin}. */
  private static final String SAV = "sav";
  private static final List<String> SAV_FIELDS = List.of("videoId", "videoDuration",
      "videoEnvironment", "videoSplit", "annotationStride", "masklets");
  private static final List<String> SAV_MASKLET_FIELDS = List.of("objectId", "type",
      "editedFrameCount", "stabilityScores", "maskDigests");
  /** The optional section holding {@link CocoOrigin}. */
  private static final String COCO = "coco";
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
  private static final JsonFactory JSON = new JsonFactory();

  private ProjectFile() {}

  /** Writes {@code project} to {@code file} atomically (temp file, fsync, rename). */
  public static void save(Project project, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        write(project, g);
      }
    });
  }

  /** The lowest version that holds everything {@code p} has. */
  static int versionFor(Project p) {
    if (p.objects().stream().anyMatch(TrackedObject::crowd)) {
      return VERSION_WITH_CROWDS;
    }
    return p.origin() == null ? VERSION_WITHOUT_ORIGIN : VERSION;
  }

  private static void write(Project p, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("format", FORMAT);
    g.writeNumberField("version", versionFor(p));
    MediaSource s = p.source();
    g.writeObjectFieldStart("source");
    g.writeStringField("kind", s.kind().name());
    g.writeStringField("location", s.location());
    g.writeNumberField("frameCount", s.frameCount());
    g.writeNumberField("fps", s.fps());
    g.writeNumberField("width", s.width());
    g.writeNumberField("height", s.height());
    g.writeEndObject();

    g.writeArrayFieldStart("objects");
    for (TrackedObject o : p.objects()) {
      g.writeStartObject();
      g.writeNumberField("id", o.id());
      g.writeStringField("label", o.label());
      g.writeStringField("color", o.color());
      if (o.crowd()) {
        g.writeBooleanField("crowd", true);
      }
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("masklets");
    for (Masklet m : p.masklets()) {
      g.writeStartObject();
      g.writeNumberField("objectId", m.objectId());
      g.writeArrayFieldStart("frames");
      for (var e : m.frames().entrySet()) {
        FrameMask fm = e.getValue();
        g.writeStartObject();
        g.writeNumberField("frame", e.getKey());
        writeRleFields(fm.rle(), g);
        g.writeStringField("provenance", fm.provenance().name());
        if (fm.hasScore()) {
          g.writeNumberField("objectScore", fm.objectScore());
        } else {
          g.writeNullField("objectScore");
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("prompts");
    for (Prompt pr : p.prompts()) {
      g.writeStartObject();
      g.writeNumberField("frame", pr.frame());
      g.writeNumberField("objectId", pr.objectId());
      g.writeArrayFieldStart("points");
      for (PointPrompt pt : pr.points()) {
        g.writeStartObject();
        g.writeNumberField("x", pt.x());
        g.writeNumberField("y", pt.y());
        g.writeBooleanField("positive", pt.positive());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (pr.box() != null) {
        g.writeArrayFieldStart("box");
        g.writeNumber(pr.box().x0());
        g.writeNumber(pr.box().y0());
        g.writeNumber(pr.box().x1());
        g.writeNumber(pr.box().y1());
        g.writeEndArray();
      } else {
        g.writeNullField("box");
      }
      if (pr.mask() != null) {
        g.writeObjectFieldStart("mask");
        writeRleFields(pr.mask(), g);
        g.writeEndObject();
      } else {
        g.writeNullField("mask");
      }
      g.writeEndObject();
    }
    g.writeEndArray();

    g.writeArrayFieldStart("log");
    for (InteractionEvent ev : p.log()) {
      g.writeStartObject();
      g.writeStringField("time", ev.time().toString());
      g.writeNumberField("frame", ev.frame());
      g.writeNumberField("objectId", ev.objectId());
      g.writeStringField("action", ev.action().name());
      g.writeStringField("detail", ev.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
    // last, so that a project without origin is written exactly as before the sections existed
    if (p.savOrigin() != null) {
      writeSav(p, g);
    }
    if (p.cocoOrigin() != null) {
      writeCoco(p, g);
    }
    g.writeEndObject();
  }

  /** The {@code sav} section. */
  private static void writeSav(Project p, JsonGenerator g) throws IOException {
    SavOrigin o = p.savOrigin();
    g.writeObjectFieldStart(SAV);
    g.writeStringField("videoId", o.videoId());
    g.writeNumberField("videoDuration", o.videoDuration());
    g.writeStringField("videoEnvironment", o.videoEnvironment());
    g.writeStringField("videoSplit", o.videoSplit());
    g.writeNumberField("annotationStride", o.annotationStride());
    g.writeArrayFieldStart("masklets");
    for (TrackedObject t : p.objects()) {
      SavMaskletOrigin m = t.savMasklet();
      if (m == null) {
        continue;
      }
      g.writeStartObject();
      g.writeNumberField("objectId", t.id());
      g.writeStringField("type", m.type());
      g.writeNumberField("editedFrameCount", m.editedFrameCount());
      if (m.stabilityScores() == null) {
        g.writeNullField("stabilityScores");
      } else {
        g.writeArrayFieldStart("stabilityScores");
        for (double d : m.stabilityScores()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("maskDigests");
      for (String d : m.maskDigests()) {
        g.writeString(d);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The {@code coco} section. */
  private static void writeCoco(Project p, JsonGenerator g) throws IOException {
    CocoOrigin o = p.cocoOrigin();
    g.writeObjectFieldStart(COCO);
    writeNullable(g, "videoName", o.videoName());
    CocoOrigin.Info info = o.info();
    if (info == null) {
      g.writeNullField("info");
    } else {
      g.writeObjectFieldStart("info");
      writeNullable(g, "year", info.year());
      writeNullable(g, "version", info.version());
      writeNullable(g, "description", info.description());
      writeNullable(g, "contributor", info.contributor());
      writeNullable(g, "url", info.url());
      writeNullable(g, "dateCreated", info.dateCreated());
      g.writeEndObject();
    }
    if (o.licenses() == null) {
      g.writeNullField("licenses");
    } else {
      g.writeArrayFieldStart("licenses");
      for (CocoOrigin.License l : o.licenses()) {
        g.writeStartObject();
        writeNullable(g, "id", l.id());
        writeNullable(g, "name", l.name());
        writeNullable(g, "url", l.url());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeNumberField("largestAnnotationId", o.largestAnnotationId());
    g.writeArrayFieldStart("categories");
    for (CocoOrigin.Category c : o.categories()) {
      g.writeStartObject();
      g.writeNumberField("id", c.id());
      g.writeStringField("name", c.name());
      writeNullable(g, "supercategory", c.supercategory());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("images");
    for (CocoOrigin.Image i : o.images()) {
      g.writeStartObject();
      g.writeNumberField("frame", i.frame());
      g.writeNumberField("id", i.id());
      writeNullable(g, "fileName", i.fileName());
      writeNullable(g, "license", i.license());
      writeNullable(g, "dateCaptured", i.dateCaptured());
      writeNullable(g, "cocoUrl", i.cocoUrl());
      writeNullable(g, "flickrUrl", i.flickrUrl());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("annotations");
    for (TrackedObject t : p.objects()) {
      if (t.cocoAnnotations() == null) {
        continue;
      }
      for (CocoObjectOrigin.FrameAnnotation a : t.cocoAnnotations().annotations()) {
        g.writeStartObject();
        g.writeNumberField("objectId", t.id());
        g.writeNumberField("frame", a.frame());
        if (a.id() == null) {
          g.writeNullField("id");
        } else {
          g.writeNumberField("id", a.id());
        }
        g.writeBooleanField("crowd", a.crowd());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeNullable(JsonGenerator g, String key, String value)
      throws IOException {
    if (value == null) {
      g.writeNullField(key);
    } else {
      g.writeStringField(key, value);
    }
  }

  private static void writeNullable(JsonGenerator g, String key, Integer value)
      throws IOException {
    if (value == null) {
      g.writeNullField(key);
    } else {
      g.writeNumberField(key, value);
    }
  }

  /** Writes {@code "size": [h, w], "counts": "..."} into the current object. */
  public static void writeRleFields(Rle rle, JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("size");
    g.writeNumber(rle.height());
    g.writeNumber(rle.width());
    g.writeEndArray();
    g.writeStringField("counts", rle.toCompressedString());
  }

  /** Reads a project file; any fault is a {@link FormatException} naming file and position. */
  public static Project load(Path file) throws IOException {
    JsonReading r = new JsonReading(file);
    JsonNode root = r.parse();
    if (!root.isObject()) {
      throw r.error("", "not a Masklet project (top level is not an object)");
    }
    JsonNode fmt = root.get("format");
    if (fmt == null || !FORMAT.equals(fmt.asText())) {
      throw r.error("format", "not a Masklet project (expected \"format\": \"" + FORMAT + "\")");
    }
    int version = r.integer(root, "version", "");
    if (version < VERSION_WITHOUT_ORIGIN || version > VERSION_WITH_CROWDS) {
      throw r.error("version", "unsupported project version " + version + " (this build reads "
          + VERSION_WITHOUT_ORIGIN + " to " + VERSION_WITH_CROWDS + ")");
    }
    try {
      Project p = read(r, root);
      return version < VERSION_WITH_CROWDS ? withCrowdsAsImported(p) : p;
    } catch (IllegalArgumentException e) {
      throw r.error("", e.getMessage());
    }
  }

  /**
   * {@code p}, saved before objects had a crowd marking, with the marking its COCO import would
   * give it now: a track whose every mask had a crowd annotation is a crowd object.
   */
  private static Project withCrowdsAsImported(Project p) {
    if (p.cocoOrigin() == null) {
      return p;
    }
    Map<Integer, Masklet> byObject = new HashMap<>();
    p.masklets().forEach(m -> byObject.put(m.objectId(), m));
    List<TrackedObject> objects = new ArrayList<>(p.objects().size());
    for (TrackedObject o : p.objects()) {
      Masklet m = byObject.get(o.id());
      boolean crowd = o.cocoAnnotations() != null && m != null
          && o.cocoAnnotations().crowdOnEvery(m.frames().keySet());
      objects.add(crowd ? new TrackedObject(o.id(), o.label(), o.color(), o.origin(), true) : o);
    }
    return new Project(p.source(), objects, p.masklets(), p.prompts(), p.log(), p.origin());
  }

  private static Project read(JsonReading r, JsonNode root) throws FormatException {
    JsonNode s = r.field(root, "source", "");
    MediaSource source;
    try {
      source = new MediaSource(r.enumValue(s, "kind", "source", MediaSource.Kind.class),
          r.text(s, "location", "source"), r.integer(s, "frameCount", "source"),
          r.number(s, "fps", "source"), r.integer(s, "width", "source"),
          r.integer(s, "height", "source"));
    } catch (IllegalArgumentException e) {
      throw r.error("source", e.getMessage());
    }

    List<TrackedObject> objects = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    JsonNode objs = r.array(root, "objects", "");
    for (int i = 0; i < objs.size(); i++) {
      String path = "objects[" + i + "]";
      JsonNode o = objs.get(i);
      int id = r.integer(o, "id", path);
      if (!ids.add(id)) {
        throw r.error(path + ".id", "duplicate object id " + id);
      }
      try {
        boolean crowd = r.optional(o, "crowd") != null && r.bool(o, "crowd", path);
        objects.add(new TrackedObject(id, r.text(o, "label", path), r.text(o, "color", path),
            null, crowd));
      } catch (IllegalArgumentException e) {
        throw r.error(path, e.getMessage());
      }
    }

    List<Masklet> masklets = new ArrayList<>();
    JsonNode ms = r.array(root, "masklets", "");
    for (int i = 0; i < ms.size(); i++) {
      String path = "masklets[" + i + "]";
      JsonNode m = ms.get(i);
      int objectId = r.integer(m, "objectId", path);
      if (!ids.contains(objectId)) {
        throw r.error(path + ".objectId", "no object with id " + objectId);
      }
      TreeMap<Integer, FrameMask> frames = new TreeMap<>();
      JsonNode fs = r.array(m, "frames", path);
      for (int j = 0; j < fs.size(); j++) {
        String fp = path + ".frames[" + j + "]";
        JsonNode f = fs.get(j);
        int frame = r.integer(f, "frame", fp);
        checkFrame(r, source, frame, fp);
        Rle rle = r.rle(f, fp);
        checkSize(r, source, rle, fp);
        Provenance prov = r.enumValue(f, "provenance", fp, Provenance.class);
        JsonNode score = r.optional(f, "objectScore");
        double objectScore = score == null ? Double.NaN : r.number(f, "objectScore", fp);
        if (frames.put(frame, new FrameMask(rle, prov, objectScore)) != null) {
          throw r.error(fp + ".frame", "frame " + frame + " appears twice for object " + objectId);
        }
      }
      masklets.add(new Masklet(objectId, frames));
    }

    List<Prompt> prompts = new ArrayList<>();
    JsonNode ps = r.array(root, "prompts", "");
    for (int i = 0; i < ps.size(); i++) {
      String path = "prompts[" + i + "]";
      JsonNode p = ps.get(i);
      int frame = r.integer(p, "frame", path);
      checkFrame(r, source, frame, path);
      int objectId = r.integer(p, "objectId", path);
      if (!ids.contains(objectId)) {
        throw r.error(path + ".objectId", "no object with id " + objectId);
      }
      List<PointPrompt> points = new ArrayList<>();
      JsonNode pts = r.array(p, "points", path);
      for (int j = 0; j < pts.size(); j++) {
        String pp = path + ".points[" + j + "]";
        JsonNode pt = pts.get(j);
        points.add(new PointPrompt(r.number(pt, "x", pp), r.number(pt, "y", pp),
            r.bool(pt, "positive", pp)));
      }
      BoxPrompt box = null;
      JsonNode b = r.optional(p, "box");
      if (b != null) {
        if (!b.isArray() || b.size() != 4 || !b.get(0).isNumber() || !b.get(1).isNumber()
            || !b.get(2).isNumber() || !b.get(3).isNumber()) {
          throw r.error(path + ".box", "expected [x0, y0, x1, y1]");
        }
        try {
          box = new BoxPrompt(b.get(0).doubleValue(), b.get(1).doubleValue(),
              b.get(2).doubleValue(), b.get(3).doubleValue());
        } catch (IllegalArgumentException e) {
          throw r.error(path + ".box", e.getMessage());
        }
      }
      Rle mask = null;
      JsonNode mk = r.optional(p, "mask");
      if (mk != null) {
        mask = r.rle(mk, path + ".mask");
        checkSize(r, source, mask, path + ".mask");
      }
      try {
        prompts.add(new Prompt(frame, objectId, points, box, mask));
      } catch (IllegalArgumentException e) {
        throw r.error(path, e.getMessage());
      }
    }

    List<InteractionEvent> log = new ArrayList<>();
    JsonNode ls = r.array(root, "log", "");
    for (int i = 0; i < ls.size(); i++) {
      String path = "log[" + i + "]";
      JsonNode e = ls.get(i);
      Instant time;
      try {
        time = Instant.parse(r.text(e, "time", path));
      } catch (DateTimeParseException ex) {
        throw r.error(path + ".time", "not an ISO-8601 instant: " + ex.getParsedString());
      }
      JsonNode detail = r.optional(e, "detail");
      log.add(new InteractionEvent(time, r.integer(e, "frame", path),
          r.integer(e, "objectId", path),
          r.enumValue(e, "action", path, InteractionEvent.Action.class),
          detail == null ? "" : detail.asText()));
    }
    ImportOrigin origin = null;
    JsonNode sav = r.optional(root, SAV);
    JsonNode coco = r.optional(root, COCO);
    if (sav != null && coco != null) {
      throw r.error(COCO, "a project comes from one file, but this one has both an SA-V (sav) "
          + "and a COCO (coco) section");
    }
    if (sav != null) {
      SavOrigin savOrigin = readSavOrigin(r, sav);
      objects = withSavMasklets(r, sav, objects, savOrigin, source);
      origin = savOrigin;
    } else if (coco != null) {
      origin = readCocoOrigin(r, coco, source);
      objects = withCocoAnnotations(r, coco, objects, source);
    }
    return new Project(source, objects, masklets, prompts, log, origin);
  }

  /**
   * The {@code coco} section. Its {@code info}, {@code licenses}, {@code largestAnnotationId} and
   * {@code annotations}, and its images' {@code license}, {@code dateCaptured}, {@code cocoUrl}
   * and {@code flickrUrl}, came later than the rest: a section written before has none of them,
   * and reads as a file that had none (the export then writes its own info and numbers every
   * mask afresh, as it did). Where present they are read as strictly as the rest.
   */
  private static CocoOrigin readCocoOrigin(JsonReading r, JsonNode coco, MediaSource source)
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

  /** {@code objects} with the {@code coco.annotations} entries put on the objects they name. */
  private static List<TrackedObject> withCocoAnnotations(JsonReading r, JsonNode coco,
      List<TrackedObject> objects, MediaSource source) throws FormatException {
    if (r.optional(coco, "annotations") == null) {
      return objects; // a section written before annotation ids were kept
    }
    Set<Integer> objectIds = new HashSet<>();
    objects.forEach(o -> objectIds.add(o.id()));
    Map<Integer, TreeMap<Integer, CocoObjectOrigin.FrameAnnotation>> byObject = new HashMap<>();
    Map<Long, String> pathOfId = new HashMap<>();
    JsonNode as = r.array(coco, "annotations", COCO);
    for (int i = 0; i < as.size(); i++) {
      String path = COCO + ".annotations[" + i + "]";
      JsonNode a = as.get(i);
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
      if (id != null && pathOfId.putIfAbsent(id, path) != null) {
        // two masks written with one id would be one annotation to a training pipeline
        throw r.error(path + ".id", "annotation id " + id + " is kept for "
            + pathOfId.get(id) + " too");
      }
      CocoObjectOrigin.FrameAnnotation entry = new CocoObjectOrigin.FrameAnnotation(frame, id,
          r.bool(a, "crowd", path));
      if (byObject.computeIfAbsent(objectId, k -> new TreeMap<>()).put(frame, entry) != null) {
        throw r.error(path + ".frame", "object " + objectId + " has two COCO annotations on "
            + "frame " + frame);
      }
    }
    List<TrackedObject> out = new ArrayList<>(objects.size());
    for (TrackedObject o : objects) {
      TreeMap<Integer, CocoObjectOrigin.FrameAnnotation> kept = byObject.get(o.id());
      out.add(kept == null ? o : new TrackedObject(o.id(), o.label(), o.color(),
          new CocoObjectOrigin(List.copyOf(kept.values())), o.crowd()));
    }
    return out;
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
  private static SavOrigin readSavOrigin(JsonReading r, JsonNode sav)
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
  private static List<TrackedObject> withSavMasklets(JsonReading r, JsonNode sav,
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

  private static void checkFrame(JsonReading r, MediaSource s, int frame, String path)
      throws FormatException {
    if (frame < 0 || frame >= s.frameCount()) {
      throw r.error(path + ".frame", "frame " + frame + " outside the media's 0.."
          + (s.frameCount() - 1));
    }
  }

  private static void checkSize(JsonReading r, MediaSource s, Rle rle, String path)
      throws FormatException {
    if (rle.height() != s.height() || rle.width() != s.width()) {
      throw r.error(path + ".size", "mask size [" + rle.height() + ", " + rle.width()
          + "] differs from the media's [" + s.height() + ", " + s.width() + "]");
    }
  }
}
