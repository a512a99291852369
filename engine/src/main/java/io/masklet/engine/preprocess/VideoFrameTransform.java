package io.masklet.engine.preprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.video.RgbFrame;

/**
 * A video frame as the SAM 2 video predictor's input: Pillow-bicubic resize of the 8-bit RGB
 * frame to {@code S × S} ({@link PilResize}), then scaling to [0, 1] and ImageNet mean/std
 * normalisation, channels first. Follows the official loader's arithmetic: the byte is divided
 * by 255 in double precision, stored as float32, and the mean subtraction and std division are
 * float32 operations.
 */
public final class VideoFrameTransform {
  /** ImageNet channel means (R, G, B) the SAM 2 image encoder was trained with. */
  public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  /** ImageNet channel standard deviations (R, G, B). */
  public static final float[] STD = {0.229f, 0.224f, 0.225f};

  private VideoFrameTransform() {}

  /** The frame's pixels resized to {@code size × size} as Pillow's default resize would. */
  public static byte[] resizeSquare(RgbFrame frame, int size) {
    return PilResize.resize(frame.rgb(), frame.width(), frame.height(), size, size);
  }

  /**
   * Normalises interleaved 8-bit RGB ({@code height × width × 3}) to channels-first floats
   * {@code 3 × height × width}: {@code ((float) (v / 255.0) - mean[c]) / std[c]}.
   */
  public static float[] normalize(byte[] rgb, int width, int height) {
    int plane = width * height;
    if (rgb.length != plane * 3) {
      throw new IllegalArgumentException(rgb.length + " bytes for " + width + "x" + height + " RGB");
    }
    float[] chw = new float[plane * 3];
    // (H, W, 3) interleaved -> (3, H, W) planes
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < 3; c++) {
        float v = (float) ((rgb[p * 3 + c] & 0xff) / 255.0);
        chw[c * plane + p] = (v - MEAN[c]) / STD[c];
      }
    }
    return chw;
  }

  /**
   * The model input tensor {@code [1, 3, size, size]} (float32) of one video frame, owned by
   * {@code manager}.
   */
  public static NDArray toModelInput(RgbFrame frame, int size, NDManager manager) {
    float[] chw = normalize(resizeSquare(frame, size), size, size);
    return manager.create(chw, new Shape(1, 3, size, size));
  }
}
