package io.masklet.engine.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.config.OfficialBuild;
import io.masklet.engine.config.Sam2Config;
import io.masklet.engine.config.Sam2Configs;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.Sam2ModelBuilder;
import io.masklet.engine.modeling.backbones.BackboneOut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Image-encoder benchmark ({@code SAM2Base.forward_image}) of the real SAM 2.1 tiny config at
 * its 1024 input, with seeded random weights, on CPU; the baseline is a plain float32 matmul
 * measured in the same run, so the result is reported as achieved GFLOP/s and as a ratio of
 * the machine's matmul throughput, next to the official CPU time. The timed passes follow the
 * process's first pass (reported apart, as the cold time) and a warm-up until the passes no
 * longer fault in fresh pages ({@link JitWarmup#runUntilSteady}): the steady state of a
 * session that encodes frame after frame.
 *
 * <p>Arguments: {@code [runs] [config.yaml|t|s|b+|l] [threads]} (defaults: 5 runs, tiny, all
 * cores). One thread gives a contention-robust efficiency figure on a shared machine.
 */
public final class EncoderBench {
  /** Official SAM 2.1 tiny image-encoder median on this machine kind (../shared/bench). */
  public static final double OFFICIAL_TINY_ENCODER_S = 4.830368019000161;
  private static final int MATMUL_N = 2048;
  /**
   * Warm-up after the first pass: at least 2 passes, until 2 in a row faulted in at most
   * {@value #STEADY_FAULTS} pages (4 MiB) with the JIT compiler (almost) idle, at most 12 (here:
   * 6–7 passes after the first, which faulted ~120,000–130,000 pages; the next three 17,000–35,000
   * each).
   */
  static final int WARMUP_MIN = 2;
  static final int WARMUP_QUIET = 2;
  static final int WARMUP_MAX = 12;
  static final long STEADY_FAULTS = 1000;

  /**
   * Medians over the runs: encoder seconds, its GFLOP, achieved GFLOP/s, the same-run matmul
   * GFLOP/s, the median per-run ratio of the two, and encoder time / official time.
   */
  public record Result(double encoderMedianS, double encoderGflop, double encoderGflops,
      double matmulGflops, double throughputRatio, double vsOfficial) {}

  public static void main(String[] args) throws IOException {
    io.masklet.engine.runtime.NativeRuntime.configure(); // before libtorch loads
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Sam2Config config = config(args.length > 1 ? args[1] : "t");
    int threads = args.length > 2 ? Integer.parseInt(args[2])
        : Runtime.getRuntime().availableProcessors();
    Result r = run(config, runs, threads, System.out);
    System.out.printf("encoder %.3f s (median of %d), %.1f GFLOP -> %.1f GFLOP/s%n",
        r.encoderMedianS(), runs, r.encoderGflop(), r.encoderGflops());
    System.out.printf("matmul %dx%d float32 in the same run: %.1f GFLOP/s (median)%n", MATMUL_N,
        MATMUL_N, r.matmulGflops());
    System.out.printf("throughput ratio encoder/matmul: %.2f (median of per-run ratios;"
        + " target >= 0.75)%n", r.throughputRatio());
    System.out.printf("time vs official %.2f s: %.2fx (target <= 0.80)%n",
        OFFICIAL_TINY_ENCODER_S, r.vsOfficial());
  }

  static Sam2Config config(String arg) throws IOException {
    Path file = Path.of(arg);
    Sam2Config c = Files.isRegularFile(file) ? Sam2Configs.read(file)
        : Sam2Configs.OfficialModel.byName(arg).orElseThrow(
            () -> new IllegalArgumentException("not a config file or t/s/b+/l: " + arg)).config();
    return OfficialBuild.image(c);
  }

  /**
   * Sets libtorch's intra-op threads (and one inter-op thread when the engine is not loaded
   * yet); returns the intra-op thread count in effect.
   */
  public static int useThreads(int cores) {
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(cores));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine.getEngine("PyTorch");
    if (JniUtils.getNumThreads() != cores) {
      // the engine was already loaded by the caller: intra-op threads can still be changed
      JniUtils.setNumThreads(cores);
    }
    return JniUtils.getNumThreads();
  }

  public static Result run(Sam2Config config, int runs, int intraOpThreads,
      java.io.PrintStream log) {
    int threads = useThreads(intraOpThreads);
    SAM2Base model = Sam2ModelBuilder.build(config);
    int s = model.imageSize();
    double gflop = EncoderFlops.forwardImage(model) / 1e9;
    log.printf("%s at %d: %,d parameters, %.1f GFLOP per forward_image, %d intra-op threads%n",
        config.source(), s, model.parameterCount(), gflop, threads);
    try (StateDict weights = RandomWeights.bind(model, 42, 0.02f);
        NDManager manager = NDManager.newBaseManager("PyTorch")) {
      manager.getEngine().setRandomSeed(7);
      NDArray image = manager.randomNormal(new Shape(1, 3, s, s));
      List<Double> times = new ArrayList<>();
      List<Double> matmuls = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      long faults0 = PageFaults.minor();
      double cold = timeForward(model, image);
      log.printf("  forward_image, first pass of the process: %.3f s%s%n", cold,
          faultNote(faults0));
      // later passes still grow the C heap until its free lists hold every block a pass needs
      JitWarmup.Outcome warm = JitWarmup.runUntilSteady(() -> timeForward(model, image),
          WARMUP_MIN, WARMUP_QUIET, WARMUP_MAX, STEADY_FAULTS);
      log.printf("  warm-up: %s%n", warm.describe("passes"));
      // the machine may be shared: the baseline is measured right before each run, and the
      // ratio is taken per pair, so a load change affects both sides of a ratio alike
      for (int i = 0; i < runs; i++) {
        double matmul = matmulGflops(manager, 3);
        long before = PageFaults.minor();
        double t = timeForward(model, image);
        double ratio = gflop / t / matmul;
        log.printf("  run %d: matmul %.1f GFLOP/s, forward_image %.3f s = %.1f GFLOP/s, ratio %.2f%s%n",
            i + 1, matmul, t, gflop / t, ratio, faultNote(before));
        times.add(t);
        matmuls.add(matmul);
        ratios.add(ratio);
      }
      double median = median(times);
      model.clearCaches();
      return new Result(median, gflop, gflop / median, median(matmuls), median(ratios),
          median / OFFICIAL_TINY_ENCODER_S);
    }
  }

  /** ", N page faults" since {@code before}, or nothing where faults are not counted. */
  private static String faultNote(long before) {
    long now = PageFaults.minor();
    return before < 0 || now < 0 ? "" : String.format(java.util.Locale.ROOT, ", %,d page faults", now - before);
  }

  private static double timeForward(SAM2Base model, NDArray image) {
    try (NDManager scope = image.getManager().newSubManager()) {
      NDArray x = image.duplicate();
      x.attach(scope);
      long t0 = System.nanoTime();
      BackboneOut out = model.forwardImage(x);
      // forces completion (libtorch CPU ops are synchronous; this also reads a result)
      out.visionFeatures().getFloat(0, 0, 0, 0);
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /**
   * Median GFLOP/s of a square float32 matmul of {@value #MATMUL_N}. Its operands live in a scope
   * of their own: held until the end of the run they leaked 32 MiB per call, and the encoder
   * passes after it, finding their freed blocks taken, grew the heap again and faulted in 25–90
   * MiB of fresh pages each (6,000–22,000 page faults, +0.1–0.25 s per pass).
   */
  static double matmulGflops(NDManager manager, int runs) {
    List<Double> times = new ArrayList<>();
    try (NDManager operands = manager.newSubManager()) {
      NDArray a = operands.randomNormal(new Shape(MATMUL_N, MATMUL_N));
      NDArray b = operands.randomNormal(new Shape(MATMUL_N, MATMUL_N));
      for (int i = 0; i < runs + 1; i++) {
        try (NDManager scope = operands.newSubManager()) {
          long t0 = System.nanoTime();
          NDArray c = a.matMul(b);
          c.attach(scope);
          c.getFloat(0, 0);
          if (i > 0) {
            times.add((System.nanoTime() - t0) / 1e9);
          }
        }
      }
    }
    return 2.0 * MATMUL_N * MATMUL_N * MATMUL_N / median(times) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
