package io.masklet.model.rle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RleTest {

  /** pycocotools' encoder, literally: scan column-major, count runs starting with zeros. */
  static int[] referenceCounts(byte[] rowMajor, int h, int w) {
    List<Integer> cnts = new ArrayList<>();
    int p = 0, c = 0;
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        int v = rowMajor[y * w + x] != 0 ? 1 : 0;
        if (v != p) {
          cnts.add(c);
          c = 0;
          p = v;
        }
        c++;
      }
    }
    cnts.add(c);
    return cnts.stream().mapToInt(Integer::intValue).toArray();
  }

  static byte[] normalized(byte[] m) {
    byte[] out = new byte[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = (byte) (m[i] != 0 ? 1 : 0);
    }
    return out;
  }

  static BoundingBox referenceBbox(byte[] m, int h, int w) {
    int xs = w, ys = h, xe = -1, ye = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (m[y * w + x] != 0) {
          xs = Math.min(xs, x);
          xe = Math.max(xe, x);
          ys = Math.min(ys, y);
          ye = Math.max(ye, y);
        }
      }
    }
    return xe < 0 ? new BoundingBox(0, 0, 0, 0) : new BoundingBox(xs, ys, xe - xs + 1, ye - ys + 1);
  }

  /** Masks of odd shapes and contents; sizes include widths not divisible by the 8-column strip. */
  static List<Object[]> sampleMasks(long seed) {
    Random rnd = new Random(seed);
    List<Object[]> out = new ArrayList<>();
    int[][] sizes = {{1, 1}, {1, 17}, {17, 1}, {3, 8}, {8, 3}, {5, 16}, {13, 29}, {64, 9}, {31, 33},
        {2, 100}, {100, 2}, {40, 41}};
    for (int[] s : sizes) {
      int h = s[0], w = s[1];
      out.add(new Object[] {"empty", h, w, new byte[h * w]});
      byte[] full = new byte[h * w];
      java.util.Arrays.fill(full, (byte) 1);
      out.add(new Object[] {"full", h, w, full});
      byte[] single = new byte[h * w];
      single[rnd.nextInt(h * w)] = (byte) 255;
      out.add(new Object[] {"single", h, w, single});
      byte[] checker = new byte[h * w];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          checker[y * w + x] = (byte) ((x + y) % 2);
        }
      }
      out.add(new Object[] {"checkerboard", h, w, checker});
      for (double density : new double[] {0.05, 0.5, 0.95}) {
        byte[] r = new byte[h * w];
        for (int i = 0; i < r.length; i++) {
          r[i] = (byte) (rnd.nextDouble() < density ? 1 + rnd.nextInt(255) : 0);
        }
        out.add(new Object[] {"random" + density, h, w, r});
      }
      byte[] blob = new byte[h * w];
      int cx = rnd.nextInt(w), cy = rnd.nextInt(h), rad = 1 + rnd.nextInt(Math.max(1, Math.min(h, w)));
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          blob[y * w + x] = (byte) ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad ? 1 : 0);
        }
      }
      out.add(new Object[] {"disc", h, w, blob});
    }
    return out;
  }

  @Test
  void encodeMatchesPycocotoolsScanAndDecodeRestoresPixels() {
    for (Object[] c : sampleMasks(1)) {
      String name = c[0] + " " + c[1] + "x" + c[2];
      int h = (int) c[1], w = (int) c[2];
      byte[] m = (byte[]) c[3];
      Rle rle = Rle.encode(m, h, w);
      assertArrayEquals(referenceCounts(m, h, w), rle.counts(), name);
      assertArrayEquals(normalized(m), rle.decode(), name);
      boolean[] bools = new boolean[m.length];
      for (int i = 0; i < m.length; i++) {
        bools[i] = m[i] != 0;
      }
      assertEquals(rle, Rle.encode(bools, h, w), name);
      assertEquals(rle, Rle.fromString(h, w, rle.toCompressedString()), name);
    }
  }

  @Test
  void areaBboxAndGetAgreeWithPixels() {
    for (Object[] c : sampleMasks(2)) {
      String name = c[0] + " " + c[1] + "x" + c[2];
      int h = (int) c[1], w = (int) c[2];
      byte[] m = normalized((byte[]) c[3]);
      Rle rle = Rle.encode(m, h, w);
      long area = 0;
      for (byte b : m) {
        area += b;
      }
      assertEquals(area, rle.area(), name);
      assertEquals(area == 0, rle.isEmpty(), name);
      assertEquals(referenceBbox(m, h, w), rle.bbox(), name);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          assertEquals(m[y * w + x] == 1, rle.get(x, y), name + " pixel " + x + "," + y);
        }
      }
    }
  }

  @Test
  void setOperationsAgreeWithPixelwiseLogic() {
    List<Object[]> a = sampleMasks(3);
    List<Object[]> b = sampleMasks(4);
    for (int k = 0; k < a.size(); k++) {
      int h = (int) a.get(k)[1], w = (int) a.get(k)[2];
      byte[] ma = normalized((byte[]) a.get(k)[3]);
      byte[] mb = normalized((byte[]) b.get((k * 7) % b.size() / 8 * 8 + k % 8)[3]);
      if (mb.length != ma.length) {
        mb = normalized((byte[]) b.get(k)[3]);
      }
      String name = a.get(k)[0] + " " + h + "x" + w;
      byte[] or = new byte[ma.length], and = new byte[ma.length], minus = new byte[ma.length],
          not = new byte[ma.length];
      long inter = 0, union = 0;
      for (int i = 0; i < ma.length; i++) {
        or[i] = (byte) (ma[i] | mb[i]);
        and[i] = (byte) (ma[i] & mb[i]);
        minus[i] = (byte) (ma[i] & (1 - mb[i]));
        not[i] = (byte) (1 - ma[i]);
        inter += and[i];
        union += or[i];
      }
      Rle ra = Rle.encode(ma, h, w), rb = Rle.encode(mb, h, w);
      assertEquals(Rle.encode(or, h, w), ra.union(rb), name);
      assertEquals(Rle.encode(and, h, w), ra.intersection(rb), name);
      assertEquals(Rle.encode(minus, h, w), ra.minus(rb), name);
      assertEquals(Rle.encode(not, h, w), ra.invert(), name);
      assertEquals(Rle.encode(or, h, w), Rle.merge(List.of(ra, rb), false), name);
      assertEquals(Rle.encode(and, h, w), Rle.merge(List.of(ra, rb), true), name);
      assertEquals(inter, ra.intersectionArea(rb), name);
      assertEquals(inter == 0 ? 0.0 : (double) inter / union, ra.iou(rb), 0.0, name);
    }
  }

  @Test
  void compressedStringsMatchPycocotoolsForKnownMasks() {
    // pycocotools.mask.encode of np.zeros((2,2)) gives b'4'; of np.ones((2,2)) gives b'04'
    assertEquals("4", Rle.empty(2, 2).toCompressedString());
    assertEquals("04", Rle.full(2, 2).toCompressedString());
    // counts [3, 1] -> '31'; 4th count onwards is delta-coded: [1,2,3,4] -> 1,2,3,(4-2)=2
    assertEquals("1232", RleStrings.encode(new int[] {1, 2, 3, 4}));
    // large counts need several 5-bit groups
    assertArrayEquals(new int[] {100, 407040 - 100}, RleStrings.decode(RleStrings.encode(new int[] {100, 407040 - 100})));
    // negative deltas use the sign bit of the last group
    int[] counts = {5, 50, 3, 1, 2, 40};
    assertArrayEquals(counts, RleStrings.decode(RleStrings.encode(counts)));
  }

  @Test
  void emptyAndFullMasksHaveExpectedRuns() {
    assertArrayEquals(new int[] {12}, Rle.encode(new byte[12], 3, 4).counts());
    byte[] ones = new byte[12];
    java.util.Arrays.fill(ones, (byte) 1);
    assertArrayEquals(new int[] {0, 12}, Rle.encode(ones, 3, 4).counts());
    assertEquals(new BoundingBox(0, 0, 4, 3), Rle.full(3, 4).bbox());
    assertEquals(new BoundingBox(0, 0, 0, 0), Rle.empty(3, 4).bbox());
    assertEquals(0.0, Rle.empty(3, 4).iou(Rle.empty(3, 4)));
    assertArrayEquals(new int[] {0}, Rle.encode(new byte[0], 0, 5).counts());
  }

  @Test
  void corruptCountsStringsAreRejectedWithReason() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Rle.fromString(2, 2, "4 "));
    assertTrue(bad.getMessage().contains("invalid char ' ' at 1"), bad.getMessage());
    IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
        () -> Rle.fromString(848, 480, "i\\Y4<Qj05K4L4M3M2N3O00001"));
    assertTrue(cut.getMessage().contains("sum to"), cut.getMessage());
    IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
        () -> Rle.fromString(848, 480, "0P"));
    assertTrue(open.getMessage().contains("ends inside a number"), open.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> Rle.fromString(2, 3, "4"));
    assertTrue(size.getMessage().contains("sum to 4 but size [2, 3] has 6 pixels"), size.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Rle.encode(new byte[5], 2, 3));
    assertThrows(IllegalArgumentException.class, () -> Rle.empty(2, 2).iou(Rle.empty(2, 3)));
  }

  @Test
  void canonicalDropsZeroLengthRuns() {
    Rle odd = new Rle(1, 6, new int[] {2, 0, 1, 3});
    assertArrayEquals(new int[] {3, 3}, odd.canonical().counts());
    assertArrayEquals(odd.canonical().decode(), odd.decode());
  }
}
