package io.masklet.engine.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Opens frame sources and reads them ahead of their consumer. */
public final class FrameSources {
  /** Default bound of each source's decoded-frame cache: ~170 frames of 960×540. */
  public static final long DEFAULT_CACHE_BYTES = 256L << 20;

  /** File name extensions read as images (case-insensitive). */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp");

  private FrameSources() {}

  /** {@link #open(Path, long)} with the default cache size. */
  public static FrameSource open(Path path) throws IOException {
    return open(path, DEFAULT_CACHE_BYTES);
  }

  /**
   * Opens a video file (anything the bundled FFmpeg demuxes and decodes), a folder of images in
   * natural order, or a single image, with a decoded-frame cache of at most {@code cacheBytes}.
   *
   * @throws NoSuchFileException if {@code path} does not exist
   * @throws IOException if it is not a readable video or image (the message names the file)
   */
  public static FrameSource open(Path path, long cacheBytes) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "video or image folder not found");
    }
    if (Files.isDirectory(path)) {
      return new ImageFolderSource(path.toString(), imagesIn(path), cacheBytes);
    }
    if (!Files.isReadable(path)) {
      throw new IOException("cannot read " + path + " (permission denied)");
    }
    if (Files.size(path) == 0) {
      throw new IOException("empty file: " + path);
    }
    if (isImage(path)) {
      return new ImageFolderSource(path.toString(), List.of(path), cacheBytes);
    }
    return new VideoFileSource(path, cacheBytes);
  }

  /** Whether {@code path}'s extension is one of {@link #IMAGE_EXTENSIONS}. */
  public static boolean isImage(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** The image files directly in {@code folder}, in natural order; hidden files skipped. */
  public static List<Path> imagesIn(Path folder) throws IOException {
    List<Path> images = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      entries.filter(p -> Files.isRegularFile(p) && isImage(p)
              && !p.getFileName().toString().startsWith("."))
          .forEach(images::add);
    }
    images.sort(Comparator.comparing(p -> p.getFileName().toString(), FrameSources::naturalCompare));
    return images;
  }

  /**
   * Natural order of file names: runs of digits compare as numbers ({@code frame_2} before
   * {@code frame_10}), other characters case-insensitively; ties fall back to plain order.
   */
  public static int naturalCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String da = stripZeros(a.substring(si, i));
        String db = stripZeros(b.substring(sj, j));
        int c = da.length() != db.length() ? Integer.compare(da.length(), db.length())
            : da.compareTo(db);
        if (c != 0) {
          return c;
        }
      } else {
        int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
        if (c != 0) {
          return c;
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }

  /**
   * Reads {@code count} frames from {@code start} (forward, or backward when {@code reverse})
   * on a producer thread that works up to {@code capacity} frames ahead of the consumer. It
   * decodes on its own {@link FrameSource#reopen() reopened} copy of {@code source}, so the
   * caller may keep using {@code source} (for scrubbing) meanwhile. Close the reader to stop
   * the thread early.
   */
  public static FrameReader prefetch(FrameSource source, int start, int count, boolean reverse,
      int capacity) throws IOException {
    int n = source.frameCount();
    int last = reverse ? start - count + 1 : start + count - 1;
    if (count < 0 || start < 0 || start >= n || last < 0 || last >= n) {
      if (count != 0) {
        throw new IndexOutOfBoundsException("cannot read " + count + " frames "
            + (reverse ? "backward" : "forward") + " from frame " + start + ": "
            + source.location() + " has " + n + " frames");
      }
    }
    return new PrefetchingFrameReader(source.reopen(), start, count, reverse ? -1 : 1, capacity);
  }
}
