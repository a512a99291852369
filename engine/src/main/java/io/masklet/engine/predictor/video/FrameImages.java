package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;

/**
 * The video as the model sees it: every frame resized to the model's square input and
 * normalized, plus the original size that masks are returned at.
 */
public interface FrameImages {
  int numFrames();

  int videoHeight();

  int videoWidth();

  /** Frame {@code index} as a normalized (1, 3, S, S) float32 tensor in {@code manager}. */
  NDArray image(int index, NDManager manager) throws IOException;

  /**
   * A frame source seen at the model's input size {@code size}: each frame resized with PIL's
   * bicubic (as the official {@code load_video_frames}) and normalized.
   */
  static FrameImages of(io.masklet.engine.video.FrameSource source, int size) {
    return new FrameImages() {
      public int numFrames() {
        return source.frameCount();
      }

      public int videoHeight() {
        return source.height();
      }

      public int videoWidth() {
        return source.width();
      }

      public NDArray image(int index, NDManager manager) throws IOException {
        return io.masklet.engine.preprocess.VideoFrameTransform.toModelInput(source.frame(index),
            size, manager);
      }
    };
  }

  /**
   * Normalizes resized RGB bytes (S x S x 3, row-major) like the official loader:
   * {@code (x / 255 - mean) / std} with the ImageNet mean and std → (1, 3, S, S).
   */
  static NDArray normalize(byte[] rgb, int size, NDManager manager) {
    float[] mean = {0.485f, 0.456f, 0.406f};
    float[] std = {0.229f, 0.224f, 0.225f};
    int plane = size * size;
    float[] out = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      for (int ch = 0; ch < 3; ch++) {
        float v = (rgb[3 * i + ch] & 0xFF) / 255f;
        out[ch * plane + i] = (v - mean[ch]) / std[ch];
      }
    }
    return manager.create(out, new ai.djl.ndarray.types.Shape(1, 3, size, size));
  }
}
