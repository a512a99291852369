package io.masklet.model.rle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Row-major pixels ⇄ column-major runs without transposing the image: columns are handled in
 * strips of eight, reading or writing one row of a strip as a single {@code long}. Encoding
 * compares each row word with the previous one and only looks at the changed bytes (masks are
 * mostly constant from one row to the next); decoding XORs per-row toggle words built from the
 * runs. Widths that are not a multiple of eight finish with a per-pixel loop.
 */
final class RleEncoder {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int STRIP = 8;

  private RleEncoder() {}

  /** Builds counts from the column-major flip positions (where the pixel value changes). */
  private static final class CountsBuilder {
    int[] counts = new int[64];
    int m;
    long last;
    int value; // value of the stream at the end of the last emitted column

    void flip(long pos) {
      if (m == counts.length) {
        counts = Arrays.copyOf(counts, m * 2);
      }
      counts[m++] = (int) (pos - last);
      last = pos;
    }

    /**
     * Appends one column given its flip rows relative to a column that starts at value 0.
     */
    void column(long base, int[] rows, int n) {
      int i = 0;
      if (value == 1) {
        if (n > 0 && rows[0] == 0) {
          i = 1; // the column starts with 1 too: no change at its first pixel
        } else {
          flip(base);
        }
      }
      for (; i < n; i++) {
        flip(base + rows[i]);
      }
      value = n & 1;
    }

    int[] finish(long total) {
      flip(total);
      return Arrays.copyOf(counts, m);
    }
  }

  static int[] encodeRowMajor(byte[] mask, int h, int w) {
    CountsBuilder out = new CountsBuilder();
    int[][] flips = new int[STRIP][h + 1];
    int[] nflips = new int[STRIP];
    int x0 = 0;
    for (; x0 + STRIP <= w; x0 += STRIP) {
      Arrays.fill(nflips, 0);
      long prevRaw = 0;
      long prevSet = 0;
      for (int y = 0, idx = x0; y < h; y++, idx += w) {
        long cur = (long) LONGS.get(mask, idx);
        if (cur != prevRaw) {
          long set = nonZeroBytes(cur);
          for (long d = set ^ prevSet; d != 0; d &= d - 1) {
            int b = Long.numberOfTrailingZeros(d) >>> 3;
            flips[b][nflips[b]++] = y;
          }
          prevSet = set;
          prevRaw = cur;
        }
      }
      for (int b = 0; b < STRIP; b++) {
        out.column((long) (x0 + b) * h, flips[b], nflips[b]);
      }
    }
    int[] rows = flips[0];
    for (int x = x0; x < w; x++) {
      int n = 0;
      boolean prev = false;
      for (int y = 0, idx = x; y < h; y++, idx += w) {
        boolean v = mask[idx] != 0;
        if (v != prev) {
          rows[n++] = y;
          prev = v;
        }
      }
      out.column((long) x * h, rows, n);
    }
    return out.finish((long) h * w);
  }

  /** Sets the high bit of every non-zero byte of {@code v} and clears all other bits. */
  private static long nonZeroBytes(long v) {
    final long low7 = 0x7f7f7f7f7f7f7f7fL;
    return (((v & low7) + low7) | v) & 0x8080808080808080L;
  }

  static int[] encodeRowMajor(boolean[] mask, int h, int w) {
    CountsBuilder out = new CountsBuilder();
    int[] rows = new int[h + 1];
    for (int x = 0; x < w; x++) {
      int n = 0;
      boolean prev = false;
      for (int y = 0, idx = x; y < h; y++, idx += w) {
        boolean v = mask[idx];
        if (v != prev) {
          rows[n++] = y;
          prev = v;
        }
      }
      out.column((long) x * h, rows, n);
    }
    return out.finish((long) h * w);
  }

  /** Walks the runs column by column, yielding each column's start value and flip rows. */
  private static final class ColumnCursor {
    final int[] counts;
    final int h;
    int j; // current run
    long runEnd; // end (exclusive) of run j

    ColumnCursor(int[] counts, int h) {
      this.counts = counts;
      this.h = h;
      this.runEnd = counts.length > 0 ? counts[0] : 0;
    }

    /** Fills {@code rows} with the flip rows of column x; returns count, start value in bit 31. */
    int column(int x, int[] rows) {
      long base = (long) x * h;
      while (runEnd <= base && j + 1 < counts.length) {
        j++;
        runEnd += counts[j];
      }
      int start = j & 1;
      int n = 0;
      long end = base + h;
      while (runEnd < end && j + 1 < counts.length) {
        rows[n++] = (int) (runEnd - base);
        j++;
        runEnd += counts[j];
      }
      return n | (start << 31);
    }
  }

  static void decodeRowMajor(int[] counts, int h, int w, byte[] out) {
    ColumnCursor cursor = new ColumnCursor(counts, h);
    int[][] flips = new int[STRIP][h + 2];
    // toggles[y]: the bytes of the strip's row word that change value at row y
    long[] toggles = new long[h];
    int x0 = 0;
    for (; x0 + STRIP <= w; x0 += STRIP) {
      long word = 0;
      for (int b = 0; b < STRIP; b++) {
        int r = cursor.column(x0 + b, flips[b]);
        int n = r & Integer.MAX_VALUE;
        long bit = 1L << (b << 3);
        if ((r >>> 31) != 0) {
          word |= bit;
        }
        int[] fb = flips[b];
        for (int k = 0; k < n; k++) {
          toggles[fb[k]] ^= bit;
        }
      }
      for (int y = 0, idx = x0; y < h; y++, idx += w) {
        word ^= toggles[y];
        toggles[y] = 0;
        LONGS.set(out, idx, word);
      }
    }
    int[] rows = flips[0];
    for (int x = x0; x < w; x++) {
      int r = cursor.column(x, rows);
      int cnt = r & Integer.MAX_VALUE;
      byte v = (byte) (r >>> 31);
      int k = 0;
      for (int y = 0, idx = x; y < h; y++, idx += w) {
        while (k < cnt && rows[k] == y) {
          v ^= 1;
          k++;
        }
        out[idx] = v;
      }
    }
  }
}
