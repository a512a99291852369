package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.tracking.Sam2BaseTracking;
import io.masklet.engine.tracking.TrackingOptions;
import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory stays flat over a long video: one object tracked with the micro model over a
 * 2,000-frame synthetic video (a square moving on a gradient); native + heap memory at frame
 * 2,000 is within 10% of frame 200 (RSS from /proc/self/status, heap used after GC), and the
 * memory bank never holds more than the pointer window of tracked frames.
 */
class BoundedMemoryTest {
  static final int FRAMES = Integer.getInteger("masklet.boundedMemoryFrames", 2000);

  /** An in-memory synthetic video of {@code n} frames, w x h. */
  static FrameSource synthetic(int n, int w, int h) {
    return new FrameSource() {
      public int frameCount() {
        return n;
      }

      public double fps() {
        return 25;
      }

      public int width() {
        return w;
      }

      public int height() {
        return h;
      }

      public String location() {
        return "synthetic";
      }

      public RgbFrame frame(int index) {
        byte[] rgb = new byte[w * h * 3];
        int cx = (index * 3) % (w - 16);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            boolean in = x >= cx && x < cx + 16 && y >= h / 3 && y < h / 3 + 16;
            int i = 3 * (y * w + x);
            rgb[i] = (byte) (in ? 230 : x * 2);
            rgb[i + 1] = (byte) (in ? 40 : y * 2);
            rgb[i + 2] = (byte) (in ? 40 : 128);
          }
        }
        return new RgbFrame(index, w, h, rgb);
      }

      public FrameSource reopen() {
        return synthetic(n, w, h);
      }

      public void close() {}
    };
  }

  static long rssBytes() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  static long heapUsedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void nativeAndHeapMemoryAtFrame2000StayWithinTenPercentOfFrame200() throws Exception {
    Path dir = VideoGoldenTest.fixture("sam2.1_hiera_micro");
    assumeTrue(Files.isRegularFile(dir.resolve("checkpoint.pt")), "micro fixture absent");
    assumeTrue(Files.isRegularFile(Path.of("/proc/self/status")), "needs Linux /proc for RSS");
    int firstAt = Math.min(200, FRAMES / 10);
    long[] at200 = new long[2];
    long[] atEnd = new long[2];
    int[] maxBank = {0};
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        VideoTestModels.Loaded loaded = VideoTestModels.load(dir, false);
        FrameSource video = synthetic(FRAMES, 64, 48)) {
      SAM2VideoPredictor predictor = new SAM2VideoPredictor(new Sam2BaseTracking(loaded.model()),
          TrackingOptions.sam21Video(256), new SAM2VideoPredictor.Settings(4, true));
      try (InferenceState state = predictor.initState(video, m)) {
        predictor.addNewPointsOrBox(state, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true);
        predictor.propagate(state, 0, null, false, new PropagationListener() {
          @Override
          public void onFrame(FrameResult r) {
            maxBank[0] = Math.max(maxBank[0], state.object(1).memory().nonCond().size());
            if (r.frameIdx() % 250 == 0) {
              System.out.printf("bounded memory: frame %d, %d tracked frames in memory%n",
                  r.frameIdx(), state.object(1).memory().nonCond().size());
            }
            try {
              if (r.frameIdx() == firstAt) {
                at200[1] = heapUsedAfterGc();
                at200[0] = rssBytes();
              } else if (r.frameIdx() == FRAMES - 1) {
                atEnd[1] = heapUsedAfterGc();
                atEnd[0] = rssBytes();
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }, null);
      }
    }
    long before = at200[0] + at200[1];
    long after = atEnd[0] + atEnd[1];
    System.out.printf("bounded memory: frame %d rss %d MB heap %d MB; frame %d rss %d MB heap %d MB; bank max %d%n",
        firstAt, at200[0] >> 20, at200[1] >> 20, FRAMES - 1, atEnd[0] >> 20, atEnd[1] >> 20, maxBank[0]);
    assertTrue(maxBank[0] <= 16, "memory bank grew to " + maxBank[0] + " tracked frames");
    assertTrue(after <= before * 1.10, "memory grew from " + (before >> 20) + " MB to " + (after >> 20) + " MB");
  }
}
