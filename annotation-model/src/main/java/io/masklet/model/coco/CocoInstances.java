package io.masklet.model.coco;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.model.contour.PolygonRaster;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.io.FormatException;
import io.masklet.model.io.JsonReading;
import io.masklet.model.project.CocoObjectOrigin;
import io.masklet.model.project.CocoOrigin;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.ObjectOrigin;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.BoundingBox;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * COCO instances JSON with RLE segmentations, extended (like YouTube-VIS / TAO) so a masklet
 * can be rebuilt: {@code videos[]} (id, name, file, width, height, length, fps), images carry
 * {@code video_id} and {@code frame_index}, annotations carry {@code track_id} (= object id),
 * {@code video_id}, {@code frame_index}, {@code score} (object score, when scored) and
 * {@code masklet_provenance}; {@code tracks[]} keeps each object's label and color.
 * Segmentations are compressed COCO RLE; {@code area} and {@code bbox} are computed as
 * pycocotools does. Only non-empty masks become annotations.
 *
 * <p>Reading also accepts plain COCO: images without {@code frame_index} become frames in
 * image-id order, annotations without {@code track_id} become one object each, and polygon
 * segmentations are filled at pixel centres (even-odd), which can differ from pycocotools'
 * polygon rasterization on edge pixels.
 *
 * <p>A project read from COCO keeps what ties the annotations to a training set, and writing it
 * gives it back, so COCO → project → COCO (through a saved project too) still fits the
 * training pipeline the file came from: the {@code info} (COCO's fields: year, version,
 * description, contributor, url, date_created; written instead of the export's own) and the
 * {@code licenses} ({@link CocoOrigin}); the categories with their ids and supercategories; each
 * frame's image with its id, file name, license, date_captured, coco_url and flickr_url (width
 * and height are the media's); the video name; and per object and frame the annotation's
 * {@code id} and {@code iscrowd} ({@link CocoObjectOrigin}), so a mask the annotator kept, edited
 * or not, is written with its own id and crowd flag, and a new mask gets an id after every id
 * the file used.
 *
 * <p>Not kept: fields COCO does not define ({@code info}'s, the licenses' and the images' other
 * keys, any other top-level section, the annotations' other keys), a kept field whose value has
 * another JSON type than COCO's (CVAT writes {@code "year": ""} and {@code "date_captured": 0}:
 * left out when written back), an {@code info} that is not an object and license entries that
 * are not objects, images after the first on one frame (they share its masks), the id and crowd
 * flag of a second annotation of one track on one frame (its mask is joined to the first's,
 * which keeps its own), the annotations' {@code area} and {@code bbox} (recomputed from the
 * mask) and the segmentation's encoding (every mask is written as compressed RLE, polygons and
 * a crowd region's uncompressed RLE too). A track whose every annotation was a crowd becomes a
 * crowd object ({@link TrackedObject#crowd()}): its later masks are crowds too; the workstation
 * shows and toggles the marking per object.
 */
public final class CocoInstances {
  private static final JsonFactory JSON = new JsonFactory();
  public static final int VIDEO_ID = 1;
  /** The supercategory of categories made here (from object labels). */
  public static final String SUPERCATEGORY = "object";

  private CocoInstances() {}

  /**
   * The video name a COCO export of {@code p} should carry when the user named none: the
   * {@code videos[0].name} of the COCO file it came from, else {@code fallback}.
   */
  public static String videoNameOf(Project p, String fallback) {
    CocoOrigin o = p.cocoOrigin();
    return o != null && o.videoName() != null ? o.videoName() : fallback;
  }

  /**
   * Writes {@code p}. A project read from a COCO file ({@link Project#cocoOrigin()}) gets that
   * file's info, licenses, categories (ids, supercategories, unused ones too) and images (ids,
   * file names, licenses, dates, urls; unannotated ones too) back; a label no kept category has
   * gets a new category after the largest id, a frame no kept image has gets a new image id
   * after the largest and the name {@code <videoName>_<frame>.bmp}, as every frame of a project
   * without COCO origin does. A mask on a frame where its object had an annotation in the file
   * ({@link TrackedObject#cocoAnnotations()}) gets that annotation's id; other masks get ids
   * after the largest the file used (without COCO origin: ids 1, 2, ... in writing order).
   * {@code iscrowd} is 1 for every mask of a crowd object and for a mask whose annotation was a
   * crowd ({@link TrackedObject#crowdOn(int)}), else 0.
   */
  public static void write(Project p, Path file, String videoName) throws IOException {
    MediaSource s = p.source();
    CocoOrigin origin = p.cocoOrigin();
    // label -> category id: the file's own categories keep their ids
    Map<String, Integer> categories = new LinkedHashMap<>();
    List<CocoOrigin.Category> categoryList = new ArrayList<>();
    int nextCategory = 1;
    if (origin != null) {
      for (CocoOrigin.Category c : origin.categories()) {
        categoryList.add(c);
        categories.putIfAbsent(c.name(), c.id());
        nextCategory = Math.max(nextCategory, c.id() + 1);
      }
    }
    for (TrackedObject o : p.objects()) {
      if (!categories.containsKey(o.label())) {
        categories.put(o.label(), nextCategory);
        categoryList.add(new CocoOrigin.Category(nextCategory, o.label(), SUPERCATEGORY));
        nextCategory++;
      }
    }
    Map<Integer, TrackedObject> objects = new HashMap<>();
    p.objects().forEach(o -> objects.put(o.id(), o));
    TreeSet<Integer> frames = new TreeSet<>();
    for (Masklet m : p.masklets()) {
      m.frames().forEach((f, fm) -> {
        if (!fm.rle().isEmpty()) {
          frames.add(f);
        }
      });
    }
    Map<Integer, CocoOrigin.Image> keptImages = new HashMap<>();
    int nextImage = 1;
    if (origin != null) {
      for (CocoOrigin.Image im : origin.images()) {
        keptImages.put(im.frame(), im);
        frames.add(im.frame());
        nextImage = Math.max(nextImage, im.id() + 1);
      }
    }
    // a mask whose (object, frame) had an annotation in the file keeps its id; the others are
    // numbered after every id the file used, those of masks deleted since included
    long nextAnnotation = 1;
    if (origin != null) {
      nextAnnotation = origin.largestAnnotationId() + 1;
      for (TrackedObject o : p.objects()) {
        if (o.cocoAnnotations() != null) {
          for (CocoObjectOrigin.FrameAnnotation a : o.cocoAnnotations().annotations()) {
            if (a.id() != null) {
              nextAnnotation = Math.max(nextAnnotation, a.id() + 1);
            }
          }
        }
      }
    }
    long firstFreshId = nextAnnotation;
    Map<Integer, Integer> imageIds = new HashMap<>();
    Map<Integer, String> fileNames = new HashMap<>();
    for (int f : frames) {
      CocoOrigin.Image im = keptImages.get(f);
      imageIds.put(f, im != null ? im.id() : origin == null ? f + 1 : nextImage++);
      fileNames.put(f, im != null && im.fileName() != null ? im.fileName()
          : String.format(Locale.ROOT, "%s_%06d.bmp", videoName, f));
    }
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        CocoOrigin.Info info = origin == null ? null : origin.info();
        g.writeObjectFieldStart("info");
        if (info == null) {
          g.writeStringField("description", "Masklet Studio export of " + videoName);
        } else {
          writeKept(g, "year", info.year());
          writeKept(g, "version", info.version());
          writeKept(g, "description", info.description());
          writeKept(g, "contributor", info.contributor());
          writeKept(g, "url", info.url());
          writeKept(g, "date_created", info.dateCreated());
        }
        g.writeEndObject();
        if (origin != null && origin.licenses() != null) {
          g.writeArrayFieldStart("licenses");
          for (CocoOrigin.License l : origin.licenses()) {
            g.writeStartObject();
            writeKept(g, "id", l.id());
            writeKept(g, "name", l.name());
            writeKept(g, "url", l.url());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeArrayFieldStart("videos");
        g.writeStartObject();
        g.writeNumberField("id", VIDEO_ID);
        g.writeStringField("name", videoName);
        g.writeStringField("file", s.location());
        g.writeStringField("kind", s.kind().name());
        g.writeNumberField("width", s.width());
        g.writeNumberField("height", s.height());
        g.writeNumberField("length", s.frameCount());
        g.writeNumberField("fps", s.fps());
        g.writeEndObject();
        g.writeEndArray();

        g.writeArrayFieldStart("images");
        for (int f : frames) {
          g.writeStartObject();
          g.writeNumberField("id", imageIds.get(f));
          g.writeStringField("file_name", fileNames.get(f));
          g.writeNumberField("width", s.width());
          g.writeNumberField("height", s.height());
          CocoOrigin.Image kept = keptImages.get(f);
          if (kept != null) {
            writeKept(g, "license", kept.license());
            writeKept(g, "date_captured", kept.dateCaptured());
            writeKept(g, "coco_url", kept.cocoUrl());
            writeKept(g, "flickr_url", kept.flickrUrl());
          }
          g.writeNumberField("video_id", VIDEO_ID);
          g.writeNumberField("frame_index", f);
          g.writeEndObject();
        }
        g.writeEndArray();

        g.writeArrayFieldStart("annotations");
        long id = firstFreshId;
        Set<Long> keptIds = new HashSet<>();
        for (int f : frames) {
          for (Masklet m : p.masklets()) {
            FrameMask fm = m.at(f);
            if (fm == null || fm.rle().isEmpty()) {
              continue;
            }
            TrackedObject o = objects.get(m.objectId());
            CocoObjectOrigin.FrameAnnotation source = o.cocoAnnotations() == null ? null
                : o.cocoAnnotations().at(f);
            g.writeStartObject();
            // an id two objects claim (only a hand-made project can) is kept once
            g.writeNumberField("id", source != null && source.id() != null
                && keptIds.add(source.id()) ? source.id() : id++);
            g.writeNumberField("image_id", imageIds.get(f));
            g.writeNumberField("category_id", categories.get(o.label()));
            g.writeObjectFieldStart("segmentation");
            ProjectFile.writeRleFields(fm.rle(), g);
            g.writeEndObject();
            g.writeNumberField("area", fm.rle().area());
            BoundingBox b = fm.rle().bbox();
            g.writeArrayFieldStart("bbox");
            g.writeNumber(b.x());
            g.writeNumber(b.y());
            g.writeNumber(b.width());
            g.writeNumber(b.height());
            g.writeEndArray();
            g.writeNumberField("iscrowd", o.crowdOn(f) ? 1 : 0);
            g.writeNumberField("track_id", m.objectId());
            g.writeNumberField("video_id", VIDEO_ID);
            g.writeNumberField("frame_index", f);
            if (fm.hasScore()) {
              g.writeNumberField("score", fm.objectScore());
            }
            g.writeStringField("masklet_provenance", fm.provenance().name());
            g.writeEndObject();
          }
        }
        g.writeEndArray();

        g.writeArrayFieldStart("categories");
        for (CocoOrigin.Category c : categoryList) {
          g.writeStartObject();
          g.writeNumberField("id", c.id());
          g.writeStringField("name", c.name());
          if (c.supercategory() != null) {
            g.writeStringField("supercategory", c.supercategory());
          }
          g.writeEndObject();
        }
        g.writeEndArray();

        g.writeArrayFieldStart("tracks");
        for (TrackedObject o : p.objects()) {
          g.writeStartObject();
          g.writeNumberField("id", o.id());
          g.writeNumberField("category_id", categories.get(o.label()));
          g.writeStringField("color", o.color());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    });
  }

  public static Project read(Path file) throws IOException {
    JsonReading r = new JsonReading(file);
    JsonNode root = r.parse();
    if (!root.isObject()) {
      throw r.error("", "not COCO instances JSON (top level is not an object)");
    }
    Map<Integer, String> categories = new HashMap<>();
    List<CocoOrigin.Category> categoryList = new ArrayList<>();
    JsonNode cats = r.array(root, "categories", "");
    for (int i = 0; i < cats.size(); i++) {
      String path = "categories[" + i + "]";
      int id = r.integer(cats.get(i), "id", path);
      String name = r.text(cats.get(i), "name", path);
      if (categories.put(id, name) != null) {
        // which of the two names its annotations mean is anyone's guess
        throw r.error(path + ".id", "duplicate category id " + id);
      }
      JsonNode sup = r.optional(cats.get(i), "supercategory");
      categoryList.add(new CocoOrigin.Category(id, name,
          sup != null && sup.isTextual() ? sup.asText() : null));
    }
    JsonNode infoNode = r.optional(root, "info");
    CocoOrigin.Info info = infoNode == null || !infoNode.isObject() ? null
        : new CocoOrigin.Info(keptInt(infoNode, "year"), keptText(infoNode, "version"),
            keptText(infoNode, "description"), keptText(infoNode, "contributor"),
            keptText(infoNode, "url"), keptText(infoNode, "date_created"));
    JsonNode licenseNode = r.optional(root, "licenses");
    List<CocoOrigin.License> licenses = null;
    if (licenseNode != null && licenseNode.isArray()) {
      licenses = new ArrayList<>();
      for (JsonNode l : licenseNode) {
        if (l.isObject()) {
          licenses.add(new CocoOrigin.License(keptInt(l, "id"), keptText(l, "name"),
              keptText(l, "url")));
        }
      }
    }
    JsonNode videos = r.optional(root, "videos");
    JsonNode video = null;
    if (videos != null) {
      if (!videos.isArray() || videos.size() > 1) {
        throw r.error("videos", "holds " + videos.size() + " videos; convert one video at a time");
      }
      video = videos.size() == 1 ? videos.get(0) : null;
    }
    JsonNode images = r.array(root, "images", "");
    Map<Integer, Integer> frameOfImage = new HashMap<>();
    TreeMap<Integer, JsonNode> byId = new TreeMap<>();
    int height = -1, width = -1;
    for (int i = 0; i < images.size(); i++) {
      String path = "images[" + i + "]";
      JsonNode im = images.get(i);
      int id = r.integer(im, "id", path);
      if (byId.put(id, im) != null) {
        throw r.error(path + ".id", "duplicate image id " + id);
      }
      int h = r.integer(im, "height", path), w = r.integer(im, "width", path);
      if (height < 0) {
        height = h;
        width = w;
      } else if (h != height || w != width) {
        throw r.error(path, "image is " + w + "x" + h + " but others are " + width + "x" + height);
      }
    }
    int position = 0;
    int maxFrame = -1;
    List<CocoOrigin.Image> imageList = new ArrayList<>();
    Set<Integer> framesWithImage = new HashSet<>();
    for (var e : byId.entrySet()) {
      JsonNode fi = r.optional(e.getValue(), "frame_index");
      int frame = fi == null ? position : r.asInt(fi, "images(id " + e.getKey() + ").frame_index");
      if (frame < 0) {
        throw r.error("images(id " + e.getKey() + ").frame_index",
            "frame index must be >= 0, got " + frame);
      }
      frameOfImage.put(e.getKey(), frame);
      if (framesWithImage.add(frame)) {
        // two images on one frame share its masks; the export writes the first one's
        JsonNode im = e.getValue();
        imageList.add(new CocoOrigin.Image(frame, e.getKey(), keptText(im, "file_name"),
            keptInt(im, "license"), keptText(im, "date_captured"), keptText(im, "coco_url"),
            keptText(im, "flickr_url")));
      }
      maxFrame = Math.max(maxFrame, frame);
      position++;
    }
    if (video != null) {
      height = r.integer(video, "height", "videos[0]");
      width = r.integer(video, "width", "videos[0]");
    }
    if (height < 0) {
      throw r.error("images", "no images and no video: the frame size is unknown");
    }

    Map<Integer, TrackedObject> objects = new LinkedHashMap<>();
    Map<Integer, String> trackColors = new HashMap<>();
    JsonNode tracks = r.optional(root, "tracks");
    if (tracks != null) {
      for (int i = 0; i < tracks.size(); i++) {
        String path = "tracks[" + i + "]";
        int id = r.integer(tracks.get(i), "id", path);
        int cat = r.integer(tracks.get(i), "category_id", path);
        String label = categories.get(cat);
        if (label == null) {
          throw r.error(path + ".category_id", "no category with id " + cat);
        }
        trackColors.put(id, r.text(tracks.get(i), "color", path));
        try {
          objects.put(id, new TrackedObject(id, label, trackColors.get(id)));
        } catch (IllegalArgumentException ex) {
          throw r.error(path, ex.getMessage());
        }
      }
    }
    Map<Integer, TreeMap<Integer, FrameMask>> masks = new TreeMap<>();
    // object -> frame -> the annotation's own id and crowd flag
    Map<Integer, TreeMap<Integer, CocoObjectOrigin.FrameAnnotation>> kept = new HashMap<>();
    Set<Long> keptIds = new HashSet<>();
    long largestAnnotationId = 0;
    JsonNode anns = r.array(root, "annotations", "");
    for (int i = 0; i < anns.size(); i++) {
      String path = "annotations[" + i + "]";
      JsonNode a = anns.get(i);
      int imageId = r.integer(a, "image_id", path);
      Integer frame = frameOfImage.get(imageId);
      if (frame == null) {
        throw r.error(path + ".image_id", "no image with id " + imageId);
      }
      int cat = r.integer(a, "category_id", path);
      String label = categories.get(cat);
      if (label == null) {
        throw r.error(path + ".category_id", "no category with id " + cat);
      }
      JsonNode idNode = r.optional(a, "id");
      Long annotationId = idNode == null ? null : r.asLong(idNode, path + ".id");
      boolean crowd = crowd(r, a, path);
      JsonNode tr = r.optional(a, "track_id");
      int objectId = tr == null ? r.integer(a, "id", path) : r.asInt(tr, path + ".track_id");
      if (objectId < 0) {
        throw r.error(path + (tr == null ? ".id" : ".track_id"),
            "object id must be >= 0, got " + objectId);
      }
      TrackedObject known = objects.get(objectId);
      if (known == null) {
        objects.put(objectId, new TrackedObject(objectId, label, TrackedObject.defaultColor(objectId)));
      } else if (!known.label().equals(label)) {
        throw r.error(path + ".category_id", "track " + objectId + " is \"" + label
            + "\" here but \"" + known.label() + "\" elsewhere");
      }
      JsonNode seg = r.field(a, "segmentation", path);
      Rle rle;
      if (seg.isArray()) {
        List<double[]> polys = new ArrayList<>();
        for (int k = 0; k < seg.size(); k++) {
          JsonNode poly = seg.get(k);
          if (!poly.isArray() || poly.size() < 6 || poly.size() % 2 != 0) {
            throw r.error(path + ".segmentation[" + k + "]", "expected a polygon [x0, y0, x1, y1, ...]");
          }
          double[] xy = new double[poly.size()];
          for (int q = 0; q < xy.length; q++) {
            JsonNode c = poly.get(q);
            if (!c.isNumber()) {
              // doubleValue() of a string or null is 0: the polygon would silently change shape
              throw r.error(path + ".segmentation[" + k + "][" + q + "]", "annotation "
                  + annotationId(a) + ": polygon coordinate " + c + " is not a number");
            }
            xy[q] = c.doubleValue();
          }
          polys.add(xy);
        }
        rle = PolygonRaster.fill(polys, height, width);
      } else {
        rle = r.rle(seg, path + ".segmentation");
        if (rle.height() != height || rle.width() != width) {
          throw r.error(path + ".segmentation.size", "mask size [" + rle.height() + ", "
              + rle.width() + "] differs from the image's [" + height + ", " + width + "]");
        }
      }
      JsonNode score = r.optional(a, "score");
      Provenance prov = r.optional(a, "masklet_provenance") == null ? Provenance.EDITED
          : r.enumValue(a, "masklet_provenance", path, Provenance.class);
      FrameMask fm = new FrameMask(rle, prov, score == null ? Double.NaN : score.doubleValue());
      TreeMap<Integer, FrameMask> frames = masks.computeIfAbsent(objectId, k -> new TreeMap<>());
      FrameMask prev = frames.put(frame, fm);
      if (prev != null) {
        // two annotations of one track on one frame: keep their union (and the first one's id
        // and crowd flag)
        frames.put(frame, new FrameMask(prev.rle().union(rle), prov, fm.objectScore()));
      } else {
        // an id the file used twice is kept for its first annotation; the other one is
        // numbered afresh on export rather than written twice
        Long keptId = annotationId != null && keptIds.add(annotationId) ? annotationId : null;
        if (keptId != null || crowd) {
          kept.computeIfAbsent(objectId, k -> new TreeMap<>())
              .put(frame, new CocoObjectOrigin.FrameAnnotation(frame, keptId, crowd));
        }
      }
      if (annotationId != null) {
        largestAnnotationId = Math.max(largestAnnotationId, annotationId);
      }
    }
    int frameCount = Math.max(1, maxFrame + 1);
    double fps = 0;
    String location = file.toString();
    MediaSource.Kind kind = MediaSource.Kind.IMAGE_FOLDER;
    if (video != null) {
      JsonNode len = r.optional(video, "length");
      if (len != null) {
        frameCount = Math.max(frameCount, r.asInt(len, "videos[0].length"));
      }
      JsonNode f = r.optional(video, "fps");
      fps = f == null ? 0 : f.doubleValue();
      JsonNode loc = r.optional(video, "file");
      location = loc != null ? loc.asText() : r.text(video, "name", "videos[0]");
      JsonNode k = r.optional(video, "kind");
      kind = k == null ? MediaSource.Kind.VIDEO
          : r.enumValue(video, "kind", "videos[0]", MediaSource.Kind.class);
    }
    // objects count from 1 (0 is an indexed PNG's background and the workstation's "no
    // object"): a file whose track ids start at 0 has all of them moved up by one
    int shift = objects.containsKey(0) ? 1 : 0;
    try {
      List<TrackedObject> tracked = new ArrayList<>();
      for (TrackedObject o : objects.values()) {
        TreeMap<Integer, CocoObjectOrigin.FrameAnnotation> ofObject = kept.get(o.id());
        CocoObjectOrigin annotations = ofObject == null ? null
            : new CocoObjectOrigin(List.copyOf(ofObject.values()));
        // a track whose every annotation was a crowd is a crowd object: what it gets later
        // (propagated or drawn masks) is exported as a crowd too
        boolean crowd = annotations != null
            && annotations.crowdOnEvery(masks.getOrDefault(o.id(), new TreeMap<>()).keySet());
        tracked.add(new TrackedObject(o.id() + shift, o.label(), o.color(), annotations, crowd));
      }
      List<Masklet> masklets = new ArrayList<>();
      masks.forEach((id, frames) -> masklets.add(new Masklet(id + shift, frames)));
      JsonNode name = video == null ? null : r.optional(video, "name");
      CocoOrigin origin = new CocoOrigin(name != null && name.isTextual() ? name.asText() : null,
          info, licenses, largestAnnotationId, categoryList, imageList);
      return new Project(new MediaSource(kind, location, frameCount, fps, width, height),
          tracked, masklets, List.of(), List.of(), origin);
    } catch (IllegalArgumentException e) {
      throw new FormatException(file, "", e.getMessage());
    }
  }

  /**
   * {@code iscrowd}: 0 or 1 (as COCO writes it) or false or true; absent is 0. Anything else is
   * an error rather than a guess: a crowd region trained as one instance, or the reverse, would
   * go unnoticed.
   */
  private static boolean crowd(JsonReading r, JsonNode a, String path) throws FormatException {
    JsonNode v = r.optional(a, "iscrowd");
    if (v == null) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber() && (v.doubleValue() == 0 || v.doubleValue() == 1)) {
      return v.doubleValue() == 1;
    }
    throw r.error(path + ".iscrowd", "annotation " + annotationId(a) + ": expected 0 or 1, found "
        + v);
  }

  /** A kept string field: its text, or {@code null} when absent or not a string. */
  private static String keptText(JsonNode obj, String key) {
    JsonNode v = obj.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** A kept integer field: its value, or {@code null} when absent or not an integer. */
  private static Integer keptInt(JsonNode obj, String key) {
    JsonNode v = obj.get(key);
    return v != null && v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE ? (Integer) v.intValue() : null;
  }

  private static void writeKept(JsonGenerator g, String key, String value) throws IOException {
    if (value != null) {
      g.writeStringField(key, value);
    }
  }

  private static void writeKept(JsonGenerator g, String key, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(key, value);
    }
  }

  /** How an error names an annotation: its {@code id} as written in the file. */
  private static String annotationId(JsonNode a) {
    JsonNode id = a.get("id");
    return id == null || id.isNull() ? "(without id)" : "id " + id;
  }
}
