package io.masklet.engine.video;

import java.nio.file.Path;
import java.util.Random;

/**
 * Benchmark (not a test): sequential decoding rate and seek latency of {@link FrameSources} on a
 * video, against raw FFmpeg decoding (no pixel conversion, no indexing) measured in the same
 * run. Run: {@code java -cp <engine test classpath> io.masklet.engine.video.FrameSourceBench
 * [VIDEO] [SEEKS]} (default ../shared/data/videos/bedroom.mp4, 30 seeks).
 */
public final class FrameSourceBench {
  private FrameSourceBench() {}

  public static void main(String[] args) throws Exception {
    Path video = Path.of(args.length > 0 ? args[0] : "../shared/data/videos/bedroom.mp4");
    int seeks = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int rounds = 3;

    double rawFps = 0;
    double rawRgbFps = 0;
    int n = 0;
    for (int r = 0; r < rounds; r++) {
      try (VideoDecoder d = new VideoDecoder(video.toString())) {
        d.scanPackets();
        long t = System.nanoTime();
        int count = 0;
        while (d.nextPicture() != null) {
          count++;
        }
        rawFps = Math.max(rawFps, count / seconds(t));
        n = count;
        d.rewind();
        t = System.nanoTime();
        count = 0;
        while (d.nextPicture() != null) {
          d.toRgb();
          count++;
        }
        rawRgbFps = Math.max(rawRgbFps, count / seconds(t));
      }
    }

    double openMs = Double.MAX_VALUE;
    double seqFps = 0;
    double prefetchFps = 0;
    double seekMs = Double.MAX_VALUE;
    double cachedMs = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = System.nanoTime();
      try (FrameSource s = FrameSources.open(video, 0)) {
        openMs = Math.min(openMs, seconds(t) * 1e3);
        t = System.nanoTime();
        for (int i = 0; i < s.frameCount(); i++) {
          s.frame(i);
        }
        seqFps = Math.max(seqFps, s.frameCount() / seconds(t));

        t = System.nanoTime();
        // includes reopening the source for the producer thread
        try (FrameReader reader = FrameSources.prefetch(s, 0, s.frameCount(), false, 8)) {
          while (reader.hasNext()) {
            reader.next();
          }
        }
        prefetchFps = Math.max(prefetchFps, s.frameCount() / seconds(t));

        Random random = new Random(5);
        int[] picks = random.ints(seeks, 0, s.frameCount()).toArray();
        t = System.nanoTime();
        for (int p : picks) {
          s.frame(p);
        }
        seekMs = Math.min(seekMs, seconds(t) * 1e3 / seeks);
      }
      // a cache holding the whole video: pure cache-hit latency
      try (FrameSource s = FrameSources.open(video, 1L << 31)) {
        for (int i = 0; i < s.frameCount(); i++) {
          s.frame(i);
        }
        Random random = new Random(6);
        int[] picks = random.ints(seeks, 0, s.frameCount()).toArray();
        t = System.nanoTime();
        for (int p : picks) {
          s.frame(p);
        }
        cachedMs = Math.min(cachedMs, seconds(t) * 1e3 / seeks);
      }
    }

    double rawMsPerFrame = 1e3 / rawFps;
    System.out.printf("video %s: %d frames, best of %d rounds, %d cores%n", video, n, rounds,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("raw FFmpeg decode (baseline)       %8.1f frames/s%n", rawFps);
    System.out.printf("raw decode + RGB conversion        %8.1f frames/s  (%.2fx baseline)%n",
        rawRgbFps, rawRgbFps / rawFps);
    System.out.printf("FrameSource sequential (no cache)  %8.1f frames/s  (%.2fx baseline)%n",
        seqFps, seqFps / rawFps);
    System.out.printf("prefetching reader (queue 8)       %8.1f frames/s  (%.2fx baseline)%n",
        prefetchFps, prefetchFps / rawFps);
    System.out.printf("open (packet scan + tail check)    %8.1f ms        (%.1f baseline frame decodes)%n",
        openMs, openMs / rawMsPerFrame);
    System.out.printf("random seek, no cache              %8.2f ms/frame  (%.1f baseline frame decodes)%n",
        seekMs, seekMs / rawMsPerFrame);
    System.out.printf("random access, warm cache          %8.4f ms/frame%n", cachedMs);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
