package io.masklet.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.predictor.video.FrameImages;
import io.masklet.engine.predictor.video.FrameResult;
import io.masklet.engine.predictor.video.InferenceState;
import io.masklet.engine.predictor.video.PropagationListener;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.tracking.Sam2BaseTracking;
import io.masklet.engine.tracking.TrackingOptions;
import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Video benchmark: the sam2.1_hiera_t config at 1024 with random weights on CPU, 8 frames of a
 * video (default ../shared/data/videos/bedroom.mp4). Reports median seconds per propagated
 * frame for 1 and 3 objects, re-propagation after a correction (features cached), and memory
 * attention's throughput at a full bank as a fraction of a plain matmul's in the same run, and
 * re-propagation beyond the in-memory feature cache with and without the disk tier, and
 * correction clicks on a tracked frame with and without reuse of its memory-conditioned
 * features, and re-propagation of one corrected object alone against all three objects.
 * Usage: {@code VideoBench [video] [frames]}.
 */
public final class VideoBench {
  private VideoBench() {}

  /** The sam2.1_hiera_t network as the official video builder makes it. */
  public static SAM2Base tinyModel() {
    return io.masklet.engine.modeling.Sam2ModelBuilder.build(tinyConfig());
  }

  static io.masklet.engine.config.Sam2Config tinyConfig() {
    return io.masklet.engine.config.OfficialBuild.video(
        io.masklet.engine.config.Sam2Configs.OfficialModel.TINY.config());
  }

  public static void main(String[] args) throws Exception {
    io.masklet.engine.runtime.NativeRuntime.configure(); // before libtorch loads
    Path video = Path.of(args.length > 0 ? args[0] : "../shared/data/videos/bedroom.mp4");
    int frames = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    SAM2Base model = tinyModel();
    try (StateDict w = RandomWeights.bind(model, 1, 0.02f);
        NDManager m = NDManager.newBaseManager("PyTorch");
        FrameSource src = FrameSources.open(video)) {
      // paired measurements after a warm-up run: the machine's load changes between runs
      for (int rep = 0; rep < 3; rep++) {
        double gflops = matmulGflops(m);
        double memAttn = memoryAttentionSeconds(model, m);
        System.out.printf("run %d: matmul %.1f GFLOP/s; memory attention at a full bank %.2f s = %.1f"
            + " GFLOP/s (%.0f%% of matmul)%n", rep, gflops, memAttn, 606 / memAttn, 100 * (606 / memAttn) / gflops);
      }
      FrameImages images = FrameImages.of(firstFrames(src, frames), 1024);
      SAM2VideoPredictor predictor = new SAM2VideoPredictor(new Sam2BaseTracking(model),
          TrackingOptions.from(tinyConfig()), new SAM2VideoPredictor.Settings(frames, true));
      float[][] clicks = {{0.45f, 0.55f}, {0.2f, 0.3f}, {0.75f, 0.4f}};
      for (int objects : new int[] {1, 3}) {
        try (InferenceState state = predictor.initState(images, m)) {
          for (int o = 0; o < objects; o++) {
            predictor.addNewPointsOrBox(state, 0, o + 1, new float[][] {
                {clicks[o][0] * src.width(), clicks[o][1] * src.height()}}, new int[] {1}, null, true);
          }
          double first = medianFrameSeconds(predictor, state);
          System.out.printf("%d object(s): %.2f s per propagated frame (official %.1f: ratio %.2f)%n",
              objects, first, objects == 1 ? 11.2 : 24.3, first / (objects == 1 ? 11.2 : 24.3));
          if (objects == 1) {
            predictor.addNewPointsOrBox(state, frames / 2, 1, new float[][] {
                {0.5f * src.width(), 0.5f * src.height()}}, new int[] {0}, null, false);
            double again = medianFrameSeconds(predictor, state);
            System.out.printf("re-propagation after a correction: %.2f s per frame (%.2f of the first pass)%n",
                again, again / first);
            correctionClicks(predictor, state, frames, src);
          } else {
            predictor.addNewPointsOrBox(state, frames / 2, 2, new float[][] {
                {0.5f * src.width(), 0.5f * src.height()}}, new int[] {0}, null, false);
            double alone = medianFrameSeconds(predictor, state, java.util.Set.of(2));
            double all = medianFrameSeconds(predictor, state, null);
            System.out.printf("re-propagation after correcting 1 of 3 objects: the corrected object"
                + " alone %.2f s per frame, all objects %.2f s (ratio %.2f)%n", alone, all,
                alone / all);
          }
        }
      }
      firstClickOnAFrame(predictor, images, src, m);
      beyondMemory(model, images, src, frames, m);
    }
  }

