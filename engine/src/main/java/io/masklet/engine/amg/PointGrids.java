package io.masklet.engine.amg;

import java.util.ArrayList;
import java.util.List;

/**
 * Port of sam2/utils/amg.py::build_point_grid and build_all_layer_point_grids: evenly spaced
 * point prompts in normalized [0, 1]² coordinates, as (x, y) rows, x varying fastest. Computed
 * in double precision like the official numpy grids.
 */
public final class PointGrids {
  private PointGrids() {}

  /**
   * {@code n × n} points at the centres of an n×n tiling of the unit square: one side is
   * numpy's {@code linspace(1/(2n), 1 - 1/(2n), n)}.
   */
  public static double[][] buildPointGrid(int nPerSide) {
    if (nPerSide < 1) {
      throw new IllegalArgumentException("points per side must be >= 1, got " + nPerSide);
    }
    double offset = 1.0 / (2 * nPerSide);
    double[] side = linspace(offset, 1 - offset, nPerSide);
    double[][] points = new double[nPerSide * nPerSide][];
    for (int row = 0; row < nPerSide; row++) {
      for (int col = 0; col < nPerSide; col++) {
        points[row * nPerSide + col] = new double[] {side[col], side[row]};
      }
    }
    return points;
  }

  /**
   * One grid per crop layer 0..{@code nLayers}: layer i has
   * {@code int(nPerSide / scalePerLayer^i)} points per side.
   */
  public static List<double[][]> buildAllLayerPointGrids(int nPerSide, int nLayers, int scalePerLayer) {
    List<double[][]> grids = new ArrayList<>();
    for (int i = 0; i <= nLayers; i++) {
      int n = (int) (nPerSide / Math.pow(scalePerLayer, i));
      grids.add(buildPointGrid(n));
    }
    return grids;
  }

  /** numpy's linspace with endpoint: {@code start + i * step}, the last value exactly {@code stop}. */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    if (num == 1) {
      y[0] = start;
      return y;
    }
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }
}
