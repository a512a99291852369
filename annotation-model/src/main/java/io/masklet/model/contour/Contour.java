package io.masklet.model.contour;

/**
 * One closed boundary of a mask, as polygon vertices on the pixel grid: {@code xy} holds
 * x0, y0, x1, y1, ... where (x, y) is a pixel corner (pixel (i, j) covers [i, i+1) × [j, j+1)).
 * The last vertex connects back to the first.
 *
 * @param hole true for the boundary of a hole inside the object, false for an outer boundary
 */
public record Contour(double[] xy, boolean hole) {

  public int size() {
    return xy.length / 2;
  }

  /** Shoelace area; positive for outer boundaries, negative for holes. */
  public double signedArea() {
    double a = 0;
    int n = size();
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      a += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
    }
    return a / 2;
  }
}
