package io.masklet.model.project;

import static io.masklet.model.project.ProjectFile.COCO;
import static io.masklet.model.project.ProjectFile.FORMAT;
import static io.masklet.model.project.ProjectFile.SAV;
import static io.masklet.model.project.ProjectFile.VERSION_WITHOUT_ORIGIN;
import static io.masklet.model.project.ProjectFile.VERSION_WITH_CROWDS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.masklet.model.io.FormatException;
import io.masklet.model.io.JsonReading;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
 * Reads a project file ({@link ProjectFile#load}) token by token, holding at most one small
 * element as a tree at a time (an object, one frame of a masklet, a prompt, a log entry, a COCO
 * annotation): a long video's file is hundreds of megabytes of masks, and read as one tree it
 * took about twice the heap of the project it gave. The {@code sav} section (a few fields per
 * object and an 8-digit checksum per mask) and the {@code coco} section but its annotations (a
 * few fields per frame) are small beside the masks and are read as trees.
 *
 * <p>It reports the fault the whole-tree reader reported, which parsed the file before checking
 * it: a syntax error anywhere comes first, then the first fault in the order format, version,
 * source, objects, masklets, prompts, log, origin section. So each field keeps its first fault
 * while the rest of the file is read, and the faults are weighed at the end. A key given twice
 * counts with its last value, as in a tree.
 *
 * <p>Masklets, prompts and COCO annotations are checked against the source and the objects, and
 * a file that {@link ProjectFile#save} wrote has those before them. A hand-edited file that has
 * them after (or gives one of them again after) is read a second time for those fields once the
 * source and objects are known, rather than holding the fields as trees until then.
 */
final class ProjectFileReader {
  /** Masklets, prompts and the {@code coco} section: read once source and objects are known. */
  private static final Set<String> DEPENDENT = Set.of("masklets", "prompts", COCO);

  private final JsonReading r;
  /**
   * The top-level fields as the checks see them: format, version, source and the sections
   * read as trees, and for a field read element by element a stand-in of its JSON type (an
   * empty array for an array), so that the checks for a missing field or one of the wrong type
   * give the same errors as on the whole tree.
   */
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  /** The source as it stands so far, or {@code null} when absent or faulty. */
  private MediaSource source;
  private Read<List<TrackedObject>> objects;
  private Set<Integer> ids;
  private Read<List<Masklet>> masklets;
  private Read<List<Prompt>> prompts;
  private Read<List<InteractionEvent>> log;
  /** The {@code coco.annotations} entries, when {@code coco} is an object and they an array. */
  private OriginSections.CocoAnnotations cocoAnnotations;
  /** The file's version, once checkHead has read it. */
  private int version;
  private boolean dependentSeen;
  private boolean secondPassNeeded;
  private boolean secondPass;

  private ProjectFileReader(JsonReading r) {
    this.r = r;
  }

  static Project read(Path file) throws IOException {
    JsonReading r = new JsonReading(file);
    ProjectFileReader reader = new ProjectFileReader(r);
    // one channel for both passes: a save renaming a new file over this one in between does
    // not mix two versions
    try (FileChannel channel = r.openChannel()) {
      reader.pass(channel);
      reader.checkHead(); // its faults come before any the second pass could find
      if (reader.secondPassNeeded) {
        reader.secondPass = true;
        reader.masklets = null;
        reader.prompts = null;
        reader.cocoAnnotations = null;
        reader.pass(channel.position(0));
      }
      return reader.project();
    } catch (JsonProcessingException e) {
      throw r.syntaxError(e);
    } catch (IllegalArgumentException e) {
      throw r.error("", e.getMessage());
    }
  }

  /** One pass over the file, reading every field the pass is for. */
  private void pass(FileChannel channel) throws IOException {
    try (JsonParser p = r.parser(Channels.newInputStream(channel))) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw r.emptyFile();
      }
      if (first != JsonToken.START_OBJECT) {
        p.skipChildren();
        r.expectEnd(p); // a syntax error comes first
        throw r.error("", "not a Masklet project (top level is not an object)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        if (secondPass && !DEPENDENT.contains(key)) {
          p.skipChildren();
        } else {
          field(p, key);
        }
      }
      r.expectEnd(p);
    }
  }

  /** The top-level field {@code key}, its value at {@code p}; leaves p on the value's end. */
  private void field(JsonParser p, String key) throws IOException {
    if (DEPENDENT.contains(key)) {
      dependentSeen = true;
      if (source == null || objects == null || objects.fault() != null) {
        // checked against source and objects, which come later (or are faulty, and
        // reported before this field would be): read in a second pass if they turn out well
        secondPassNeeded = true;
        p.skipChildren();
        return;
      }
    } else if ((key.equals("source") || key.equals("objects")) && dependentSeen) {
      secondPassNeeded = true; // a field read against the former value is read again
    }
    switch (key) {
      case "format", "version", SAV -> root.set(key, tree(p));
      case "source" -> {
        root.set(key, tree(p));
        try {
          source = readSource();
        } catch (FormatException e) {
          source = null; // reported by checkHead()
        }
      }
      case "objects" -> {
        List<TrackedObject> list = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        objects = array(p, key, list, (q, i) -> list.add(readObject(tree(q), i, seen)));
        ids = seen;
      }
      case "masklets" -> {
        List<Masklet> list = new ArrayList<>();
        masklets = array(p, key, list, (q, i) -> list.add(readMasklet(q, "masklets[" + i + "]")));
      }
      case "prompts" -> {
        List<Prompt> list = new ArrayList<>();
        prompts = array(p, key, list, (q, i) -> list.add(readPrompt(tree(q), i)));
      }
      case "log" -> {
        List<InteractionEvent> list = new ArrayList<>();
        log = array(p, key, list, (q, i) -> list.add(readEvent(tree(q), i)));
      }
      case COCO -> readCoco(p);
      default -> p.skipChildren(); // an unknown key, ignored at the top level as it always was
    }
  }

  /** Format, version, source and objects: the checks before any that needs source or objects. */
  private void checkHead() throws FormatException {
    JsonNode fmt = root.get("format");
    if (fmt == null || !FORMAT.equals(fmt.asText())) {
      throw r.error("format", "not a Masklet project (expected \"format\": \"" + FORMAT + "\")");
    }
    version = r.integer(root, "version", "");
    if (version < VERSION_WITHOUT_ORIGIN || version > VERSION_WITH_CROWDS) {
      throw r.error("version", "unsupported project version " + version + " (this build reads "
          + VERSION_WITHOUT_ORIGIN + " to " + VERSION_WITH_CROWDS + ")");
    }
    readSource();
    r.array(root, "objects", "");
    objects.get();
  }

  /** After checkHead: the project, or the first fault in the order of the whole-tree checks. */
  private Project project() throws FormatException {
    MediaSource src = readSource();
    List<TrackedObject> objs = objects.get();
    r.array(root, "masklets", "");
    List<Masklet> ms = masklets.get();
    r.array(root, "prompts", "");
    List<Prompt> ps = prompts.get();
    r.array(root, "log", "");
    List<InteractionEvent> events = log.get();
    ImportOrigin origin = null;
    JsonNode sav = r.optional(root, SAV);
    JsonNode coco = r.optional(root, COCO);
    if (sav != null && coco != null) {
      throw r.error(COCO, "a project comes from one file, but this one has both an SA-V (sav) "
          + "and a COCO (coco) section");
    }
    if (sav != null) {
      SavOrigin savOrigin = OriginSections.readSavOrigin(r, sav);
      objs = OriginSections.withSavMasklets(r, sav, objs, savOrigin, src);
      origin = savOrigin;
    } else if (coco != null) {
      origin = OriginSections.readCocoOrigin(r, coco, src);
      objs = OriginSections.withCocoAnnotations(r, coco, cocoAnnotations, objs);
    }
    Project p = new Project(src, objs, ms, ps, events, origin);
    return version < VERSION_WITH_CROWDS ? withCrowdsAsImported(p) : p;
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

  private MediaSource readSource() throws FormatException {
    JsonNode s = r.field(root, "source", "");
    try {
      return new MediaSource(r.enumValue(s, "kind", "source", MediaSource.Kind.class),
          r.text(s, "location", "source"), r.integer(s, "frameCount", "source"),
          r.number(s, "fps", "source"), r.integer(s, "width", "source"),
          r.integer(s, "height", "source"));
    } catch (IllegalArgumentException e) {
      throw r.error("source", e.getMessage());
    }
  }

  private TrackedObject readObject(JsonNode o, int i, Set<Integer> seen) throws FormatException {
    String path = "objects[" + i + "]";
    int id = r.integer(o, "id", path);
    if (!seen.add(id)) {
      throw r.error(path + ".id", "duplicate object id " + id);
    }
    try {
      boolean crowd = r.optional(o, "crowd") != null && r.bool(o, "crowd", path);
      return new TrackedObject(id, r.text(o, "label", path), r.text(o, "color", path), null,
          crowd);
    } catch (IllegalArgumentException e) {
      throw r.error(path, e.getMessage());
    }
  }

  /**
   * One masklet, its frames read one at a time. Leaves p on the element's end also when it
   * fails, and checks in the whole-tree reader's order: objectId, frames, each frame.
   */
  private Masklet readMasklet(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      throw r.expectedObject(path);
    }
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    MaskletFrames frames = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      if (key.equals("frames") && p.currentToken() == JsonToken.START_ARRAY) {
        m.set(key, JsonNodeFactory.instance.arrayNode());
        frames = new MaskletFrames(path);
        frames.fault = elements(p, frames::read);
      } else if (key.equals("frames")) {
        m.set(key, shape(p));
        frames = null;
      } else if (key.equals("objectId")) {
        m.set(key, tree(p));
      } else {
        p.skipChildren();
      }
    }
    int objectId = r.integer(m, "objectId", path);
    if (!ids.contains(objectId)) {
      throw r.error(path + ".objectId", "no object with id " + objectId);
    }
    r.array(m, "frames", path);
    return frames.masklet(objectId);
  }

  /** A masklet's frames as they are read; a fault stops the reading. */
  private final class MaskletFrames {
    private final String path;
    private final TreeMap<Integer, FrameMask> frames = new TreeMap<>();
    private FormatException fault;
    /** A frame given twice, and where: its error names the object, known only at the end. */
    private int twice;
    private String twicePath;

    MaskletFrames(String path) {
      this.path = path;
    }

    void read(JsonParser p, int j) throws IOException {
      JsonNode f = tree(p);
      String fp = path + ".frames[" + j + "]";
      int frame = r.integer(f, "frame", fp);
      checkFrame(r, source, frame, fp);
      Rle rle = r.rle(f, fp);
      checkSize(r, source, rle, fp);
      Provenance prov = r.enumValue(f, "provenance", fp, Provenance.class);
      JsonNode score = r.optional(f, "objectScore");
      double objectScore = score == null ? Double.NaN : r.number(f, "objectScore", fp);
      if (frames.put(frame, new FrameMask(rle, prov, objectScore)) != null) {
        twice = frame;
        twicePath = fp;
        throw r.error(fp + ".frame", "frame " + frame + " appears twice"); // see masklet()
      }
    }

    Masklet masklet(int objectId) throws FormatException {
      if (twicePath != null) {
        throw r.error(twicePath + ".frame", "frame " + twice + " appears twice for object "
            + objectId);
      }
      if (fault != null) {
        throw fault;
      }
      return new Masklet(objectId, frames);
    }
  }

  private Prompt readPrompt(JsonNode p, int i) throws FormatException {
    String path = "prompts[" + i + "]";
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
      return new Prompt(frame, objectId, points, box, mask);
    } catch (IllegalArgumentException e) {
      throw r.error(path, e.getMessage());
    }
  }

  private InteractionEvent readEvent(JsonNode e, int i) throws FormatException {
    String path = "log[" + i + "]";
    Instant time;
    try {
      time = Instant.parse(r.text(e, "time", path));
    } catch (DateTimeParseException ex) {
      throw r.error(path + ".time", "not an ISO-8601 instant: " + ex.getParsedString());
    }
    JsonNode detail = r.optional(e, "detail");
    return new InteractionEvent(time, r.integer(e, "frame", path),
        r.integer(e, "objectId", path),
        r.enumValue(e, "action", path, InteractionEvent.Action.class),
        detail == null ? "" : detail.asText());
  }

  /**
   * The {@code coco} section: a tree but for its annotations (one per mask), which are read
   * one at a time.
   */
  private void readCoco(JsonParser p) throws IOException {
    cocoAnnotations = null;
    if (p.currentToken() != JsonToken.START_OBJECT) {
      root.set(COCO, shape(p));
      return;
    }
    ObjectNode coco = JsonNodeFactory.instance.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      if (key.equals("annotations") && p.currentToken() == JsonToken.START_ARRAY) {
        coco.set(key, JsonNodeFactory.instance.arrayNode());
        var annotations = new OriginSections.CocoAnnotations(r, ids, source);
        annotations.stoppedBy(elements(p, (q, i) -> annotations.read(i, tree(q))));
        cocoAnnotations = annotations;
      } else {
        coco.set(key, tree(p));
        if (key.equals("annotations")) {
          cocoAnnotations = null;
        }
      }
    }
    root.set(COCO, coco);
  }

  /**
   * The top-level array field {@code key} at p read element by element into {@code into}; or,
   * when it is no array, {@code null} with its value kept for the checks in project().
   */
  private <T> Read<T> array(JsonParser p, String key, T into, ElementReader reader)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      root.set(key, shape(p));
      return null;
    }
    root.set(key, JsonNodeFactory.instance.arrayNode());
    return new Read<>(into, elements(p, reader));
  }

  /**
   * Reads each element of the array at p (on its start) with {@code reader}, which leaves p on
   * the element's end even when it fails; after the first fault the rest is only parsed, for
   * its syntax. Returns that fault, or {@code null}.
   */
  private FormatException elements(JsonParser p, ElementReader reader) throws IOException {
    FormatException fault = null;
    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
      if (fault != null) {
        p.skipChildren();
        continue;
      }
      try {
        reader.read(p, i);
      } catch (FormatException e) {
        fault = e;
      } catch (IllegalArgumentException e) {
        fault = r.error("", e.getMessage()); // as when it escaped the whole-tree reader
      }
    }
    return fault;
  }

  /** Reads the array element at p. */
  @FunctionalInterface
  private interface ElementReader {
    void read(JsonParser p, int index) throws IOException;
  }

  private static JsonNode tree(JsonParser p) throws IOException {
    return p.readValueAsTree();
  }

  /**
   * The value at p for a check that looks only at its JSON type (a field that should be an
   * array and is not): an object or array is skipped and stands as an empty one.
   */
  private static JsonNode shape(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        p.skipChildren();
        yield JsonNodeFactory.instance.objectNode();
      }
      case START_ARRAY -> {
        p.skipChildren();
        yield JsonNodeFactory.instance.arrayNode();
      }
      default -> tree(p);
    };
  }

  /** A field's value, or the first fault found in it, thrown when it is asked for. */
  private record Read<T>(T value, FormatException fault) {
    T get() throws FormatException {
      if (fault != null) {
        throw fault;
      }
      return value;
    }
  }

  static void checkFrame(JsonReading r, MediaSource s, int frame, String path)
      throws FormatException {
    if (frame < 0 || frame >= s.frameCount()) {
      throw r.error(path + ".frame", "frame " + frame + " outside the media's 0.."
          + (s.frameCount() - 1));
    }
  }

  static void checkSize(JsonReading r, MediaSource s, Rle rle, String path)
      throws FormatException {
    if (rle.height() != s.height() || rle.width() != s.width()) {
      throw r.error(path + ".size", "mask size [" + rle.height() + ", " + rle.width()
          + "] differs from the media's [" + s.height() + ", " + s.width() + "]");
    }
  }
}
