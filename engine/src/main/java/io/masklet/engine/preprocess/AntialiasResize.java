package io.masklet.engine.preprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code F.interpolate(x, size, mode="bilinear", align_corners=False, antialias=True)}: the
 * resize torchvision's {@code Resize} applies to float image tensors. PyTorch's antialias kernel
 * is separable: every output row/column is a normalized triangle-filter average of the input whose
 * support widens with the downscale factor. DJL has no such op, so each axis becomes one matmul
 * with a (out, in) weight matrix built exactly like libtorch builds its per-pixel weights
 * (float arithmetic, same rounding of the window bounds).
 */
public final class AntialiasResize {
  /** Bilinear's interpolation size (two taps) before the support is scaled. */
  private static final int INTERP_SIZE = 2;

  private AntialiasResize() {}

  /** {@code x} (..., H, W) float → (..., outH, outW). */
  public static NDArray bilinear(NDArray x, int outH, int outW) {
    Shape s = x.getShape();
    int nd = s.dimension();
    if (nd < 2) {
      throw new IllegalArgumentException("antialias resize needs (..., H, W), got " + s);
    }
    int inH = (int) s.get(nd - 2);
    int inW = (int) s.get(nd - 1);
    NDManager m = x.getManager();
    NDArray wx = m.create(weights(inW, outW), new Shape(outW, inW));
    NDArray wy = m.create(weights(inH, outH), new Shape(outH, inH));
    NDArray rows = x.matMul(wx.transpose()); // (..., H, W) @ (W, outW) -> (..., H, outW)
    return wy.matMul(rows); // (outH, H) @ (..., H, outW) -> (..., outH, outW)
  }

  /**
   * Row-major (out, in) matrix of the antialiased bilinear weights that map an axis of
   * {@code inSize} pixels to {@code outSize} (align_corners=False, no explicit scale factor).
   */
  public static float[] weights(int inSize, int outSize) {
    float scale = (float) inSize / outSize;
    float support = scale >= 1f ? (INTERP_SIZE * 0.5f) * scale : INTERP_SIZE * 0.5f;
    float invScale = scale >= 1f ? 1f / scale : 1f;
    float[] w = new float[outSize * inSize];
    float[] taps = new float[inSize];
    for (int i = 0; i < outSize; i++) {
      float center = scale * (i + 0.5f);
      int xmin = Math.max((int) (center - support + 0.5f), 0);
      int xsize = Math.min((int) (center + support + 0.5f), inSize) - xmin;
      float total = 0f;
      for (int j = 0; j < xsize; j++) {
        float t = triangle((j + xmin - center + 0.5f) * invScale);
        taps[j] = t;
        total += t;
      }
      for (int j = 0; j < xsize; j++) {
        w[i * inSize + xmin + j] = total != 0f ? taps[j] / total : taps[j];
      }
    }
    return w;
  }

  private static float triangle(float x) {
    float a = Math.abs(x);
    return a < 1f ? 1f - a : 0f;
  }
}
