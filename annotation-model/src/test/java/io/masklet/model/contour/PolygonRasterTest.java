package io.masklet.model.contour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link PolygonRaster} builds runs from the rows a polygon spans; its masks must be those of
 * the full-image fill it replaced ({@link FullImagePolygonFill}), bit for bit.
 */
class PolygonRasterTest {

  private static void assertSameAsFullImage(List<double[]> polygons, int h, int w) {
    Rle expected = FullImagePolygonFill.fill(polygons, h, w);
    Rle actual = PolygonRaster.fill(polygons, h, w);
    assertEquals(expected, actual, () -> h + "x" + w + " " + polygons.stream()
        .map(Arrays::toString).collect(Collectors.joining(", ")) + ": expected counts "
        + Arrays.toString(expected.counts()) + ", got " + Arrays.toString(actual.counts()));
  }

  private static void assertSameAsFullImage(int h, int w, double[]... polygons) {
    assertSameAsFullImage(List.of(polygons), h, w);
  }

  @Test
  void fillsTheCentresOfAPlainRectangle() {
    Rle r = PolygonRaster.fill(List.<double[]>of(new double[] {2, 1, 6, 1, 6, 5, 2, 5}), 8, 10);
    assertEquals(16, r.area());
    assertEquals(new io.masklet.model.rle.BoundingBox(2, 1, 4, 4), r.bbox());
    assertSameAsFullImage(8, 10, new double[] {2, 1, 6, 1, 6, 5, 2, 5});
  }

  @Test
  void edgeCasesMatchTheFullImageFill() {
    int h = 12, w = 9;
    List<double[][]> cases = List.of(
        new double[][] {{1, 1, 7, 9, 7, 1, 1, 9}}, // bow tie
        new double[][] {{0, 0, 8, 0, 4, 11, 8, 11, 0, 0.5}}, // crossing itself at a vertex
        new double[][] {{-5, -5, -1, -5, -1, 20, -5, 20}}, // left of the image
        new double[][] {{10, 1, 30, 1, 30, 5}}, // right of it
        new double[][] {{1, -9, 8, -9, 8, -0.6}}, // above
        new double[][] {{1, 12.5, 8, 12.5, 8, 40}}, // below
        new double[][] {{-3, -3, 20, -3, 20, 20, -3, 20}}, // covering it all
        new double[][] {{0, 0, 9, 0, 9, 12, 0, 12}}, // exactly the image
        new double[][] {{8.5, 0, 9, 0, 9, 12, 8.5, 12}}, // the last column, ending at the end
        new double[][] {{0, 11.5, 9, 11.5, 9, 12, 0, 12}}, // the last row
        new double[][] {{0, 0, 0.5, 0, 0.5, 0.5}}, // the first pixel's centre on the border
        new double[][] {{}}, // no points
        new double[][] {{3, 3}}, // one point
        new double[][] {{3, 3, 6, 7}}, // two points
        new double[][] {{3, 3, 6, 7, 5}}, // an odd number of coordinates
        new double[][] {{1, 1, 4, 4, 7, 7}}, // collinear
        new double[][] {{2, 2.5, 7, 2.5, 4, 2.5}}, // on a scanline
        new double[][] {{4.5, 1, 4.5, 10, 4.5, 5}}, // vertical through centres
        new double[][] {{3, 3, 3, 3, 3, 3, 3, 3}}, // one point repeated
        new double[][] {{4.2, 5.2, 4.8, 5.2, 4.8, 5.8, 4.2, 5.8}}, // around one centre
        new double[][] {{4.6, 5.6, 4.9, 5.6, 4.9, 5.9}}, // inside a pixel, off its centre
        new double[][] {{4.5, 5.5, 5.5, 5.5, 5.5, 6.5, 4.5, 6.5}}, // corners on centres
        new double[][] {{1, 1, 6, 1, 6, 6, 1, 6}, {3, 3, 8, 3, 8, 8, 3, 8}}, // overlapping
        new double[][] {{1, 1, 4, 1, 4, 6, 1, 6}, {4, 1, 8, 1, 8, 6, 4, 6}}, // side by side
        new double[][] {{0, 0, 9, 0, 9, 12, 0, 12}, {2, 2, 6, 2, 6, 9, 2, 9}}, // with a hole
        new double[][] {{1, 1, 8, 11, 1, 11}, {8, 1, 1, 11, 8, 11}, {0, 5, 9, 5, 4.5, 0}},
        new double[][] {{-1e9, -1e9, 1e9, -1e9, 1e9, 1e9, -1e9, 1e9}}, // huge
        new double[][] {{-1e300, 3, 1e300, 3.2, 4, 1e300}},
        new double[][] {{-Double.MAX_VALUE, 2, Double.MAX_VALUE, 2, 4, Double.MAX_VALUE}},
        new double[][] {{4, -Double.MAX_VALUE, 5, Double.MAX_VALUE, 6, -Double.MAX_VALUE}},
        new double[][] {{2, 2, 1e18, 3, 2, 9}}, // an edge ends far right
        new double[][] {{Double.NEGATIVE_INFINITY, 2, 5, 8, Double.POSITIVE_INFINITY, 2}},
        new double[][] {{2, Double.NEGATIVE_INFINITY, 5, 8, 7, Double.POSITIVE_INFINITY}},
        new double[][] {{Double.NaN, 2, 5, 8, 7, 2}},
        new double[][] {{2, Double.NaN, 5, 8, 7, 2}}, // NaN crosses every row below 2
        new double[][] {{2, 2, 7, 2, 7, 9, 2, 9}, {3, Double.NaN, 5, 5, 6, 1}},
        new double[][] {{-0.0, -0.0, 5, -0.0, 5, 5, -0.0, 5}});
    for (double[][] polygons : cases) {
      assertSameAsFullImage(h, w, polygons);
    }
  }

