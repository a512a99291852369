package io.masklet.model.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.model.contour.Contour;
import io.masklet.model.contour.ContourTracer;
import io.masklet.model.contour.PolygonRaster;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.io.FormatException;
import io.masklet.model.io.JsonReading;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The BMP+JSON dataset: {@code <dir>/images/<stem>_<frame>.bmp} (24-bit BMP) and
 * {@code <dir>/json/<stem>_<frame>.json}, one pair per annotated frame ({@code <frame>} is the
 * zero-padded frame index). The JSON is LabelMe-compatible: {@code version}, {@code flags},
 * {@code shapes} (one {@code "polygon"} per outer or hole boundary of an object's mask, with
 * {@code label}, {@code points}, {@code group_id} = object id and {@code flags.hole}),
 * {@code imagePath}, {@code imageData: null}, {@code imageHeight}, {@code imageWidth}. Each
 * shape also carries the object's exact mask as {@code "rle": {"size", "counts"}} (COCO RLE),
 * which the reader uses, so masks read back identical; plain LabelMe files without it are read
 * by filling the group's polygons (even-odd). Objects with an empty mask on a frame get no
 * shape (and read back as having no mask there).
 */
public final class BmpJsonDataset {
  public static final String LABELME_VERSION = "5.5.0";
  private static final Pattern NAME = Pattern.compile("(.+)_(\\d+)\\.json");
  private static final JsonFactory JSON = new JsonFactory();

  private BmpJsonDataset() {}

  public static Path imageFile(Path dir, String stem, int frame) {
    return dir.resolve("images").resolve(name(stem, frame) + ".bmp");
  }

  public static Path jsonFile(Path dir, String stem, int frame) {
    return dir.resolve("json").resolve(name(stem, frame) + ".json");
  }

  private static String name(String stem, int frame) {
    return String.format(Locale.ROOT, "%s_%06d", stem, frame);
  }

  /**
   * Writes every frame on which some object has a mask: the frame picture as BMP and the
   * LabelMe JSON.
   */
  public static void write(Project p, Path dir, String stem, FrameImages images) throws IOException {
    MediaSource s = p.source();
    TreeSet<Integer> frames = new TreeSet<>();
    for (Masklet m : p.masklets()) {
      frames.addAll(m.frames().keySet());
    }
    Map<Integer, TrackedObject> objects = new LinkedHashMap<>();
    p.objects().forEach(o -> objects.put(o.id(), o));
    for (int frame : frames) {
      BufferedImage img = images.frame(frame);
      if (img.getWidth() != s.width() || img.getHeight() != s.height()) {
        throw new IOException("frame " + frame + " picture is " + img.getWidth() + "x"
            + img.getHeight() + " but the annotation is " + s.width() + "x" + s.height());
      }
      writeBmp(img, imageFile(dir, stem, frame));
      List<Shape> shapes = new ArrayList<>();
      for (Masklet m : p.masklets()) {
        FrameMask fm = m.at(frame);
        if (fm == null || fm.rle().isEmpty()) {
          continue;
        }
        String label = objects.containsKey(m.objectId()) ? objects.get(m.objectId()).label() : "object";
        for (Contour c : ContourTracer.trace(fm.rle())) {
          shapes.add(new Shape(label, m.objectId(), c, fm.rle()));
        }
      }
      writeJson(jsonFile(dir, stem, frame), "../images/" + name(stem, frame) + ".bmp",
          s.height(), s.width(), shapes);
    }
  }

  private record Shape(String label, int groupId, Contour contour, Rle rle) {}

