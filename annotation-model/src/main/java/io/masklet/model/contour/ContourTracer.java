package io.masklet.model.contour;

import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Traces the outer and hole boundaries of a binary mask along pixel edges ("crack
 * following"). Every edge between a foreground pixel and background (or the image border) is
 * directed so foreground lies on its right in image coordinates (y down); the edges are then
 * linked into closed loops. Outer boundaries come out with positive shoelace area, holes with
 * negative. Where two foreground pixels touch only at a corner the walk turns to keep them in
 * one boundary (8-connected foreground, as OpenCV's findContours treats it).
 *
 * <p>The polygons are exact: filling all loops of a mask with the even-odd rule at pixel
 * centres ({@link PolygonRaster}) gives back the mask pixel for pixel. Collinear vertices are
 * dropped, so a rectangle is 4 points.
 */
public final class ContourTracer {
  // directions, clockwise on screen: right, down, left, up
  private static final int[] DX = {1, 0, -1, 0};
  private static final int[] DY = {0, 1, 0, -1};

  private ContourTracer() {}

  public static List<Contour> trace(Rle rle) {
    return trace(rle.decode(), rle.height(), rle.width());
  }

  /** Traces a row-major mask (non-zero = foreground). */
  public static List<Contour> trace(byte[] mask, int h, int w) {
    int vw = w + 1;
    byte[] out = new byte[(h + 1) * vw]; // outgoing edge bits per vertex (1 << direction)
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask[y * w + x] == 0) {
          continue;
        }
        if (y == 0 || mask[(y - 1) * w + x] == 0) {
          out[y * vw + x] |= 1; // top edge, going right
        }
        if (x == w - 1 || mask[y * w + x + 1] == 0) {
          out[y * vw + x + 1] |= 2; // right edge, going down
        }
        if (y == h - 1 || mask[(y + 1) * w + x] == 0) {
          out[(y + 1) * vw + x + 1] |= 4; // bottom edge, going left
        }
        if (x == 0 || mask[y * w + x - 1] == 0) {
          out[(y + 1) * vw + x] |= 8; // left edge, going up
        }
      }
    }
    List<Contour> contours = new ArrayList<>();
    for (int v = 0; v < out.length; v++) {
      // start only at vertices with a single outgoing edge: a loop cannot be all saddles
      if (out[v] != 0 && Integer.bitCount(out[v]) == 1) {
        contours.add(walk(out, v, vw));
      }
    }
    return contours;
  }

  private static Contour walk(byte[] out, int start, int vw) {
    double[] pts = new double[16];
    int n = 0;
    int v = start;
    int dir = Integer.numberOfTrailingZeros(out[v]);
    int prevDir = -1;
    do {
      if (dir != prevDir) {
        if (n + 2 > pts.length) {
          pts = Arrays.copyOf(pts, pts.length * 2);
        }
        pts[n++] = v % vw;
        pts[n++] = v / vw;
      }
      out[v] &= (byte) ~(1 << dir);
      v += DX[dir] + DY[dir] * vw;
      prevDir = dir;
      int bits = out[v];
      if (bits == 0) {
        break; // back at the start
      }
      if (Integer.bitCount(bits) == 1) {
        dir = Integer.numberOfTrailingZeros(bits);
      } else {
        // saddle: foreground is on the right; turning left carries on around the diagonal
        // foreground pixel, joining corner-touching pixels into one boundary
        int left = (dir + 3) & 3;
        dir = (bits & (1 << left)) != 0 ? left : (dir + 1) & 3;
      }
    } while (v != start || out[v] != 0);
    // the first vertex may be collinear with the last segment
    double[] xy = Arrays.copyOf(pts, n);
    Contour c = new Contour(dropCollinearStart(xy), false);
    return new Contour(c.xy(), c.signedArea() < 0);
  }

  private static double[] dropCollinearStart(double[] xy) {
    int n = xy.length / 2;
    if (n < 3) {
      return xy;
    }
    double ax = xy[2 * (n - 1)], ay = xy[2 * (n - 1) + 1];
    double bx = xy[0], by = xy[1];
    double cx = xy[2], cy = xy[3];
    if ((bx - ax) * (cy - by) - (by - ay) * (cx - bx) == 0) {
      return Arrays.copyOfRange(xy, 2, xy.length);
    }
    return xy;
  }
}
