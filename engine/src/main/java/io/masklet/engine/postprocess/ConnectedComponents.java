package io.masklet.engine.postprocess;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;

import java.nio.IntBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Port of sam2/utils/misc.py::get_connected_components on OpenCV: 8-connected components of a
 * binary mask, reporting for every pixel the area of the component it belongs to (0 for
 * background pixels).
 */
public final class ConnectedComponents {
  private static final int EIGHT_CONNECTED = 8;
  private static final java.util.concurrent.atomic.AtomicBoolean PRELOADING =
      new java.util.concurrent.atomic.AtomicBoolean();

  private ConnectedComponents() {}

  /**
   * Loads OpenCV's native libraries on a background thread, once per process. Their first
   * load (unpacking and linking some 30 MB) took ~250 ms of the first click on a video, whose
   * masks go through hole filling; started when a video predictor is made, it is done by then.
   * A labeling that comes first simply waits for it.
   */
  public static void preloadInBackground() {
    if (PRELOADING.compareAndSet(false, true)) {
      Thread t = new Thread(() -> {
        try {
          org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_imgproc.class);
        } catch (Throwable e) {
          // the first labeling loads (and reports) it instead
        }
      }, "masklet-opencv-preload");
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * The 8-connected labeling of a mask: {@code labels} per row-major pixel (0 = background,
   * components 1..count-1 as OpenCV numbers them) and {@code areas[label]} (entry 0 is the
   * background's pixel count).
   */
  public record Labeling(int count, int[] labels, int[] areas) {}

  /** OpenCV's {@code connectedComponentsWithStats} with 8-connectivity on a row-major mask. */
  public static Labeling label(byte[] mask, int height, int width) {
    if (mask.length != height * width) {
      throw new IllegalArgumentException(mask.length + " mask bytes for " + height + "x" + width);
    }
    int[] labels = new int[mask.length];
    try (BytePointer data = new BytePointer(mask);
        Mat image = new Mat(height, width, CV_8UC1, data);
        Mat labelMat = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat()) {
      int n = connectedComponentsWithStats(image, labelMat, stats, centroids, EIGHT_CONNECTED, CV_32S);
      int[] areaOf = new int[n];
      IntBuffer st = stats.createBuffer();
      int cols = stats.cols();
      for (int label = 0; label < n; label++) {
        areaOf[label] = st.get(label * cols + CC_STAT_AREA);
      }
      IntBuffer lab = labelMat.createBuffer();
      lab.get(labels);
      return new Labeling(n, labels, areaOf);
    }
  }

  /**
   * {@code mask} holds {@code height*width} row-major pixels, non-zero = foreground. Returns the
   * row-major per-pixel component areas (0 where {@code mask} is 0).
   */
  public static int[] componentAreas(byte[] mask, int height, int width) {
    Labeling l = label(mask, height, width);
    int[] areas = new int[mask.length];
    for (int i = 0; i < areas.length; i++) {
      int label = l.labels()[i];
      areas[i] = label == 0 ? 0 : l.areas()[label];
    }
    return areas;
  }

  /**
   * Small-region cleanup of SAM2Transforms.postprocess_masks on one mask's logits (in place):
   * background components (logit ≤ {@code threshold}) of area ≤ {@code maxHoleArea} become
   * {@code threshold + 10}; foreground components of area ≤ {@code maxSprinkleArea} become
   * {@code threshold - 10}. Both are found on the logits as given (before either change), as the
   * official code does. A non-positive area disables that step.
   */
  public static void removeSmallRegions(float[] logits, int height, int width, float threshold,
      int maxHoleArea, int maxSprinkleArea) {
    boolean fillHoles = maxHoleArea > 0;
    boolean removeSprinkles = maxSprinkleArea > 0;
    if (!fillHoles && !removeSprinkles) {
      return;
    }
    int[] holeAreas = null;
    int[] sprinkleAreas = null;
    if (fillHoles) {
      byte[] bg = new byte[logits.length];
      for (int i = 0; i < logits.length; i++) {
        bg[i] = (byte) (logits[i] <= threshold ? 1 : 0);
      }
      holeAreas = componentAreas(bg, height, width);
    }
    if (removeSprinkles) {
      byte[] fg = new byte[logits.length];
      for (int i = 0; i < logits.length; i++) {
        fg[i] = (byte) (logits[i] > threshold ? 1 : 0);
      }
      sprinkleAreas = componentAreas(fg, height, width);
    }
    for (int i = 0; i < logits.length; i++) {
      if (fillHoles && holeAreas[i] > 0 && holeAreas[i] <= maxHoleArea) {
        logits[i] = threshold + 10f;
      }
      if (removeSprinkles && sprinkleAreas[i] > 0 && sprinkleAreas[i] <= maxSprinkleArea) {
        logits[i] = threshold - 10f;
      }
    }
  }
}