  /** Writes a 24-bit BMP (BGR, as BMP stores it) atomically. */
  public static void writeBmp(BufferedImage img, Path file) throws IOException {
    BufferedImage bgr = img;
    if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      bgr = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      bgr.createGraphics().drawImage(img, 0, 0, null);
    }
    BufferedImage toWrite = bgr;
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(toWrite, "bmp", out)) {
        throw new IOException("no BMP writer available for " + file);
      }
    });
  }

  private static void writeJson(Path file, String imagePath, int h, int w, List<Shape> shapes)
      throws IOException {
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("version", LABELME_VERSION);
        g.writeObjectFieldStart("flags");
        g.writeEndObject();
        g.writeArrayFieldStart("shapes");
        for (Shape s : shapes) {
          g.writeStartObject();
          g.writeStringField("label", s.label());
          g.writeArrayFieldStart("points");
          double[] xy = s.contour().xy();
          for (int i = 0; i < xy.length; i += 2) {
            g.writeStartArray();
            g.writeNumber(xy[i]);
            g.writeNumber(xy[i + 1]);
            g.writeEndArray();
          }
          g.writeEndArray();
          g.writeNumberField("group_id", s.groupId());
          g.writeStringField("description", "");
          g.writeStringField("shape_type", "polygon");
          g.writeObjectFieldStart("flags");
          g.writeBooleanField("hole", s.contour().hole());
          g.writeEndObject();
          g.writeObjectFieldStart("rle");
          g.writeArrayFieldStart("size");
          g.writeNumber(s.rle().height());
          g.writeNumber(s.rle().width());
          g.writeEndArray();
          g.writeStringField("counts", s.rle().toCompressedString());
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("imagePath", imagePath);
        g.writeNullField("imageData");
        g.writeNumberField("imageHeight", h);
        g.writeNumberField("imageWidth", w);
        g.writeEndObject();
      }
    });
  }

  /**
   * Reads a dataset folder (holding {@code json/} and {@code images/}) of one video stem into a
   * project whose source is the images folder; frame indices come from the file names.
   */
  public static Project read(Path dir) throws IOException {
    return readFrames(dir).project();
  }

  /**
   * The dataset as an annotation of its own {@code images/} folder, the way an image-folder
   * project plays it: frame {@code i} is {@code pictures.get(i)}, the folder's pictures in the
   * order the player shows them (the caller lists them: the order is the frame source's). Each
   * JSON file's annotation goes to the position of its {@code imagePath} picture, so a dataset
   * written from a subset of a video's frames (every 4th, say) is renumbered to picture
   * positions, and a folder with more pictures than JSON files (annotated every few frames)
   * keeps its masks on their pictures. {@link ImageFolderView#renumbered()} says whether any
   * frame number changed.
   */
  public static ImageFolderView readAsImageFolder(Path dir, List<Path> pictures)
      throws IOException {
    Read r = readFrames(dir);
    Project p = r.project();
    Map<Path, Integer> pictureIndex = new HashMap<>();
    for (int i = 0; i < pictures.size(); i++) {
      pictureIndex.put(pictures.get(i).toAbsolutePath().normalize(), i);
    }
    Map<Integer, Integer> position = new HashMap<>();
    boolean renumbered = pictures.size() != p.source().frameCount();
    for (var e : r.images().entrySet()) {
      Integer at = pictureIndex.get(e.getValue().toAbsolutePath().normalize());
      if (at == null) {
        throw new FormatException(r.jsonFiles().get(e.getKey()), "imagePath",
            e.getValue() + " is not one of the pictures in " + dir.resolve("images"));
      }
      position.put(e.getKey(), at);
      renumbered |= at != e.getKey();
    }
    if (!renumbered) {
      return new ImageFolderView(p, false);
    }
    List<Masklet> masklets = new ArrayList<>();
    for (Masklet m : p.masklets()) {
      TreeMap<Integer, FrameMask> moved = new TreeMap<>();
      m.frames().forEach((f, mask) -> moved.put(position.get(f), mask));
      masklets.add(new Masklet(m.objectId(), moved));
    }
    MediaSource s = p.source();
    MediaSource src = new MediaSource(s.kind(), s.location(), pictures.size(), s.fps(),
        s.width(), s.height());
    return new ImageFolderView(new Project(src, p.objects(), masklets, p.prompts(), p.log()),
        true);
  }

  /** A dataset read as an annotation of its {@code images/} folder. */
  public record ImageFolderView(Project project, boolean renumbered) {}

  /** The annotation with the dataset's own frame numbers, and each frame's picture. */
  private record Read(Project project, Map<Integer, Path> jsonFiles, Map<Integer, Path> images) {}

  private static Read readFrames(Path dir) throws IOException {
    Path jsonDir = dir.resolve("json");
    if (!Files.isDirectory(jsonDir)) {
      throw new FormatException(dir, "", "not a BMP+JSON dataset (no json/ folder)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(jsonDir)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new FormatException(jsonDir, "", "no .json files");
    }
    String stem = null;
    int height = -1, width = -1, maxFrame = -1;
    Map<Integer, TrackedObject> objects = new TreeMap<>();
    Map<Integer, TreeMap<Integer, FrameMask>> masks = new TreeMap<>();
    Map<Integer, Path> images = new TreeMap<>();
    Map<Integer, Path> jsonFiles = new TreeMap<>();
    for (Path f : files) {
      Matcher m = NAME.matcher(f.getFileName().toString());
      if (!m.matches()) {
        throw new FormatException(f, "", "file name is not <stem>_<frame>.json");
      }
      if (stem == null) {
        stem = m.group(1);
      } else if (!stem.equals(m.group(1))) {
        throw new FormatException(f, "", "dataset mixes videos \"" + stem + "\" and \""
            + m.group(1) + "\"; convert one stem at a time");
      }
      int frame = Integer.parseInt(m.group(2));
      maxFrame = Math.max(maxFrame, frame);
      JsonReading r = new JsonReading(f);
      JsonNode root = r.parse();
      int h = r.integer(root, "imageHeight", "");
      int w = r.integer(root, "imageWidth", "");
      if (height < 0) {
        height = h;
        width = w;
      } else if (h != height || w != width) {
        throw r.error("imageHeight", "image is " + w + "x" + h + " but earlier frames are "
            + width + "x" + height);
      }
      Path image = f.getParent().resolve(r.text(root, "imagePath", "")).normalize();
      if (!Files.isRegularFile(image)) {
        throw r.error("imagePath", "image file missing: " + image);
      }
      images.put(frame, image);
      jsonFiles.put(frame, f);
      JsonNode shapes = r.array(root, "shapes", "");
      Map<Integer, Rle> frameMasks = new LinkedHashMap<>();
      Map<Integer, List<double[]>> polygons = new LinkedHashMap<>();
      for (int i = 0; i < shapes.size(); i++) {
        String path = "shapes[" + i + "]";
        JsonNode s = shapes.get(i);
        int group = r.integer(s, "group_id", path);
        String label = r.text(s, "label", path);
        TrackedObject known = objects.get(group);
        if (known == null) {
          objects.put(group, new TrackedObject(group, label, TrackedObject.defaultColor(group)));
        } else if (!known.label().equals(label)) {
          throw r.error(path + ".label", "object " + group + " is labelled \"" + label
              + "\" here but \"" + known.label() + "\" elsewhere");
        }
        JsonNode rleNode = r.optional(s, "rle");
        if (rleNode != null) {
          Rle rle = r.rle(rleNode, path + ".rle");
          if (rle.height() != h || rle.width() != w) {
            throw r.error(path + ".rle.size", "mask size [" + rle.height() + ", " + rle.width()
                + "] differs from the image's [" + h + ", " + w + "]");
          }
          Rle prev = frameMasks.putIfAbsent(group, rle);
          if (prev != null && !prev.equals(rle)) {
            throw r.error(path + ".rle", "differs from the mask of another shape of object " + group);
          }
        } else {
          polygons.computeIfAbsent(group, k -> new ArrayList<>()).add(points(r, s, path));
        }
      }
      for (var e : polygons.entrySet()) {
        if (!frameMasks.containsKey(e.getKey())) {
          frameMasks.put(e.getKey(), PolygonRaster.fill(e.getValue(), h, w));
        }
      }
      for (var e : frameMasks.entrySet()) {
        masks.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
            .put(frame, FrameMask.unscored(e.getValue(), Provenance.EDITED));
      }
    }
    MediaSource src = new MediaSource(MediaSource.Kind.IMAGE_FOLDER,
        dir.resolve("images").toString(), maxFrame + 1, 0, width, height);
    List<Masklet> masklets = new ArrayList<>();
    masks.forEach((id, frames) -> masklets.add(new Masklet(id, frames)));
    return new Read(new Project(src, List.copyOf(objects.values()), masklets, List.of(),
        List.of()), jsonFiles, images);
  }

  /** The stem shared by the dataset's files (for naming exports). */
  public static String stem(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("json"))) {
      return s.map(f -> NAME.matcher(f.getFileName().toString()))
          .filter(Matcher::matches).map(m -> m.group(1)).findFirst()
          .orElseThrow(() -> new FormatException(dir, "json", "no <stem>_<frame>.json files"));
    }
  }

  private static double[] points(JsonReading r, JsonNode shape, String path) throws FormatException {
    JsonNode pts = r.array(shape, "points", path);
    if (pts.size() < 3) {
      throw r.error(path + ".points", "a polygon needs at least 3 points");
    }
    double[] xy = new double[pts.size() * 2];
    for (int i = 0; i < pts.size(); i++) {
      JsonNode p = pts.get(i);
      if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw r.error(path + ".points[" + i + "]", "expected [x, y]");
      }
      xy[2 * i] = p.get(0).doubleValue();
      xy[2 * i + 1] = p.get(1).doubleValue();
    }
    return xy;
  }

  /** Reads a dataset frame picture (for re-export), failing with the file name. */
  public static BufferedImage readImage(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new FormatException(file, "", "not a readable image");
    }
    return img;
  }
}
