package io.masklet.engine.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.predictor.ImageFeatures;
import io.masklet.engine.predictor.ImagePrompt;
import io.masklet.engine.predictor.PointPrompt;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import io.masklet.engine.predictor.SamHeads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Click-to-mask latency with a cached image embedding, the interactive loop of the workstation:
 * one positive click, multimask output (3 masks), masks upsampled to a 960×540 original and
 * binarized into Java arrays. Random weights of the real tiny heads (hidden 256 at 1024 input;
 * the click path does not involve the image encoder, so only the SAM heads are built). Reports
 * the median against the official Python predictor's 241.9 ms median (measured on this machine
 * kind, ../shared/bench/official_cpu.json) and, as a same-run baseline for the machine's current
 * speed, a 1024³ float32 matmul. The timed clicks follow a warm-up that lasts until the JIT
 * compiler has settled ({@link JitWarmup}); the first clicks of the process are reported apart
 * as the cold median.
 *
 * <p>Usage: {@code ClickBench [clicks=30] [hiddenDim=256] [imageSize=1024]}.
 */
public final class ClickBench {
  /** Official SAM2ImagePredictor.predict median (one point, multimask, upsampled to 960×540). */
  public static final double OFFICIAL_CLICK_MEDIAN_MS = 241.93885049999153;
  private static final int ORIG_W = 960;
  private static final int ORIG_H = 540;
  /** Clicks of a fresh process whose median is reported as the cold latency. */
  static final int COLD_CLICKS = 10;

  private ClickBench() {}

  /**
   * Results in milliseconds (median and all timed runs), the median of the first
   * {@link #COLD_CLICKS} clicks of the process, the warm-up and the same-run matmul GFLOP/s.
   */
  public record Result(double medianMs, List<Double> runsMs, double medianCpuMs,
      double coldMedianMs, JitWarmup.Outcome warmup, double matmulGflops) {
    public double ratioToOfficial() {
      return medianMs / OFFICIAL_CLICK_MEDIAN_MS;
    }
  }

  public static void main(String[] args) {
    io.masklet.engine.runtime.NativeRuntime.configure(); // before libtorch loads
    int clicks = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    Result r = run(clicks, hidden, size);
    System.out.printf(Locale.ROOT, "click runs (ms): %s%n", r.runsMs().stream()
        .map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    System.out.printf(Locale.ROOT, "click median %.1f ms; official %.1f ms; ratio %.3f (%.1fx faster)%n",
        r.medianMs(), OFFICIAL_CLICK_MEDIAN_MS, r.ratioToOfficial(), 1 / r.ratioToOfficial());
    System.out.printf(Locale.ROOT, "click median process CPU time %.1f ms (all threads: a measure"
        + " of the work that does not depend on how busy the machine is)%n",
        r.medianCpuMs());
    System.out.printf(Locale.ROOT, "cold: median of the process's first %d clicks %.1f ms; warm-up"
        + " %s%n", COLD_CLICKS, r.coldMedianMs(), r.warmup().describe("clicks"));
    System.out.printf(Locale.ROOT, "same-run matmul 1024^3: %.1f GFLOP/s%n", r.matmulGflops());
  }

  public static Result run(int clicks, int hidden, int imageSize) {
    SamHeads heads = new SamHeads(hidden, imageSize);
    try (StateDict w = RandomWeights.bind(heads, 1, 0.02f);
        NDManager m = NDManager.newBaseManager("PyTorch");
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(heads, m)) {
      m.getEngine().setRandomSeed(5);
      int e = imageSize / 16;
      try (NDManager f = m.newSubManager()) {
        NDArray embed = f.randomNormal(new Shape(1, hidden, e, e));
        NDArray s0 = f.randomNormal(new Shape(1, hidden / 8, 4 * e, 4 * e));
        NDArray s1 = f.randomNormal(new Shape(1, hidden / 4, 2 * e, 2 * e));
        predictor.setImageFeatures(new ImageFeatures(embed, List.of(s0, s1)), ORIG_H, ORIG_W);
      }
      Random rnd = new Random(11);
      long[] inside = {0};
      List<Double> cold = new ArrayList<>();
      Runnable warmClick = () -> {
        long t0 = System.nanoTime();
        inside[0] += click(predictor, rnd);
        if (cold.size() < COLD_CLICKS) {
          cold.add((System.nanoTime() - t0) / 1e6);
        }
      };
      JitWarmup.Outcome warmup = JitWarmup.run(warmClick, COLD_CLICKS);
      List<Double> times = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      for (int i = 0; i < clicks; i++) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        inside[0] += click(predictor, rnd);
        times.add((System.nanoTime() - t0) / 1e6);
        cpu.add((os.getProcessCpuTime() - c0) / 1e6);
      }
      List<Double> sorted = new ArrayList<>(times);
      Collections.sort(sorted);
      double median = sorted.get(sorted.size() / 2);
      if (inside[0] < 0) {
        throw new AssertionError(); // keeps the results observably used
      }
      Collections.sort(cpu);
      Collections.sort(cold);
      return new Result(median, times, cpu.get(cpu.size() / 2), cold.get(cold.size() / 2),
          warmup, matmulGflops(m));
    }
  }

  /** One positive click at a random place; returns the first mask pixel (keeps it used). */
  private static int click(SAM2ImagePredictor predictor, Random rnd) {
    ImagePrompt click = ImagePrompt.of(
        PointPrompt.positive(rnd.nextFloat() * ORIG_W, rnd.nextFloat() * ORIG_H));
    return predictor.predict(click, true, false).best().binary()[0];
  }

  /** Median throughput of a 1024×1024 by 1024×1024 float32 matmul. */
  static double matmulGflops(NDManager m) {
    List<Double> t = new ArrayList<>();
    try (NDManager s = m.newSubManager()) {
      NDArray a = s.randomNormal(new Shape(1024, 1024));
      NDArray b = s.randomNormal(new Shape(1024, 1024));
      for (int i = 0; i < 7; i++) {
        long t0 = System.nanoTime();
        NDArray c = a.matMul(b);
        c.getFloat(0, 0);
        t.add((System.nanoTime() - t0) / 1e9);
        c.close();
      }
    }
    Collections.sort(t);
    return 2.0 * 1024 * 1024 * 1024 / t.get(t.size() / 2) / 1e9;
  }
}
