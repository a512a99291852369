package io.masklet.app.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.app.cli.engine.EngineModels;
import io.masklet.app.sample.SampleScene;
import io.masklet.app.sample.SceneFrameSource;
import io.masklet.engine.bench.JitWarmup;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.predictor.ImagePrompt;
import io.masklet.engine.predictor.PointPrompt;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import io.masklet.engine.predictor.video.FrameResult;
import io.masklet.engine.predictor.video.InferenceState;
import io.masklet.engine.predictor.video.PropagationListener;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code masklet bench}: the engine's latencies on this machine, each also as a ratio to a
 * matrix-multiplication baseline measured in the same run (so numbers from different machines
 * and loads compare). Inputs are the sample scene's frames rendered in memory.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure image-encoder latency, click latency, propagation seconds per frame per object "
          + "and peak memory, printed as a table. Times are medians after a warm-up; the first "
          + "encoder pass and the first clicks of the process are reported apart.",
    })
public final class BenchCommand implements Callable<Integer> {
  /** Timed clicks (at least) of the click measure, and the cold clicks reported apart. */
  static final int CLICK_RUNS = 20;
  static final int CLICK_COLD = 10;
  @Spec CommandSpec spec;

  static final class ModelChoice {
    @Option(names = "--checkpoint", paramLabel = "CKPT", required = true,
        description = "Benchmark this checkpoint.")
    Path checkpoint;

    @Option(names = "--random-weights", paramLabel = "CONFIG", required = true,
        description = "Benchmark CONFIG's network with random weights (no checkpoint needed).")
    Path randomWeights;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  ModelChoice model;

  @Option(names = "--config", paramLabel = "YAML",
      description = "Config of --checkpoint (default: from its file name).")
  Path config;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Timed runs per measure (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--frames", defaultValue = "6", paramLabel = "K",
      description = "Frames propagated per measure (default: ${DEFAULT-VALUE}).")
  int frames;

  @Mixin DeviceOption device;

  private record Row(String measure, double seconds, String unit) {}

