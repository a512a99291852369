package io.masklet.model.contour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.rle.Rle;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContourTracerTest {

  private static Rle refill(Rle rle) {
    List<double[]> polys = ContourTracer.trace(rle).stream().map(Contour::xy).toList();
    return PolygonRaster.fill(polys, rle.height(), rle.width());
  }

  @Test
  void rectangleIsFourCornersOnPixelEdges() {
    byte[] m = new byte[5 * 6];
    for (int y = 1; y < 4; y++) {
      for (int x = 2; x < 5; x++) {
        m[y * 6 + x] = 1;
      }
    }
    List<Contour> cs = ContourTracer.trace(m, 5, 6);
    assertEquals(1, cs.size());
    assertFalse(cs.get(0).hole());
    assertArrayEquals(new double[] {2, 1, 5, 1, 5, 4, 2, 4}, cs.get(0).xy());
    assertEquals(9.0, cs.get(0).signedArea());
  }

  @Test
  void ringHasOneOuterAndOneHoleContour() {
    byte[] m = new byte[5 * 5];
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        m[y * 5 + x] = (byte) (x >= 1 && x <= 3 && y >= 1 && y <= 3 && !(x == 2 && y == 2) ? 1 : 0);
      }
    }
    List<Contour> cs = ContourTracer.trace(m, 5, 5);
    assertEquals(2, cs.size());
    assertEquals(1, cs.stream().filter(Contour::hole).count());
    assertEquals(-1.0, cs.stream().filter(Contour::hole).findFirst().orElseThrow().signedArea());
  }

  @Test
  void cornerTouchingPixelsFormOneBoundary() {
    byte[] m = {1, 0, 0, 1};
    List<Contour> cs = ContourTracer.trace(m, 2, 2);
    assertEquals(1, cs.size(), "8-connected diagonal pixels share a boundary");
    assertEquals(Rle.encode(m, 2, 2), refill(Rle.encode(m, 2, 2)));
  }

  @Test
  void evenOddFillOfTheContoursRestoresRandomMasksExactly() {
    Random rnd = new Random(11);
    int[][] sizes = {{1, 1}, {1, 9}, {9, 1}, {7, 13}, {20, 17}, {32, 32}};
    for (int[] s : sizes) {
      for (double density : new double[] {0.0, 0.2, 0.5, 0.8, 1.0}) {
        int h = s[0], w = s[1];
        byte[] m = new byte[h * w];
        for (int i = 0; i < m.length; i++) {
          m[i] = (byte) (rnd.nextDouble() < density ? 1 : 0);
        }
        Rle rle = Rle.encode(m, h, w);
        assertEquals(rle, refill(rle), h + "x" + w + " density " + density);
        double area = ContourTracer.trace(rle).stream().mapToDouble(Contour::signedArea).sum();
        assertEquals(rle.area(), area, 0.0, "outer minus hole areas equal the pixel count");
      }
    }
  }

  @Test
  void checkerboardTracesWithoutLosingPixels() {
    int h = 6, w = 7;
    byte[] m = new byte[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        m[y * w + x] = (byte) ((x + y) % 2);
      }
    }
    Rle rle = Rle.encode(m, h, w);
    assertEquals(rle, refill(rle));
    assertTrue(ContourTracer.trace(rle).size() >= 1);
  }
}