  /**
   * The first click on a frame not encoded yet, as it is and with the frame encoded ahead while
   * the annotator looks at it (what the workstation does after a short dwell).
   */
  private static void firstClickOnAFrame(SAM2VideoPredictor predictor, FrameImages images,
      FrameSource src, NDManager m) {
    try (InferenceState state = predictor.initState(images, m)) {
      float[][] point = {{0.5f * src.width(), 0.5f * src.height()}};
      long t0 = System.nanoTime();
      predictor.addNewPointsOrBox(state, 1, 1, point, new int[] {1}, null, true);
      double cold = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      predictor.encodeFrame(state, 2);
      double ahead = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      predictor.addNewPointsOrBox(state, 2, 2, point, new int[] {1}, null, true);
      double prepared = (System.nanoTime() - t0) / 1e6;
      System.out.printf("first click on a frame not encoded yet: %.0f ms; encoded ahead (%.0f ms in"
          + " the background), then %.0f ms%n", cold, ahead, prepared);
    }
  }

  /**
   * Correction clicks on tracked frames, the annotator's fixing loop, on one predictor and
   * session: alternating between two frames, the first click on a frame runs memory attention
   * over the object's bank (the frame kept before is the other one), the second reuses the
   * frame's memory-conditioned features. Then a correction prepared ahead of its first click.
   */
  private static void correctionClicks(SAM2VideoPredictor predictor, InferenceState state,
      int frames, FrameSource src) {
    java.util.Random rnd = new java.util.Random(7);
    java.util.function.IntToDoubleFunction click = frame -> {
      long t0 = System.nanoTime();
      predictor.addNewPointsOrBox(state, frame, 1, new float[][] {
          {rnd.nextFloat() * src.width(), rnd.nextFloat() * src.height()}},
          new int[] {rnd.nextInt(2)}, null, false);
      return (System.nanoTime() - t0) / 1e6;
    };
    long reusedBefore = state.conditioningReused();
    List<Double> first = new ArrayList<>();
    List<Double> next = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int frame = frames - 1 - i % 2;
      first.add(click.applyAsDouble(frame));
      next.add(click.applyAsDouble(frame));
    }
    Collections.sort(first);
    Collections.sort(next);
    System.out.printf("correction clicks on tracked frames: first on a frame %.0f ms (memory"
        + " attention), the next %.0f ms reusing its memory-conditioned features (medians of 6:"
        + " ratio %.3f; %d clicks reused)%n", first.get(3), next.get(3),
        next.get(3) / first.get(3), state.conditioningReused() - reusedBefore);
    int frame = frames - 3;
    long t0 = System.nanoTime();
    predictor.prepareCorrection(state, frame, 1);
    double prepare = (System.nanoTime() - t0) / 1e6;
    System.out.printf("correction prepared ahead (while the annotator looks at frame %d): %.0f ms"
        + " in the background, then its first click %.0f ms%n", frame, prepare,
        click.applyAsDouble(frame));
  }

  /**
   * Re-propagation after a correction on a video longer than the in-memory feature cache (here
   * 2 frames in memory): the frames behind the correction are encoded again, or read back from
   * the disk tier. Alternated, so both see the same machine.
   */
  private static void beyondMemory(SAM2Base model, FrameImages images, FrameSource src, int frames,
      NDManager m) throws java.io.IOException {
    Path dir = java.nio.file.Files.createTempDirectory("masklet-bench-features");
    double[][] perMode = new double[2][];
    for (int rep = 0; rep < 2; rep++) {
      for (int disk = 0; disk < 2; disk++) {
        SAM2VideoPredictor.Settings settings = new SAM2VideoPredictor.Settings(2, true);
        if (disk == 1) {
          settings = settings.withFeatureDisk(dir, 4L << 30);
        }
        SAM2VideoPredictor predictor = new SAM2VideoPredictor(new Sam2BaseTracking(model),
            TrackingOptions.from(tinyConfig()), settings);
        try (InferenceState state = predictor.initState(images, m)) {
          predictor.addNewPointsOrBox(state, 0, 1, new float[][] {
              {0.45f * src.width(), 0.55f * src.height()}}, new int[] {1}, null, true);
          medianFrameSeconds(predictor, state);
          predictor.addNewPointsOrBox(state, 1, 1, new float[][] {
              {0.5f * src.width(), 0.5f * src.height()}}, new int[] {0}, null, false);
          double again = medianFrameSeconds(predictor, state);
          System.out.printf("re-propagation beyond the 2 frames in memory, features %s: %.2f s per frame"
              + " (encoder runs %d, disk reads %d)%n", disk == 1 ? "from disk" : "encoded again", again,
              state.featureCache().misses(), state.featureCache().diskHits());
          perMode[disk] = perMode[disk] == null ? new double[] {again} : new double[] {perMode[disk][0], again};
        }
      }
    }
    System.out.printf("re-propagation beyond memory: disk tier / encoded again = %.2f, %.2f%n",
        perMode[1][0] / perMode[0][0], perMode[1][1] / perMode[0][1]);
    java.nio.file.Files.deleteIfExists(dir); // the sessions removed their files on close
  }

  private static FrameSource firstFrames(FrameSource src, int n) {
    return new FrameSource() {
      public int frameCount() {
        return Math.min(n, src.frameCount());
      }

      public double fps() {
        return src.fps();
      }

      public int width() {
        return src.width();
      }

      public int height() {
        return src.height();
      }

      public String location() {
        return src.location();
      }

      public io.masklet.engine.video.RgbFrame frame(int index) throws java.io.IOException {
        return src.frame(index);
      }

      public FrameSource reopen() throws java.io.IOException {
        return firstFrames(src.reopen(), n);
      }

      public void close() {}
    };
  }

  /** Median wall time between yielded frames, like the official measurement. */
  private static double medianFrameSeconds(SAM2VideoPredictor p, InferenceState state) {
    return medianFrameSeconds(p, state, null);
  }

  /** Median seconds between frames of a forward propagation of {@code objIds} (null: all). */
  private static double medianFrameSeconds(SAM2VideoPredictor p, InferenceState state,
      java.util.Set<Integer> objIds) {
    List<Double> gaps = new ArrayList<>();
    long[] last = {System.nanoTime()};
    boolean[] firstYield = {true};
    p.propagate(state, objIds, null, null, false, new PropagationListener() {
      @Override
      public void onFrame(FrameResult r) {
        long now = System.nanoTime();
        if (!firstYield[0]) {
          gaps.add((now - last[0]) / 1e9);
        }
        firstYield[0] = false;
        last[0] = now;
      }
    }, null);
    Collections.sort(gaps);
    return gaps.get(gaps.size() / 2);
  }

  private static double matmulGflops(NDManager m) {
    try (NDManager s = m.newSubManager()) {
      NDArray a = s.randomNormal(new Shape(4096, 256));
      NDArray b = s.randomNormal(new Shape(256, 16384));
      a.matMul(b).close();
      long t0 = System.nanoTime();
      int reps = 3;
      for (int i = 0; i < reps; i++) {
        a.matMul(b).close();
      }
      double sec = (System.nanoTime() - t0) / 1e9 / reps;
      return 2.0 * 4096 * 256 * 16384 / sec / 1e9;
    }
  }

  /** One memory-attention forward at a full bank (7 frames of 64x64 + 16 pointers as 64 tokens). */
  private static double memoryAttentionSeconds(SAM2Base model, NDManager m) {
    try (NDManager s = m.newSubManager()) {
      int hw = 64 * 64;
      int mem = 7 * hw + 64;
      NDArray curr = s.randomNormal(new Shape(1, hw, 256));
      NDArray pos = s.randomNormal(new Shape(1, hw, 256));
      NDArray memory = s.randomNormal(new Shape(1, mem, 64));
      NDArray memPos = s.randomNormal(new Shape(1, mem, 64));
      long t0 = System.nanoTime();
      model.memoryAttention().forward(curr, memory, pos, memPos, 64).close();
      return (System.nanoTime() - t0) / 1e9;
    }
  }
}
