package io.masklet.model.rle;

import java.util.Arrays;

/** Set operations computed directly on run lengths (no pixels), like pycocotools' merge/iou. */
final class RleOps {
  private RleOps() {}

  /** Union or intersection of two run sequences of equal total; result is canonical. */
  static int[] merge(int[] a, int[] b, boolean intersect) {
    RunsBuilder out = new RunsBuilder(a.length + b.length + 1);
    walk(a, b, (c, va, vb) -> out.add(intersect ? (va & vb) : (va | vb), c));
    return out.finish();
  }

  /** Complement: prepend or drop the leading empty 0-run. */
  static int[] complement(int[] counts) {
    if (counts.length > 1 && counts[0] == 0) {
      return Arrays.copyOfRange(counts, 1, counts.length);
    }
    int[] out = new int[counts.length + 1];
    System.arraycopy(counts, 0, out, 1, counts.length);
    return out;
  }

  /** {intersection, union} pixel counts. */
  static long[] intersectionAndUnion(Rle x, Rle y) {
    long[] iu = new long[2];
    walk(x.counts(), y.counts(), (c, va, vb) -> {
      if ((va | vb) != 0) {
        iu[1] += c;
        if ((va & vb) != 0) {
          iu[0] += c;
        }
      }
    });
    return iu;
  }

  /** A stretch of {@code length} pixels where mask a has value {@code va} and b has {@code vb}. */
  private interface SegmentVisitor {
    void segment(long length, int va, int vb);
  }

  /**
   * Walks two run sequences together, visiting each stretch where neither changes value, in
   * order; stops when either is exhausted.
   */
  private static void walk(int[] a, int[] b, SegmentVisitor visitor) {
    int ia = 0, ib = 0;
    long ca = a.length > 0 ? a[0] : 0;
    long cb = b.length > 0 ? b[0] : 0;
    int va = 0, vb = 0;
    while (true) {
      // skip exhausted (zero-length) runs
      while (ca == 0 && ia + 1 < a.length) {
        ca = a[++ia];
        va ^= 1;
      }
      while (cb == 0 && ib + 1 < b.length) {
        cb = b[++ib];
        vb ^= 1;
      }
      if (ca == 0 || cb == 0) {
        return;
      }
      long c = Math.min(ca, cb);
      visitor.segment(c, va, vb);
      ca -= c;
      cb -= c;
    }
  }

  /** Builds a canonical run sequence (first run is zeros) from consecutive value stretches. */
  private static final class RunsBuilder {
    private final int[] out;
    private int m;
    private int v; // value of the run being accumulated
    private long acc;

    RunsBuilder(int capacity) {
      out = new int[capacity];
    }

    void add(int value, long length) {
      if (value != v) {
        out[m++] = (int) acc;
        acc = 0;
        v = value;
      }
      acc += length;
    }

    int[] finish() {
      out[m++] = (int) acc;
      return Arrays.copyOf(out, m);
    }
  }
}
