package io.masklet.model.contour;

import io.masklet.model.rle.Rle;
import java.util.Arrays;
import java.util.List;

/**
 * Fills polygons with the even-odd rule, sampling each pixel at its centre (x + 0.5, y + 0.5).
 * Used to read plain LabelMe polygons (without an RLE), COCO polygon segmentations and to check
 * traced contours.
 *
 * <p>The runs are built without a mask of the whole image: only the rows the edges span are
 * scanned, and a column's run boundaries are where a row's filled spans differ from the row
 * above's. A COCO file of small objects on large frames used to clear and encode a full-frame
 * mask per polygon, which cost far more than the polygon. Which edges cross a row's centre,
 * where, and how the crossings pair up and round to pixels is computed with exactly the
 * arithmetic of a plain full-image fill, so the masks are the same bit for bit, degenerate,
 * self-intersecting and out-of-range polygons included.
 */
public final class PolygonRaster {
  private PolygonRaster() {}

  /**
   * Rasterizes polygons given as {x0, y0, x1, y1, ...} arrays into a mask of size h × w. All
   * polygons' crossings go into one even-odd count per row, so where two polygons overlap the
   * pixels are not set.
   */
  public static Rle fill(List<double[]> polygons, int h, int w) {
    Edges edges = Edges.of(polygons, h);
    IntList diffs = scanRows(edges, w);
    return runs(diffs, h, w);
  }

