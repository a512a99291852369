package io.masklet.engine.modeling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.masklet.engine.nn.Module;
import java.util.HashMap;
import java.util.Map;

/**
 * Port of sam2/modeling/position_encoding.py::PositionEmbeddingSine: the 2-D sine/cosine
 * encoding of a feature map's pixel positions (y half first, then x), which depends only on the
 * map's size and is therefore computed once per (H, W) and cached like the official module does.
 * The cache is native memory owned by this module until {@link #clearCache()}.
 */
public final class PositionEmbeddingSine extends Module {
  private static final float NORMALIZE_EPS = 1e-6f;

  private final int numPosFeats;
  private final float temperature;
  private final boolean normalize;
  private final float scale;
  private final Map<Long, NDArray> cache = new HashMap<>();
  private NDManager cacheManager;

  /** Defaults of the official constructor: temperature 10000, normalize, scale 2π. */
  public PositionEmbeddingSine(int numPosFeats) {
    this(numPosFeats, 10000, true, null);
  }

  /**
   * @param numPosFeats output channels (even); half encode y, half x
   * @param scale null for the default 2π; only allowed with {@code normalize}
   */
  public PositionEmbeddingSine(int numPosFeats, double temperature, boolean normalize,
      Double scale) {
    if (numPosFeats % 2 != 0) {
      throw new IllegalArgumentException("PositionEmbeddingSine: num_pos_feats " + numPosFeats
          + " must be even");
    }
    if (scale != null && !normalize) {
      throw new IllegalArgumentException("PositionEmbeddingSine: scale needs normalize=true");
    }
    this.numPosFeats = numPosFeats / 2;
    this.temperature = (float) temperature;
    this.normalize = normalize;
    this.scale = scale == null ? (float) (2 * Math.PI) : scale.floatValue();
  }

  /**
   * Encoding for a (B, *, H, W) map: (B, numPosFeats, H, W) float32 in x's manager. For B = 1
   * the result is a view of the cached encoding (no copy, like the official cache returns the
   * same values every call): treat it as read-only, never modify it in place.
   */
  public NDArray forward(NDArray x) {
    long[] s = x.getShape().getShape();
    return encoding(x.getManager(), s[0], s[s.length - 2], s[s.length - 1]);
  }

  /** Encoding for B maps of size H x W in {@code manager}; a read-only view when B = 1. */
  public NDArray encoding(NDManager manager, long b, long h, long w) {
    NDArray one;
    synchronized (cache) {
      NDArray cached = cache.computeIfAbsent(h << 32 | w, key -> compute(h, w));
      // a new handle on the cached storage: closing it never frees the cache
      one = cached.reshape(cached.getShape());
    }
    one.attach(manager);
    if (b == 1) {
      return one;
    }
    NDArray batch = one.repeat(0, b);
    one.close();
    return batch;
  }

  /** Frees the cached encodings; later calls recompute them. */
  public void clearCache() {
    synchronized (cache) {
      cache.clear();
      if (cacheManager != null) {
        cacheManager.close();
        cacheManager = null;
      }
    }
  }

  private NDArray compute(long h, long w) {
    if (cacheManager == null) {
      cacheManager = NDManager.newBaseManager("PyTorch");
    }
    try (NDManager tmp = cacheManager.newSubManager()) {
      NDArray yEmbed = tmp.arange(1f, h + 1f, 1f, DataType.FLOAT32);
      NDArray xEmbed = tmp.arange(1f, w + 1f, 1f, DataType.FLOAT32);
      if (normalize) {
        // the last position divides: y / (y_last + eps) * scale, in float32 like torch
        yEmbed = yEmbed.div(h + NORMALIZE_EPS).mul(scale);
        xEmbed = xEmbed.div(w + NORMALIZE_EPS).mul(scale);
      }
      NDArray posY = encode1d(tmp, yEmbed); // (H, F)
      NDArray posX = encode1d(tmp, xEmbed); // (W, F)
      int f = numPosFeats;
      // (H, F) -> (H, 1, F) -> (H, W, F); (W, F) -> (1, W, F) -> (H, W, F)
      NDArray yy = posY.reshape(h, 1, f).broadcast(h, w, f);
      NDArray xx = posX.reshape(1, w, f).broadcast(h, w, f);
      NDArray pos = NDArrays.concat(new ai.djl.ndarray.NDList(yy, xx), 2)
          // (H, W, 2F) -> (1, 2F, H, W), made contiguous for cheap copies
          .transpose(2, 0, 1).expandDims(0).duplicate();
      pos.attach(cacheManager);
      return pos;
    }
  }

  /**
   * Sine of the even, cosine of the odd frequency channels of {@code p / dim_t}, with
   * dim_t[i] = temperature^(2*floor(i/2)/F). {@code p} (N) → (N, F).
   */
  private NDArray encode1d(NDManager tmp, NDArray p) {
    int f = numPosFeats;
    NDArray i = tmp.arange(0f, f, 1f, DataType.FLOAT32);
    NDArray dimT = tmp.full(i.getShape(), temperature)
        .pow(i.div(2).floor().mul(2).div(f));
    long n = p.getShape().get(0);
    // (N) -> (N, 1) over (F) -> (N, F)
    NDArray a = p.reshape(n, 1).div(dimT);
    NDArray even = i.mod(2).eq(0).reshape(1, f).broadcast(n, f);
    return NDArrays.where(even, a.sin(), a.cos());
  }
}
