package io.masklet.app.ui.engine;

import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.engine.bench.VideoBench;
import io.masklet.engine.checkpoint.RandomWeights;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.runtime.NativeRuntime;
import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.model.project.PointPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (not a test) of an annotator's first clicks after opening a video, through the
 * workstation's engine service: the SAM 2.1 tiny config at 1024 with seeded random weights
 * (written to a temporary checkpoint), then 20 clicks on frame 0, five per object for four
 * objects (a first click, then corrections). With {@code --rehearse} the service first runs its
 * click rehearsal, as the workstation does once the annotator has stayed on the frame.
 *
 * <p>The JIT's warm-up belongs to the process, so compare separate runs, alternating with and
 * without the option. Arguments: {@code [--rehearse] [video]} (default
 * {@code ../shared/data/videos/bedroom.mp4}).
 */
public final class FirstClicksBench {
  static final int CLICKS = 20;
  static final int CLICKS_PER_OBJECT = 5;

  private FirstClicksBench() {}

  public static void main(String[] args) throws Exception {
    NativeRuntime.configure(); // before libtorch loads
    boolean rehearse = false;
    Path video = Path.of("../shared/data/videos/bedroom.mp4");
    for (String a : args) {
      if (a.equals("--rehearse")) {
        rehearse = true;
      } else {
        video = Path.of(a);
      }
    }
    Path dir = Files.createTempDirectory("masklet-first-clicks");
    Path checkpoint = dir.resolve("sam2.1_hiera_tiny.safetensors");
    try {
      SAM2Base model = VideoBench.tinyModel();
      try (StateDict weights = RandomWeights.bind(model, 1, 0.02f)) {
        Safetensors.write(checkpoint, weights);
      }
      run(checkpoint, video, rehearse);
    } finally {
      Files.deleteIfExists(checkpoint);
      Files.deleteIfExists(dir);
    }
  }

  private static void run(Path checkpoint, Path video, boolean rehearse) throws Exception {
    TaskContext none = TaskContext.none();
    try (Sam2SegmentationService service = new Sam2SegmentationService()) {
      service.loadCheckpoint(checkpoint, null, none);
      long t0 = System.nanoTime();
      FrameSource frames = FrameSources.open(video);
      int width = frames.width();
      int height = frames.height();
      service.openVideo(frames, none); // the service owns and closes the source
      System.out.printf(Locale.ROOT, "video opened (frame 0 encoded) in %.0f ms%n",
          (System.nanoTime() - t0) / 1e6);
      if (rehearse) {
        t0 = System.nanoTime();
        boolean done = service.rehearseClicks(0, none);
        System.out.printf(Locale.ROOT, "rehearsal: %d clicks in %.0f ms%s%n",
            service.rehearsedClicks(), (System.nanoTime() - t0) / 1e6, done ? "" : " (incomplete)");
      }
      Random random = new Random(1);
      List<Double> ms = new ArrayList<>();
      FramePrompts prompts = FramePrompts.EMPTY;
      for (int i = 0; i < CLICKS; i++) {
        if (i % CLICKS_PER_OBJECT == 0) {
          prompts = FramePrompts.EMPTY;
        }
        prompts = prompts.withPoint(new PointPrompt(random.nextInt(width), random.nextInt(height),
            i % CLICKS_PER_OBJECT != 2));
        long c0 = System.nanoTime();
        service.predict(0, 1 + i / CLICKS_PER_OBJECT, prompts, none);
        ms.add((System.nanoTime() - c0) / 1e6);
      }
      double mean = ms.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double max = ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      System.out.printf(Locale.ROOT, "first %d clicks%s: mean %.1f ms, first %.1f ms, max %.1f ms%n",
          CLICKS, rehearse ? " after the rehearsal" : " without rehearsal", mean, ms.get(0), max);
      System.out.println("clicks ms: " + ms.stream()
          .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }
  }
}
