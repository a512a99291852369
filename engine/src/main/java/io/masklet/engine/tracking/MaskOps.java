package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.masklet.engine.nn.Interpolate;
import io.masklet.engine.postprocess.ConnectedComponents;
import io.masklet.engine.preprocess.AntialiasResize;

/**
 * Tensor operations on masks used by the tracking step and the video predictor, each the
 * equivalent of one official call.
 */
public final class MaskOps {
  private MaskOps() {}

  /** {@code F.interpolate(x, (h, w), mode="bilinear", align_corners=False)}, x (B, C, H, W). */
  public static NDArray bilinear(NDArray x, long h, long w) {
    return Interpolate.bilinear(x, (int) h, (int) w);
  }

  /** {@code F.interpolate(..., mode="bilinear", align_corners=False, antialias=True)}. */
  public static NDArray bilinearAntialias(NDArray x, int h, int w) {
    return AntialiasResize.bilinear(x, h, w);
  }

  /**
   * Port of sam2/utils/misc.py::fill_holes_in_mask_scores: background components (scores ≤ 0)
   * of at most {@code maxArea} pixels, 8-connected, are set to 0.1. {@code mask} (B, 1, H, W).
   */
  public static NDArray fillHoles(NDArray mask, int maxArea) {
    long[] s = mask.getShape().getShape();
    int h = (int) s[2];
    int w = (int) s[3];
    int plane = h * w;
    float[] v = mask.toFloatArray();
    boolean changed = false;
    for (int n = 0; n < s[0]; n++) {
      int off = n * plane;
      byte[] bg = new byte[plane];
      for (int i = 0; i < plane; i++) {
        bg[i] = (byte) (v[off + i] <= 0f ? 1 : 0);
      }
      int[] areas = ConnectedComponents.componentAreas(bg, h, w);
      for (int i = 0; i < plane; i++) {
        if (areas[i] > 0 && areas[i] <= maxArea) {
          v[off + i] = 0.1f;
          changed = true;
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
