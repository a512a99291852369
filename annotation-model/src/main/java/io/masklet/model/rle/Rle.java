package io.masklet.model.rle;

import java.util.Arrays;
import java.util.List;

/**
 * A binary mask as COCO run-length encoding, byte-compatible with pycocotools.
 *
 * <p>The mask is read in column-major order (down the first column, then the next), as
 * pycocotools does; {@code counts} alternates run lengths of 0s and 1s, starting with a run of
 * 0s (which is empty when the first pixel is set). Instances built by {@link #encode} and the
 * set operations are canonical: every run after the first is non-empty. Images in this project
 * are row-major, so {@link #encode(byte[], int, int)} and {@link #decode()} take and give
 * row-major masks and do the transposition themselves.
 *
 * <p>Area, bounding box, IoU and merge work on the runs alone, without decoding pixels.
 *
 * @param height mask height in pixels
 * @param width mask width in pixels
 * @param counts run lengths; owned by this record (callers must not modify the array)
 */
public record Rle(int height, int width, int[] counts) {

  /** Validates sizes and that the runs cover exactly {@code height × width} pixels. */
  public Rle {
    if (height < 0 || width < 0) {
      throw new IllegalArgumentException("RLE size must be non-negative, got " + height + "x" + width);
    }
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("RLE count " + i + " is negative (" + counts[i] + ")");
      }
      total += counts[i];
    }
    if (total != (long) height * width) {
      throw new IllegalArgumentException("RLE counts sum to " + total + " but size [" + height
          + ", " + width + "] has " + ((long) height * width) + " pixels");
    }
  }

  /** An all-zero mask of the given size. */
  public static Rle empty(int height, int width) {
    return new Rle(height, width, new int[] {height * width});
  }

  /** An all-one mask of the given size. */
  public static Rle full(int height, int width) {
    return new Rle(height, width, new int[] {0, height * width});
  }

  /**
   * Encodes a row-major mask ({@code mask[y * width + x]}, any non-zero byte is foreground).
   */
  public static Rle encode(byte[] mask, int height, int width) {
    checkLength(mask.length, height, width);
    return new Rle(height, width, RleEncoder.encodeRowMajor(mask, height, width));
  }

  /** Encodes a row-major boolean mask ({@code mask[y * width + x]}). */
  public static Rle encode(boolean[] mask, int height, int width) {
    checkLength(mask.length, height, width);
    return new Rle(height, width, RleEncoder.encodeRowMajor(mask, height, width));
  }

  /** Parses pycocotools' compressed {@code counts} string for a mask of the given size. */
  public static Rle fromString(int height, int width, String compressedCounts) {
    return new Rle(height, width, RleStrings.decode(compressedCounts));
  }

  /** pycocotools' compressed {@code counts} string of this mask. */
  public String toCompressedString() {
    return RleStrings.encode(counts);
  }

  /** Decodes to a new row-major mask of 0/1 bytes. */
  public byte[] decode() {
    byte[] out = new byte[height * width];
    decodeInto(out);
    return out;
  }

  /**
   * Decodes into {@code out} (row-major, length {@code height × width}), writing 0 or 1 into
   * every pixel; lets callers reuse one buffer across frames.
   */
  public void decodeInto(byte[] out) {
    checkLength(out.length, height, width);
    RleEncoder.decodeRowMajor(counts, height, width, out);
  }

  /** Number of foreground pixels (sum of the odd-indexed runs, as pycocotools' area). */
  public long area() {
    long a = 0;
    for (int i = 1; i < counts.length; i += 2) {
      a += counts[i];
    }
    return a;
  }

  /** True when no pixel is set. */
  public boolean isEmpty() {
    for (int i = 1; i < counts.length; i += 2) {
      if (counts[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Value of pixel (x, y), found by walking the runs. */
  public boolean get(int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width + "x" + height);
    }
    long target = (long) x * height + y;
    long pos = 0;
    for (int i = 0; i < counts.length; i++) {
      pos += counts[i];
      if (target < pos) {
        return (i & 1) == 1;
      }
    }
    return false;
  }

  /**
   * Bounding box as pycocotools' {@code toBbox} computes it: the tightest box around the
   * foreground (all zeros for an empty mask); a run that wraps from one column into the next
   * spans the full height.
   */
  public BoundingBox bbox() {
    int m = counts.length / 2 * 2;
    if (m == 0 || isEmpty()) {
      // pycocotools gives zeros for m == 0; for an empty canonical RLE m is 0 as well.
      return new BoundingBox(0, 0, 0, 0);
    }
    long h = height;
    long xs = width, ys = height, xe = 0, ye = 0, xp = 0;
    long cc = 0;
    for (int j = 0; j < m; j++) {
      cc += counts[j];
      long t = cc - (j % 2);
      long y = t % h;
      long x = (t - y) / h;
      if (j % 2 == 0) {
        xp = x;
      } else if (xp < x) {
        ys = 0;
        ye = h - 1;
      }
      xs = Math.min(xs, x);
      xe = Math.max(xe, x);
      ys = Math.min(ys, y);
      ye = Math.max(ye, y);
    }
    return new BoundingBox((int) xs, (int) ys, (int) (xe - xs + 1), (int) (ye - ys + 1));
  }

  /**
   * Intersection over union with another mask of the same size; 0 when the intersection is
   * empty (pycocotools' convention, which also makes two empty masks score 0).
   */
  public double iou(Rle other) {
    requireSameSize(other);
    long[] iu = RleOps.intersectionAndUnion(this, other);
    return iu[0] == 0 ? 0.0 : (double) iu[0] / (double) iu[1];
  }

  /** Pixels set in both masks, counted from the runs. */
  public long intersectionArea(Rle other) {
    requireSameSize(other);
    return RleOps.intersectionAndUnion(this, other)[0];
  }

  /** Union of this mask and {@code other}. */
  public Rle union(Rle other) {
    requireSameSize(other);
    return new Rle(height, width, RleOps.merge(counts, other.counts, false));
  }

  /** Intersection of this mask and {@code other}. */
  public Rle intersection(Rle other) {
    requireSameSize(other);
    return new Rle(height, width, RleOps.merge(counts, other.counts, true));
  }

  /** This mask without the pixels of {@code other}. */
  public Rle minus(Rle other) {
    requireSameSize(other);
    return new Rle(height, width, RleOps.merge(counts, RleOps.complement(other.counts), true));
  }

  /** The complement of this mask. */
  public Rle invert() {
    return new Rle(height, width, RleOps.complement(counts));
  }

  /**
   * pycocotools' {@code merge}: the union (or intersection) of all masks, which must share
   * one size.
   */
  public static Rle merge(List<Rle> masks, boolean intersect) {
    if (masks.isEmpty()) {
      throw new IllegalArgumentException("merge needs at least one mask");
    }
    Rle acc = masks.get(0).canonical();
    for (int i = 1; i < masks.size(); i++) {
      acc = intersect ? acc.intersection(masks.get(i)) : acc.union(masks.get(i));
    }
    return acc;
  }

  /** This mask with zero-length runs removed (what {@link #encode} would produce). */
  public Rle canonical() {
    return new Rle(height, width, RleOps.merge(counts, new int[] {height * width}, false));
  }

  private void requireSameSize(Rle other) {
    if (other.height != height || other.width != width) {
      throw new IllegalArgumentException("RLE sizes differ: [" + height + ", " + width + "] vs ["
          + other.height + ", " + other.width + "]");
    }
  }

  private static void checkLength(int length, int height, int width) {
    if (height < 0 || width < 0 || (long) height * width != length) {
      throw new IllegalArgumentException("mask buffer has " + length + " pixels, size is "
          + height + "x" + width);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rle r && r.height == height && r.width == width
        && Arrays.equals(r.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Rle[size=[" + height + ", " + width + "], area=" + area() + ", runs=" + counts.length + "]";
  }
}
