package io.masklet.model.rle;

import java.util.Arrays;

/** Set operations computed directly on run lengths (no pixels), like pycocotools' merge/iou. */
final class RleOps {
  private RleOps() {}

  /** Union or intersection of two run sequences of equal total; result is canonical. */
  static int[] merge(int[] a, int[] b, boolean intersect) {
    int[] out = new int[a.length + b.length + 1];
    int m = 0;
    int ia = 0, ib = 0;
    long ca = a.length > 0 ? a[0] : 0;
    long cb = b.length > 0 ? b[0] : 0;
    int va = 0, vb = 0;
    int v = 0; // value of the run being accumulated in out
    long acc = 0;
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
        break;
      }
      long c = Math.min(ca, cb);
      int val = intersect ? (va & vb) : (va | vb);
      if (val != v) {
        out[m++] = (int) acc;
        acc = 0;
        v = val;
      }
      acc += c;
      ca -= c;
      cb -= c;
    }
    out[m++] = (int) acc;
    return Arrays.copyOf(out, m);
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
    int[] a = x.counts();
    int[] b = y.counts();
    int ia = 0, ib = 0;
    long ca = a.length > 0 ? a[0] : 0;
    long cb = b.length > 0 ? b[0] : 0;
    int va = 0, vb = 0;
    long inter = 0, union = 0;
    while (true) {
      while (ca == 0 && ia + 1 < a.length) {
        ca = a[++ia];
        va ^= 1;
      }
      while (cb == 0 && ib + 1 < b.length) {
        cb = b[++ib];
        vb ^= 1;
      }
      if (ca == 0 || cb == 0) {
        break;
      }
      long c = Math.min(ca, cb);
      if ((va | vb) != 0) {
        union += c;
        if ((va & vb) != 0) {
          inter += c;
        }
      }
      ca -= c;
      cb -= c;
    }
    return new long[] {inter, union};
  }
}