  /**
   * The polygons' edges that may cross a row centre, each with a range of rows that holds every
   * row it crosses (a few more at the ends, where the exact test rejects them), sorted by
   * first row.
   */
  private record Edges(double[] x0, double[] y0, double[] x1, double[] y1, int[] rowFrom,
      int[] rowTo, int[] byFirstRow, int count) {

    static Edges of(List<double[]> polygons, int h) {
      int total = 0;
      for (double[] p : polygons) {
        total += p.length / 2;
      }
      double[] x0 = new double[total], y0 = new double[total];
      double[] x1 = new double[total], y1 = new double[total];
      int[] rowFrom = new int[total], rowTo = new int[total];
      long[] keys = new long[total];
      int m = 0;
      for (double[] p : polygons) {
        int k = p.length / 2;
        for (int i = 0; i < k; i++) {
          int j = (i + 1) % k;
          double a = p[2 * i + 1], b = p[2 * j + 1];
          // NaN is never <= a row centre, so for the crossing test it is +infinity
          double lo = Math.min(nanHigh(a), nanHigh(b));
          double hi = Math.max(nanHigh(a), nanHigh(b));
          if (!(lo < hi)) {
            continue; // both ends on the same side of every centre
          }
          // a crossed row has lo <= y + 0.5 < hi; the margins absorb any rounding
          int from = clampRow(Math.floor(lo) - 1, h);
          int to = clampRow(Math.ceil(hi) + 1, h);
          if (from >= to) {
            continue;
          }
          x0[m] = p[2 * i];
          y0[m] = a;
          x1[m] = p[2 * j];
          y1[m] = b;
          rowFrom[m] = from;
          rowTo[m] = to;
          keys[m] = (long) from << 32 | m;
          m++;
        }
      }
      Arrays.sort(keys, 0, m);
      int[] order = new int[m];
      for (int i = 0; i < m; i++) {
        order[i] = (int) keys[i];
      }
      return new Edges(x0, y0, x1, y1, rowFrom, rowTo, order, m);
    }

    private static double nanHigh(double v) {
      return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static int clampRow(double row, int h) {
      return (int) Math.max(0, Math.min(h, row));
    }
  }

  /**
   * Scans the rows the edges span and returns, as (row, fromX, toX) triples in row order, the
   * stretches of columns whose pixel differs from the one above (the row above the first and
   * below the last scanned row being empty).
   */
  private static IntList scanRows(Edges e, int w) {
    IntList diffs = new IntList();
    if (e.count() == 0) {
      return diffs;
    }
    int[] order = e.byFirstRow();
    int[] active = new int[e.count()];
    int activeCount = 0;
    int next = 0;
    int yStart = e.rowFrom()[order[0]];
    int yEnd = 0;
    for (int i = 0; i < e.count(); i++) {
      yEnd = Math.max(yEnd, e.rowTo()[i]);
    }
    double[] xs = new double[16];
    // a row's filled spans as toggle columns: [from0, to0, from1, to1, ...], strictly increasing
    IntList previous = new IntList();
    IntList current = new IntList();
    for (int y = yStart; y < yEnd; y++) {
      while (next < order.length && e.rowFrom()[order[next]] == y) {
        active[activeCount++] = order[next++];
      }
      double cy = y + 0.5;
      int n = 0;
      for (int q = 0; q < activeCount; ) {
        int k = active[q];
        if (e.rowTo()[k] <= y) {
          active[q] = active[--activeCount]; // the crossings are sorted below: order is free
          continue;
        }
        double y0 = e.y0()[k], y1 = e.y1()[k];
        // half-open rule so a vertex on the scanline is counted once
        if ((y0 <= cy) != (y1 <= cy)) {
          double x0 = e.x0()[k], x1 = e.x1()[k];
          if (n == xs.length) {
            xs = Arrays.copyOf(xs, n * 2);
          }
          xs[n++] = x0 + (cy - y0) * (x1 - x0) / (y1 - y0);
        }
        q++;
      }
      Arrays.sort(xs, 0, n);
      current.clear();
      for (int i = 0; i + 1 < n; i += 2) {
        // pixels whose centre lies in [xs[i], xs[i+1]); sorted crossings give disjoint spans
        int from = (int) Math.max(0, Math.ceil(xs[i] - 0.5));
        int to = (int) Math.min(w, Math.ceil(xs[i + 1] - 0.5));
        if (from < to) {
          if (current.size() > 0 && current.last() == from) {
            current.setLast(to); // touching spans are one run
          } else {
            current.add(from);
            current.add(to);
          }
        }
      }
      addDifference(previous, current, y, diffs);
      IntList t = previous;
      previous = current;
      current = t;
    }
    current.clear();
    addDifference(previous, current, yEnd, diffs);
    return diffs;
  }

  /** Appends the column stretches where exactly one of two rows' spans is filled. */
  private static void addDifference(IntList above, IntList row, int y, IntList diffs) {
    int i = 0, j = 0, parity = 0;
    while (i < above.size() || j < row.size()) {
      int t;
      if (j == row.size() || (i < above.size() && above.get(i) < row.get(j))) {
        t = above.get(i++);
      } else if (i == above.size() || row.get(j) < above.get(i)) {
        t = row.get(j++);
      } else {
        i++; // both toggle here: no change against the row above
        j++;
        continue;
      }
      if (parity == 0) {
        diffs.add(y);
      }
      diffs.add(t);
      parity ^= 1;
    }
  }

  /**
   * Column-major counts from the stretches of {@link #scanRows}: each column in range gets its
   * changing rows, in order, as run boundaries.
   */
  private static Rle runs(IntList diffs, int h, int w) {
    long total = (long) h * w;
    int xMin = w, xMax = 0;
    for (int i = 0; i < diffs.size(); i += 3) {
      xMin = Math.min(xMin, diffs.get(i + 1));
      xMax = Math.max(xMax, diffs.get(i + 2));
    }
    if (xMin >= xMax) {
      return new Rle(h, w, new int[] {(int) total});
    }
    int span = xMax - xMin;
    int[] columnStart = new int[span + 1];
    for (int i = 0; i < diffs.size(); i += 3) {
      for (int x = diffs.get(i + 1); x < diffs.get(i + 2); x++) {
        columnStart[x - xMin + 1]++;
      }
    }
    for (int c = 0; c < span; c++) {
      columnStart[c + 1] += columnStart[c];
    }
    int[] rows = new int[columnStart[span]];
    int[] fill = Arrays.copyOf(columnStart, span);
    for (int i = 0; i < diffs.size(); i += 3) {
      int y = diffs.get(i);
      for (int x = diffs.get(i + 1); x < diffs.get(i + 2); x++) {
        rows[fill[x - xMin]++] = y;
      }
    }
    long[] bounds = new long[rows.length];
    int nb = 0;
    for (int c = 0; c < span; c++) {
      long base = (long) (xMin + c) * h;
      for (int r = columnStart[c]; r < columnStart[c + 1]; r++) {
        long pos = base + rows[r];
        if (nb > 0 && bounds[nb - 1] == pos) {
          nb--; // a column ends set where the next one starts set: one run across both
        } else {
          bounds[nb++] = pos;
        }
      }
    }
    if (nb > 0 && bounds[nb - 1] == total) {
      nb--; // the last column ends set: the run ends with the mask
    }
    int[] counts = new int[nb + 1];
    long last = 0;
    for (int i = 0; i < nb; i++) {
      counts[i] = (int) (bounds[i] - last);
      last = bounds[i];
    }
    counts[nb] = (int) (total - last);
    return new Rle(h, w, counts);
  }

  private static final class IntList {
    private int[] a = new int[16];
    private int n;

    int size() {
      return n;
    }

    int get(int i) {
      return a[i];
    }

    int last() {
      return a[n - 1];
    }

    void setLast(int v) {
      a[n - 1] = v;
    }

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    void clear() {
      n = 0;
    }
  }
}