  @Test
  void emptyAndOnePixelWideImagesMatchTheFullImageFill() {
    double[] big = {-2, -2, 50, -1, 40, 60, -3, 50};
    double[] small = {0.2, 0.2, 0.9, 0.3, 0.6, 0.95};
    for (int[] size : new int[][] {{0, 0}, {0, 7}, {7, 0}, {1, 1}, {1, 9}, {9, 1}, {2, 3}}) {
      assertSameAsFullImage(size[0], size[1], big);
      assertSameAsFullImage(size[0], size[1], small);
      assertSameAsFullImage(size[0], size[1], big, small);
    }
  }

  @Test
  void manyVertexStarsMatchTheFullImageFill() {
    for (int points : new int[] {5, 17, 500}) {
      double[] star = new double[4 * points];
      for (int i = 0; i < 2 * points; i++) {
        double a = Math.PI * i / points;
        double r = i % 2 == 0 ? 30 : 11.3;
        star[2 * i] = 32 + r * Math.cos(a);
        star[2 * i + 1] = 28 + r * Math.sin(a);
      }
      assertSameAsFullImage(60, 64, star);
    }
  }

  @Test
  void randomPolygonsMatchTheFullImageFill() {
    Random rnd = new Random(20240611);
    for (int c = 0; c < 20_000; c++) {
      int h = rnd.nextInt(8) == 0 ? rnd.nextInt(3) : 1 + rnd.nextInt(40);
      int w = rnd.nextInt(8) == 0 ? rnd.nextInt(3) : 1 + rnd.nextInt(40);
      List<double[]> polygons = new ArrayList<>();
      int count = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(4) : 0);
      for (int p = 0; p < count; p++) {
        polygons.add(randomPolygon(rnd, h, w));
      }
      assertSameAsFullImage(polygons, h, w);
    }
  }

  @Test
  void smallPolygonsOnALargeFrameMatchTheFullImageFill() {
    Random rnd = new Random(7);
    int h = 1080, w = 1920;
    for (int c = 0; c < 150; c++) {
      double cx = rnd.nextDouble() * (w + 60) - 30, cy = rnd.nextDouble() * (h + 60) - 30;
      double r = 0.3 + rnd.nextDouble() * (c % 10 == 0 ? 600 : 40);
      int n = 3 + rnd.nextInt(30);
      double[] xy = new double[2 * n];
      for (int i = 0; i < n; i++) {
        double a = rnd.nextDouble() * 2 * Math.PI; // random order: mostly self-intersecting
        double d = r * rnd.nextDouble();
        xy[2 * i] = cx + d * Math.cos(a);
        xy[2 * i + 1] = cy + d * Math.sin(a);
      }
      assertSameAsFullImage(h, w, xy);
    }
  }

  private static double[] randomPolygon(Random rnd, int h, int w) {
    int points = rnd.nextInt(10) == 0 ? rnd.nextInt(3) : 3 + rnd.nextInt(rnd.nextBoolean() ? 4 : 14);
    double[] xy = new double[2 * points + (rnd.nextInt(50) == 0 ? 1 : 0)];
    boolean subPixel = rnd.nextInt(6) == 0;
    double px = rnd.nextInt(Math.max(1, w)), py = rnd.nextInt(Math.max(1, h));
    for (int i = 0; i < xy.length; i++) {
      boolean isX = i % 2 == 0;
      xy[i] = subPixel ? (isX ? px : py) + rnd.nextDouble() * 1.2 - 0.1
          : coordinate(rnd, isX ? w : h);
    }
    return xy;
  }

  /** A coordinate drawn so that vertices often sit on pixel edges, centres and the border. */
  private static double coordinate(Random rnd, int extent) {
    return switch (rnd.nextInt(8)) {
      case 0 -> rnd.nextInt(extent + 3) - 1; // a pixel edge
      case 1 -> rnd.nextInt(extent + 3) - 0.5; // a pixel centre: a vertex on a scanline
      case 2 -> rnd.nextBoolean() ? 0 : extent; // the border
      case 3 -> rnd.nextInt(extent + 1) + 0.5 + (rnd.nextBoolean() ? 1e-9 : -1e-9); // near one
      case 4 -> (rnd.nextDouble() - 0.5) * 1e7; // far outside
      case 5 -> Math.round(rnd.nextDouble() * extent * 4) / 4.0; // quarter pixels
      default -> rnd.nextDouble() * (extent + 4) - 2; // anywhere, a little outside too
    };
  }
}
