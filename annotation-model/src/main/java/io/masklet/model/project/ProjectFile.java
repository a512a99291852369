package io.masklet.model.project;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.io.FormatException;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.nio.file.Path;

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
  static final String SAV = "sav";
  /** The optional section holding {@link CocoOrigin}. */
  static final String COCO = "coco";
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

  /**
   * Reads a project file; any fault is a {@link FormatException} naming file and position. The
   * file is read as a stream ({@link ProjectFileReader}): a long video's project is hundreds of
   * megabytes of masks.
   */
  public static Project load(Path file) throws IOException {
    return ProjectFileReader.read(file);
  }
}
