package io.masklet.model.png;

import io.masklet.model.io.AtomicFiles;
import io.masklet.model.io.FormatException;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * PNG masks per frame, the layout of DAVIS and of SAM 2's VOS tools, in two variants:
 *
 * <ul>
 *   <li>{@link Layout#INDEXED}: {@code DIR/<frame:05d>.png}, one 8-bit palette PNG per frame whose
 *       pixel value is the object id (0 = background). Ids must be 1..255. Where masks of several
 *       objects overlap, the <b>smallest object id wins</b> (what SAM 2's
 *       {@code tools/vos_inference.py} does when it merges per-object masks); the write reports
 *       every frame with overlapping pixels ({@link WriteSummary#overlaps()}) so callers can warn,
 *       since such a file cannot read back the overlapped masks exactly.
 *   <li>{@link Layout#PER_OBJECT}: {@code DIR/<objId:03d>/<frame:05d>.png}, one binary 8-bit palette
 *       PNG per object and frame (value 1 = object, 0 = background), SAM 2's
 *       {@code --per_obj_png_file} layout. Any id ≥ 0, overlaps kept exactly.
 * </ul>
 *
 * <p>The palette is deterministic: index 0 black, index {@code i} the color of project object
 * {@code i} when there is one, else entry {@code i} of the DAVIS / PASCAL VOC palette. Reading
 * takes object colors back from the palette; PNGs carry no labels, so objects read back with the
 * label {@value #DEFAULT_LABEL}. Grayscale PNGs (pixel value = id) are read as well.
 *
 * <p>Which frames have files: an indexed frame is written when some object has a mask entry on
 * it (an empty mask included); a per-object frame when that object has one. Reading an indexed
 * folder gives every object seen anywhere in it a mask on every frame file (empty where its id is
 * absent: DAVIS annotates all objects on an annotated frame); reading per-object folders gives
 * back exactly the written entries. Non-overlapping masks read back identical (same RLE).
 */
public final class PngMasks {
  public static final String DEFAULT_LABEL = "object";
  /** Largest object id an 8-bit indexed PNG can hold. */
  public static final int MAX_INDEXED_ID = 255;

  private static final Pattern FRAME = Pattern.compile("(\\d+)\\.png");
  private static final Pattern OBJECT_DIR = Pattern.compile("\\d+");

  private PngMasks() {}

  /** The two folder layouts. */
  public enum Layout {
    /** One palette PNG per frame, pixel = object id. */
    INDEXED,
    /** One binary PNG per object and frame in a folder per object. */
    PER_OBJECT
  }

  /** Pixels covered by more than one object on one frame of an indexed write. */
  public record FrameOverlap(int frame, long pixels) {}

  /**
   * What a write produced: the number of PNG files and the frames on which overlapping masks
   * were resolved in favour of the smallest id (always empty for {@link Layout#PER_OBJECT}).
   */
  public record WriteSummary(int files, List<FrameOverlap> overlaps) {
    public WriteSummary {
      overlaps = List.copyOf(overlaps);
    }

    /** Total overlapped pixels over all frames. */
    public long overlappedPixels() {
      return overlaps.stream().mapToLong(FrameOverlap::pixels).sum();
    }
  }

  public static Path frameFile(Path dir, int frame) {
    return dir.resolve(String.format(Locale.ROOT, "%05d.png", frame));
  }

  public static Path objectFrameFile(Path dir, int objectId, int frame) {
    return frameFile(dir.resolve(String.format(Locale.ROOT, "%03d", objectId)), frame);
  }

  /** Writes the project's masks into {@code dir} in {@code layout}, each file atomically. */
  public static WriteSummary write(Project p, Path dir, Layout layout) throws IOException {
    return layout == Layout.INDEXED ? writeIndexed(p, dir, palette(p.objects()))
        : writePerObject(p, dir);
  }

  private static WriteSummary writeIndexed(Project p, Path dir, IndexColorModel palette)
      throws IOException {
    for (Masklet m : p.masklets()) {
      if (m.objectId() < 1 || m.objectId() > MAX_INDEXED_ID) {
        throw new IllegalArgumentException("object id " + m.objectId() + " does not fit an 8-bit "
            + "indexed PNG (ids 1.." + MAX_INDEXED_ID + "); write per-object PNGs instead");
      }
    }
    int h = p.source().height(), w = p.source().width();
    TreeSet<Integer> frames = new TreeSet<>();
    p.masklets().forEach(m -> frames.addAll(m.frames().keySet()));
    // descending ids: a smaller id drawn later overwrites, so the smallest id wins
    List<Masklet> drawOrder = new ArrayList<>(p.masklets());
    drawOrder.sort(Comparator.comparingInt(Masklet::objectId).reversed());
    byte[] mask = new byte[h * w];
    List<FrameOverlap> overlaps = new ArrayList<>();
    for (int frame : frames) {
      byte[] ids = new byte[h * w];
      boolean[] twice = new boolean[h * w];
      long overlapped = 0;
      for (Masklet m : drawOrder) {
        FrameMask fm = m.at(frame);
        if (fm == null || fm.rle().isEmpty()) {
          continue;
        }
        checkSize(fm.rle(), h, w, m.objectId(), frame);
        fm.rle().decodeInto(mask);
        byte id = (byte) m.objectId();
        for (int i = 0; i < mask.length; i++) {
          if (mask[i] != 0) {
            if (ids[i] != 0 && !twice[i]) {
              twice[i] = true;
              overlapped++;
            }
            ids[i] = id;
          }
        }
      }
      if (overlapped > 0) {
        overlaps.add(new FrameOverlap(frame, overlapped));
      }
      writePng(image(ids, h, w, palette), frameFile(dir, frame));
    }
    return new WriteSummary(frames.size(), overlaps);
  }

  private static WriteSummary writePerObject(Project p, Path dir) throws IOException {
    int h = p.source().height(), w = p.source().width();
    Map<Integer, String> colors = new HashMap<>();
    p.objects().forEach(o -> colors.put(o.id(), o.color()));
    int files = 0;
    for (Masklet m : p.masklets()) {
      String color = colors.get(m.objectId());
      IndexColorModel binary = binaryPalette(color != null ? Integer.parseInt(color.substring(1), 16)
          : davisColor(m.objectId() & 0xff));
      for (var e : m.frames().entrySet()) {
        Rle rle = e.getValue().rle();
        checkSize(rle, h, w, m.objectId(), e.getKey());
        writePng(image(rle.decode(), h, w, binary), objectFrameFile(dir, m.objectId(), e.getKey()));
        files++;
      }
    }
    return new WriteSummary(files, List.of());
  }

  private static void checkSize(Rle rle, int h, int w, int objectId, int frame) {
    if (rle.height() != h || rle.width() != w) {
      throw new IllegalArgumentException("object " + objectId + " frame " + frame + ": mask is "
          + rle.width() + "x" + rle.height() + " but the media is " + w + "x" + h);
    }
  }

  private static BufferedImage image(byte[] values, int h, int w, IndexColorModel palette) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette);
    img.getRaster().setDataElements(0, 0, w, h, values);
    return img;
  }

  private static void writePng(BufferedImage img, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available for " + file);
      }
    });
  }

  /** The 256-entry palette: black, project object colors, DAVIS colors elsewhere. */
  public static IndexColorModel palette(List<TrackedObject> objects) {
    byte[] r = new byte[256], g = new byte[256], b = new byte[256];
    for (int i = 0; i < 256; i++) {
      int rgb = davisColor(i);
      r[i] = (byte) (rgb >> 16);
      g[i] = (byte) (rgb >> 8);
      b[i] = (byte) rgb;
    }
    for (TrackedObject o : objects) {
      if (o.id() >= 1 && o.id() < 256) {
        int rgb = Integer.parseInt(o.color().substring(1), 16);
        r[o.id()] = (byte) (rgb >> 16);
        g[o.id()] = (byte) (rgb >> 8);
        b[o.id()] = (byte) rgb;
      }
    }
    return new IndexColorModel(8, 256, r, g, b);
  }

  /** Black (index 0) and the object's color (index 1). */
  private static IndexColorModel binaryPalette(int rgb) {
    byte[] r = {0, (byte) (rgb >> 16)}, g = {0, (byte) (rgb >> 8)}, b = {0, (byte) rgb};
    return new IndexColorModel(8, 2, r, g, b);
  }

  /**
   * Entry {@code i} of the DAVIS / PASCAL VOC palette: the bits of {@code i} spread over the
   * channels, three at a time, from the most significant color bit down.
   */
  public static int davisColor(int i) {
    int r = 0, g = 0, b = 0;
    int c = i;
    for (int j = 0; j < 8; j++) {
      r |= (c & 1) << (7 - j);
      g |= ((c >> 1) & 1) << (7 - j);
      b |= ((c >> 2) & 1) << (7 - j);
      c >>= 3;
    }
    return r << 16 | g << 8 | b;
  }

  /** Which layout {@code dir} holds; a clear error when it holds neither or both. */
  public static Layout detect(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new FormatException(dir, "", "not a folder of PNG masks");
    }
    boolean frames = false, objects = false;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        String n = f.getFileName().toString();
        if (Files.isRegularFile(f) && FRAME.matcher(n).matches()) {
          frames = true;
        } else if (Files.isDirectory(f) && OBJECT_DIR.matcher(n).matches()) {
          objects = true;
        }
      }
    }
    if (frames && objects) {
      throw new FormatException(dir, "", "holds both <frame>.png files and <object>/ folders; "
          + "keep one layout per folder");
    }
    if (!frames && !objects) {
      throw new FormatException(dir, "", "no <frame>.png files and no <object>/ folders of them");
    }
    return frames ? Layout.INDEXED : Layout.PER_OBJECT;
  }

  /** Reads a folder written by {@link #write} (the layout is detected). */
  public static Project read(Path dir) throws IOException {
    return detect(dir) == Layout.INDEXED ? readIndexed(dir) : readPerObject(dir);
  }

  private static Project readIndexed(Path dir) throws IOException {
    TreeMap<Integer, Path> files = frameFiles(dir);
    Size size = new Size();
    Map<Integer, String> colors = new TreeMap<>();
    Map<Integer, TreeMap<Integer, Rle>> masks = new TreeMap<>();
    for (var e : files.entrySet()) {
      Path f = e.getValue();
      Pixels px = readPixels(f);
      size.check(f, px);
      Map<Integer, byte[]> perId = new HashMap<>();
      int[] v = px.values();
      for (int i = 0; i < v.length; i++) {
        if (v[i] != 0) {
          perId.computeIfAbsent(v[i], k -> new byte[v.length])[i] = 1;
        }
      }
      for (var o : perId.entrySet()) {
        colors.putIfAbsent(o.getKey(), px.color(o.getKey()));
        masks.computeIfAbsent(o.getKey(), k -> new TreeMap<>())
            .put(e.getKey(), Rle.encode(o.getValue(), px.height(), px.width()));
      }
    }
    Rle empty = Rle.empty(size.h, size.w);
    List<Masklet> masklets = new ArrayList<>();
    for (var m : masks.entrySet()) {
      TreeMap<Integer, FrameMask> frames = new TreeMap<>();
      for (int frame : files.keySet()) {
        frames.put(frame, FrameMask.unscored(m.getValue().getOrDefault(frame, empty),
            Provenance.EDITED));
      }
      masklets.add(new Masklet(m.getKey(), frames));
    }
    return project(dir, colors, masklets, files.lastKey(), size);
  }

  private static Project readPerObject(Path dir) throws IOException {
    List<Path> objectDirs;
    try (Stream<Path> s = Files.list(dir)) {
      objectDirs = s.filter(Files::isDirectory)
          .filter(d -> OBJECT_DIR.matcher(d.getFileName().toString()).matches()).toList();
    }
    Size size = new Size();
    Map<Integer, String> colors = new TreeMap<>();
    List<Masklet> masklets = new ArrayList<>();
    int maxFrame = -1;
    for (Path od : objectDirs) {
      int id;
      try {
        id = Integer.parseInt(od.getFileName().toString());
      } catch (NumberFormatException ex) {
        throw new FormatException(od, "", "object folder name is not an integer id");
      }
      if (colors.containsKey(id)) {
        throw new FormatException(od, "", "a second folder for object " + id);
      }
      TreeMap<Integer, Path> files = frameFiles(od);
      TreeMap<Integer, FrameMask> frames = new TreeMap<>();
      String color = null;
      for (var e : files.entrySet()) {
        Pixels px = readPixels(e.getValue());
        size.check(e.getValue(), px);
        int[] v = px.values();
        byte[] bin = new byte[v.length];
        int fg = 0;
        for (int i = 0; i < v.length; i++) {
          if (v[i] != 0) {
            bin[i] = 1;
            fg = v[i];
          }
        }
        if (color == null && fg != 0) {
          color = px.color(fg);
        }
        frames.put(e.getKey(), FrameMask.unscored(Rle.encode(bin, px.height(), px.width()),
            Provenance.EDITED));
      }
      colors.put(id, color != null ? color : TrackedObject.defaultColor(id));
      masklets.add(new Masklet(id, frames));
      maxFrame = Math.max(maxFrame, files.lastKey());
    }
    masklets.sort(Comparator.comparingInt(Masklet::objectId));
    return project(dir, colors, masklets, maxFrame, size);
  }

  private static Project project(Path dir, Map<Integer, String> colors, List<Masklet> masklets,
      int maxFrame, Size size) {
    List<TrackedObject> objects = new ArrayList<>();
    colors.forEach((id, c) -> objects.add(new TrackedObject(id, DEFAULT_LABEL, c)));
    MediaSource src = new MediaSource(MediaSource.Kind.IMAGE_FOLDER, dir.toString(),
        maxFrame + 1, 0, size.w, size.h);
    return new Project(src, objects, masklets, List.of(), List.of());
  }

  /** {@code <frame>.png} files of a folder by frame index; fails when there are none. */
  private static TreeMap<Integer, Path> frameFiles(Path dir) throws IOException {
    TreeMap<Integer, Path> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        Matcher m = FRAME.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f)) {
          int frame;
          try {
            frame = Integer.parseInt(m.group(1));
          } catch (NumberFormatException ex) {
            throw new FormatException(f, "", "frame number out of range");
          }
          Path prev = files.put(frame, f);
          if (prev != null) {
            throw new FormatException(f, "", "frame " + frame + " also given by " + prev.getFileName());
          }
        }
      }
    }
    if (files.isEmpty()) {
      throw new FormatException(dir, "", "no <frame>.png files");
    }
    return files;
  }

  /** One PNG's single-band values and its palette (null for grayscale). */
  private record Pixels(int height, int width, int[] values, IndexColorModel palette) {
    String color(int value) {
      if (palette != null && value < palette.getMapSize()) {
        return String.format(Locale.ROOT, "#%06x", palette.getRGB(value) & 0xffffff);
      }
      return TrackedObject.defaultColor(value);
    }
  }

  private static Pixels readPixels(Path file) throws IOException {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new FormatException(file, "", "unreadable PNG: " + e.getMessage(), e);
    }
    if (img == null) {
      throw new FormatException(file, "", "not a readable PNG");
    }
    Raster raster = img.getRaster();
    ColorModel cm = img.getColorModel();
    if (raster.getNumBands() != 1) {
      throw new FormatException(file, "", "has " + raster.getNumBands() + " color channels; mask "
          + "PNGs are 8-bit indexed (palette) or grayscale with pixel value = object id");
    }
    int w = img.getWidth(), h = img.getHeight();
    int[] values = raster.getSamples(0, 0, w, h, 0, (int[]) null);
    return new Pixels(h, w, values, cm instanceof IndexColorModel icm ? icm : null);
  }

  /** The frame size shared by all files of a folder. */
  private static final class Size {
    int h = -1, w = -1;

    void check(Path file, Pixels px) throws FormatException {
      if (h < 0) {
        h = px.height();
        w = px.width();
      } else if (px.height() != h || px.width() != w) {
        throw new FormatException(file, "", "is " + px.width() + "x" + px.height()
            + " but other mask PNGs are " + w + "x" + h);
      }
    }
  }
}
