package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;

/**
 * Tensor operations on masks used by the tracking step and the video predictor, each the
 * equivalent of one official call.
 */
public final class MaskOps {
  /** libtorch's mode number for bilinear in DJL's {@code interpolation}. */
  private static final int BILINEAR = 2;

  private MaskOps() {}

  /** {@code F.interpolate(x, (h, w), mode="bilinear", align_corners=False)}, x (B, C, H, W). */
  public static NDArray bilinear(NDArray x, long h, long w) {
    return x.getNDArrayInternal().interpolation(new long[] {h, w}, BILINEAR, false);
  }

  /**
   * {@code F.interpolate(x, (h, w), mode="bilinear", align_corners=False, antialias=True)} for
   * x (B, C, H, W): libtorch's antialiased kernel (triangle filter stretched by the scale when
   * downsampling, weights normalized per output pixel), applied separably as two matrix
   * products, width first.
   */
  public static NDArray bilinearAntialias(NDArray x, int h, int w) {
    long[] s = x.getShape().getShape();
    NDManager m = x.getManager();
    NDArray wx = m.create(aaWeights((int) s[3], w), new Shape(w, s[3]));
    NDArray wy = m.create(aaWeights((int) s[2], h), new Shape(h, s[2]));
    NDArray t = x.matMul(wx.transpose()); // (B, C, H, W) x (W, w) -> (B, C, H, w)
    return wy.matMul(t); // (h, H) x (B, C, H, w) -> (B, C, h, w)
  }

  /** Row-major (out, in) interpolation weights of libtorch's {@code _compute_weights_aa}. */
  static float[] aaWeights(int in, int out) {
    float scale = (float) in / out;
    float support = scale >= 1f ? scale : 1f; // bilinear: interp_size 2, half of it times scale
    float invScale = scale >= 1f ? 1f / scale : 1f;
    float[] wts = new float[out * in];
    for (int i = 0; i < out; i++) {
      float center = scale * (i + 0.5f);
      int xmin = Math.max((int) (center - support + 0.5f), 0);
      int xsize = Math.min((int) (center + support + 0.5f), in) - xmin;
      float total = 0f;
      float[] wrow = new float[Math.max(xsize, 0)];
      for (int j = 0; j < xsize; j++) {
        float v = 1f - Math.abs((j + xmin - center + 0.5f) * invScale);
        wrow[j] = Math.max(v, 0f);
        total += wrow[j];
      }
      for (int j = 0; j < xsize; j++) {
        wts[i * in + xmin + j] = total != 0f ? wrow[j] / total : wrow[j];
      }
    }
    return wts;
  }

  /**
   * Port of sam2/utils/misc.py::fill_holes_in_mask_scores: background components (scores ≤ 0)
   * of at most {@code maxArea} pixels, 8-connected, are set to 0.1. {@code mask} (B, 1, H, W).
   */
  public static NDArray fillHoles(NDArray mask, int maxArea) {
    long[] s = mask.getShape().getShape();
    int b = (int) s[0];
    int h = (int) s[2];
    int w = (int) s[3];
    float[] v = mask.toFloatArray();
    boolean changed = false;
    int plane = h * w;
    try (Mat bg = new Mat(h, w, opencv_core.CV_8UC1); Mat labels = new Mat(); Mat stats = new Mat();
        Mat centroids = new Mat()) {
      for (int n = 0; n < b; n++) {
        int off = n * plane;
        try (UByteIndexer bi = bg.createIndexer()) {
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              bi.put(y, x, v[off + y * w + x] <= 0f ? 1 : 0);
            }
          }
        }
        int count = opencv_imgproc.connectedComponentsWithStats(bg, labels, stats, centroids, 8,
            opencv_core.CV_32S);
        int[] area = new int[count];
        try (IntIndexer si = stats.createIndexer()) {
          for (int c = 1; c < count; c++) {
            area[c] = si.get(c, opencv_imgproc.CC_STAT_AREA);
          }
        }
        try (IntIndexer li = labels.createIndexer()) {
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              int lab = li.get(y, x);
              if (lab > 0 && area[lab] <= maxArea) {
                v[off + y * w + x] = 0.1f;
                changed = true;
              }
            }
          }
        }
      }
    }
    return changed ? mask.getManager().create(v, mask.getShape()) : mask;
  }

  /**
   * Rounds float32 values to bfloat16 (round to nearest even, as {@code tensor.to(bfloat16)})
   * and back: the precision at which the official predictor stores memory features.
   */
  public static NDArray roundToBfloat16(NDArray x) {
    float[] v = x.toFloatArray();
    for (int i = 0; i < v.length; i++) {
      int bits = Float.floatToRawIntBits(v[i]);
      if (Float.isNaN(v[i])) {
        continue;
      }
      int rounded = (bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000;
      v[i] = Float.intBitsToFloat(rounded);
    }
    return x.getManager().create(v, x.getShape());
  }

  /**
   * Port of sam2/modeling/sam2_utils.py::get_1d_sine_pe: {@code pos} (N) float32 → (N, dim),
   * sines then cosines of pos / 10000^(2*floor(i/2)/(dim/2)).
   */
  public static NDArray sinePe1d(NDArray pos, int dim) {
    int peDim = dim / 2;
    NDManager m = pos.getManager();
    NDArray dimT = m.arange(0f, (float) peDim, 1f, DataType.FLOAT32);
    dimT = dimT.div(2f).floor().mul(2f).div((float) peDim);
    dimT = m.full(dimT.getShape(), 10000f).pow(dimT);
    NDArray p = pos.reshape(-1, 1).div(dimT.reshape(1, -1)); // (N, 1) / (1, peDim) -> (N, peDim)
    return p.sin().concat(p.cos(), -1);
  }
}
