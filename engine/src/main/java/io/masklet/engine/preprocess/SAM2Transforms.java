package io.masklet.engine.preprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.nn.Interpolate;
import io.masklet.engine.postprocess.BinaryUpsample;
import io.masklet.engine.postprocess.ConnectedComponents;
import io.masklet.engine.video.RgbFrame;

/**
 * Port of sam2/utils/transforms.py::SAM2Transforms: the image predictor's input transform
 * (to [0, 1] floats, antialiased bilinear resize to the model's square resolution, ImageNet
 * normalization), prompt-coordinate scaling from original pixels to model pixels, and mask
 * postprocessing (optional hole/sprinkle cleanup, bilinear upsampling to the original size).
 */
public final class SAM2Transforms {
  /** torchvision Normalize mean and std of the official transform (RGB). */
  public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  public static final float[] STD = {0.229f, 0.224f, 0.225f};

  private final int resolution;
  private final float maskThreshold;
  private final int maxHoleArea;
  private final int maxSprinkleArea;

  public SAM2Transforms(int resolution, float maskThreshold, int maxHoleArea, int maxSprinkleArea) {
    this.resolution = resolution;
    this.maskThreshold = maskThreshold;
    this.maxHoleArea = maxHoleArea;
    this.maxSprinkleArea = maxSprinkleArea;
  }

  public int resolution() {
    return resolution;
  }

  public float maskThreshold() {
    return maskThreshold;
  }

  /** The model input (1, 3, S, S) of an RGB image, on {@code manager}. */
  public NDArray toModelInput(RgbFrame image, NDManager manager) {
    NDArray chw = toTensor(image, manager);
    NDArray resized = AntialiasResize.bilinear(chw, resolution, resolution);
    return normalize(resized).expandDims(0); // (3, S, S) -> (1, 3, S, S)
  }

  /** torchvision ToTensor: (3, H, W) float32 = byte / 255. */
  public static NDArray toTensor(RgbFrame image, NDManager manager) {
    NDArray hwc = manager.create(java.nio.ByteBuffer.wrap(image.rgb()),
        new Shape(image.height(), image.width(), 3), DataType.UINT8);
    return hwc.toType(DataType.FLOAT32, false).divi(255f)
        .transpose(2, 0, 1); // (H, W, 3) -> (3, H, W)
  }

  /** torchvision Normalize with {@link #MEAN} and {@link #STD} on (3, H, W). */
  public static NDArray normalize(NDArray chw) {
    NDManager m = chw.getManager();
    NDArray mean = m.create(MEAN).reshape(3, 1, 1); // (3) -> (3, 1, 1)
    NDArray std = m.create(STD).reshape(3, 1, 1);
    return chw.sub(mean).divi(std);
  }

  /**
   * Scales (x, y) pairs from original-image pixels of an {@code origH}×{@code origW} image to
   * model-input pixels ({@code transform_coords} with {@code normalize=True}), in float32 as the
   * official tensors are.
   */
  public float[] transformCoords(float[] xy, int origH, int origW) {
    if (xy.length % 2 != 0) {
      throw new IllegalArgumentException("coordinates come in (x, y) pairs, got " + xy.length + " values");
    }
    float[] out = new float[xy.length];
    for (int i = 0; i < xy.length; i += 2) {
      out[i] = (xy[i] / origW) * resolution;
      out[i + 1] = (xy[i + 1] / origH) * resolution;
    }
    return out;
  }

  /**
   * Low-resolution mask logits (B, M, h, w) → logits at (B, M, origH, origW): small holes and
   * sprinkles removed first when configured, then bilinear upsampling (align_corners=False).
   */
  public NDArray postprocessMasks(NDArray masks, int origH, int origW) {
    NDArray cleaned = masks;
    if (removesRegions()) {
      long[] s = masks.getShape().getShape();
      float[] all = masks.toType(DataType.FLOAT32, false).toFloatArray();
      removeSmallRegions(all, (int) s[2], (int) s[3]);
      cleaned = masks.getManager().create(all, masks.getShape());
    }
    return Interpolate.bilinear(cleaned, origH, origW);
  }

  /**
   * {@link #postprocessMasks} followed by the mask threshold, on low-res logits already in Java
   * ({@code planes} consecutive (h, w) planes, modified in place when small regions are
   * removed) → one binary (origH, origW) mask per plane. The upsampling runs in Java
   * ({@link BinaryUpsample}) without forming the upsampled logits.
   */
  public byte[][] postprocessMasksBinary(float[] lowRes, int planes, int h, int w, int origH,
      int origW) {
    if (removesRegions()) {
      removeSmallRegions(lowRes, h, w);
    }
    return BinaryUpsample.threshold(lowRes, planes, h, w, origH, origW, maskThreshold);
  }

  private boolean removesRegions() {
    return maxHoleArea > 0 || maxSprinkleArea > 0;
  }

  /** Hole and sprinkle removal on every (h, w) plane of {@code all}, in place. */
  private void removeSmallRegions(float[] all, int h, int w) {
    int plane = h * w;
    float[] one = new float[plane];
    for (int start = 0; start < all.length; start += plane) {
      System.arraycopy(all, start, one, 0, plane);
      ConnectedComponents.removeSmallRegions(one, h, w, maskThreshold, maxHoleArea, maxSprinkleArea);
      System.arraycopy(one, 0, all, start, plane);
    }
  }
}