  @Override
  public Integer call() throws IOException {
    if (runs < 1) {
      throw new UserInputException("--runs must be at least 1");
    }
    if (frames < 2 || frames > SampleScene.FRAMES) {
      throw new UserInputException("--frames must be in 2.." + SampleScene.FRAMES);
    }
    if (model.randomWeights != null && config != null) {
      throw new UserInputException("--config goes with --checkpoint; --random-weights takes the config itself");
    }
    device.check();
    SampleScene scene = new SampleScene();
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String what;
    try (Sam2Model m = model.checkpoint != null
            ? EngineModels.load(model.checkpoint, config)
            : EngineModels.randomWeights(model.randomWeights, 1);
        NDManager manager = NDManager.newBaseManager()) {
      what = (model.checkpoint != null ? model.checkpoint : model.randomWeights + " (random weights)")
          + ", input " + m.config().imageSize() + "px";
      double matmul = median(timeMatmul(manager));
      rows.add(new Row("baseline: 1024^3 float32 matmul", matmul, "s"));
      RgbFrame frame = new SceneFrameSource(scene, 1).frame(0);
      try (SAM2ImagePredictor predictor = EngineModels.imagePredictor(m, manager)) {
        List<Double> enc = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
          long t0 = System.nanoTime();
          predictor.setImage(frame);
          enc.add((System.nanoTime() - t0) / 1e9);
        }
        rows.add(new Row("image encoder (set_image, 640x360)", median(enc.subList(1, enc.size())), "s"));
        // the first image of a session also faults in the C heap the later ones reuse (~0.5 GB
        // at 1024 input): what an annotator waits for once, reported apart like the cold clicks
        rows.add(new Row("image encoder, first pass of the process", enc.get(0), "s"));
        // clicks are cheap and their times spread more than an encoder pass: at least 20 timed,
        // at points spread over the frame, after a warm-up until the JIT compiler has settled
        // (its threads compete with libtorch's for the cores); the process's first clicks are
        // reported apart as the cold latency
        List<Double> cold = new ArrayList<>();
        int[] next = {0};
        Runnable click = () -> {
          int i = next[0]++;
          float x = frame.width() * ((i * 7 % 10) + 0.5f) / 10;
          float y = frame.height() * ((i * 3 % 10) + 0.5f) / 10;
          long t0 = System.nanoTime();
          predictor.predict(ImagePrompt.of(PointPrompt.positive(x, y)), true, false);
          if (cold.size() < CLICK_COLD) {
            cold.add((System.nanoTime() - t0) / 1e9);
          }
        };
        JitWarmup.Outcome warm = JitWarmup.run(click, CLICK_COLD);
        List<Double> clicks = new ArrayList<>();
        int clickRuns = Math.max(CLICK_RUNS, runs);
        for (int i = 0; i < clickRuns; i++) {
          long t0 = System.nanoTime();
          click.run();
          clicks.add((System.nanoTime() - t0) / 1e9);
        }
        rows.add(new Row("click (prompt encoder + decoder, 3 masks)", median(clicks), "s"));
        rows.add(new Row("click, first " + CLICK_COLD + " of the process (cold JIT)", median(cold),
            "s"));
        notes.add("click warm-up: " + warm.describe("clicks"));
      }
      SAM2VideoPredictor video = EngineModels.videoPredictor(m);
      float[][] clicks = {{110, 180}, {535, 279}, {368, 122}};
      for (int objects : new int[] {1, 3}) {
        List<Double> gaps = new ArrayList<>();
        try (InferenceState state = video.initState(new SceneFrameSource(scene, frames), manager)) {
          for (int o = 0; o < objects; o++) {
            video.addNewPointsOrBox(state, 0, o + 1, new float[][] {clicks[o]}, new int[] {1}, null, true);
          }
          long[] last = {0};
          video.propagate(state, 0, null, false, new PropagationListener() {
            @Override
            public void onFrame(FrameResult r) {
              long now = System.nanoTime();
              if (r.frameIdx() > 0) { // frame 0 is the prompted frame: no tracking step
                gaps.add((now - last[0]) / 1e9);
              }
              last[0] = now;
            }
          }, null);
        }
        rows.add(new Row("propagation, " + objects + " object(s), per frame per object",
            median(gaps) / objects, "s"));
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    w.println("masklet bench: " + what + "; " + EngineModels.describeEngine());
    double base = rows.get(0).seconds();
    w.printf(Locale.ROOT, "%-48s %12s %12s%n", "measure", "median", "x baseline");
    for (Row r : rows) {
      w.printf(Locale.ROOT, "%-48s %10.4f %s %12.1f%n", r.measure(), r.seconds(), r.unit(), r.seconds() / base);
    }
    w.printf(Locale.ROOT, "%-48s %10.0f MiB%n", "peak memory: JVM heap", peakHeapMiB());
    double rss = peakRssMiB();
    if (rss >= 0) {
      w.printf(Locale.ROOT, "%-48s %10.0f MiB%n", "peak memory: process (VmHWM, incl. native)", rss);
    }
    notes.forEach(w::println);
    w.flush();
    return 0;
  }

  private List<Double> timeMatmul(NDManager manager) {
    List<Double> t = new ArrayList<>();
    try (NDManager s = manager.newSubManager()) {
      NDArray a = s.randomNormal(new Shape(1024, 1024));
      NDArray b = s.randomNormal(new Shape(1024, 1024));
      for (int i = 0; i <= runs; i++) {
        long t0 = System.nanoTime();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0); // force completion
        }
        if (i > 0) {
          t.add((System.nanoTime() - t0) / 1e9);
        }
      }
    }
    return t;
  }

  private static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static double peakHeapMiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024.0 * 1024.0);
  }

  /** Peak resident set size from /proc (Linux); -1 elsewhere. */
  private static double peakRssMiB() {
    Path status = Path.of("/proc/self/status");
    try {
      if (Files.isReadable(status)) {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            String[] parts = line.substring(6).trim().split("\\s+");
            return Long.parseLong(parts[0]) / 1024.0; // kB
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
