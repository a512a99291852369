package io.masklet.app.cli;

import io.masklet.app.cli.engine.EngineModels;
import io.masklet.app.cli.propagate.OutputFormat;
import io.masklet.app.cli.propagate.VideoJob;
import io.masklet.app.cli.propagate.VideoPropagation;
import io.masklet.app.cli.prompts.PromptsFile;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.model.project.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code masklet propagate}: prompts on a few frames → masklets over the whole video(s). */
@Command(
    name = "propagate",
    mixinStandardHelpOptions = true,
    description = {
      "Track the prompted objects through a video (forward and backward from the prompted "
          + "frames) with the SAM 2.1 video predictor and write their masklets.",
      "Prompts file (pixels of the original video; points, labels, box, mask each optional, at "
          + "least one per prompt; mask = image file relative to the prompts file):",
      "  {\"objects\": [{\"id\": 1, \"label\": \"cup\", \"prompts\": [{\"frame\": 0, "
          + "\"points\": [[x, y]], \"labels\": [1], \"box\": [x0, y0, x1, y1]}]}]}",
      "Batch: --video DIR without --prompts processes every video file in DIR that has a "
          + "<name>.prompts.json next to it. Results appear atomically; a video whose result "
          + "exists is skipped, so a killed batch resumes where it stopped.",
      "Outputs in --out: sav: <name>_manual.json, coco: <name>.coco.json, bmpjson: <name>/"
          + "{images,json}/, png: <name>/<frame>.png.",
    })
public final class PropagateCommand implements Callable<Integer> {
  static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mkv", "avi", "mov", "webm", "m4v");

  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(names = "--video", required = true, paramLabel = "V",
      description = "Video file or image folder; or, without --prompts, a folder of videos.")
  Path video;

  @Option(names = "--prompts", paramLabel = "P.json", description = "Prompts file of --video.")
  Path prompts;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--format", required = true, paramLabel = "sav|coco|bmpjson|png",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  OutputFormat format;

  @Mixin DeviceOption device;

  @Option(names = "--force", description = "Recompute videos whose result already exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (Files.isRegularFile(out)) {
      throw new UserInputException("--out " + out + " is a file; give a directory");
    }
    List<VideoJob> jobs = jobs();
    PrintWriter w = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Read every prompts file before the (slow) model load: a typo fails at once.
    List<PromptsFile> parsed = new ArrayList<>();
    for (VideoJob j : jobs) {
      parsed.add(PromptsFile.read(j.prompts()));
    }
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      String stem = jobs.get(i).stem();
      boolean done = format.hasResult(out, stem); // (a folder named like a file result is an error)
      if (done && !force) {
        w.println(format.target(out, stem) + ": exists, skipped (--force recomputes)");
      } else {
        todo.add(i);
      }
    }
    w.flush();
    if (todo.isEmpty()) {
      return 0;
    }
    // Everything the prompts, the videos and the format can tell is checked before the (slow)
    // model load: a prompt that cannot work fails at once, and nothing is written.
    for (int i : todo) {
      VideoJob job = jobs.get(i);
      format.checkObjects(parsed.get(i), job.prompts());
      try (FrameSource source = FrameInputs.open("--video", job.video())) {
        VideoPropagation.check(parsed.get(i), job.prompts(), source.frameCount(), source.width(),
            source.height());
      }
    }
    device.check();
    // --out is made when the first result is written; a run that fails before any result
    // leaves no (empty) folder behind.
    Path made = firstMissing(out);
    try (Sam2Model sam2 = model.load()) {
      SAM2VideoPredictor predictor = EngineModels.videoPredictor(sam2);
      int n = 0;
      for (int i : todo) {
        VideoJob job = jobs.get(i);
        n++;
        if (todo.size() > 1) {
          err.printf(Locale.ROOT, "[%d/%d] %s%n", n, todo.size(), job.video());
          err.flush();
        }
        Project result;
        try (FrameSource source = FrameInputs.open("--video", job.video())) {
          result = VideoPropagation.run(predictor, source, parsed.get(i), job.prompts(),
              Files.isDirectory(job.video()));
          Files.createDirectories(out);
          format.write(result, out, job.stem(), f -> source.frame(f).toBufferedImage());
        }
        int masks = result.masklets().stream().mapToInt(m -> m.frames().size()).sum();
        w.println(format.target(out, job.stem()) + ": " + result.objects().size() + " objects, "
            + masks + " masks over " + result.source().frameCount() + " frames");
        w.flush();
      }
    } catch (Throwable t) {
      removeEmptyFolders(out, made, t);
      throw t;
    }
    return 0;
  }

  /**
   * The outermost folder of {@code dir} that does not exist yet (what creating {@code dir}
   * makes), or null when {@code dir} exists. A file in the way is bad input, found now rather
   * than when the first result is written.
   */
  private static Path firstMissing(Path dir) {
    Path missing = null;
    Path p = dir.toAbsolutePath().normalize();
    while (p != null && !Files.exists(p)) {
      missing = p;
      p = p.getParent();
    }
    if (p != null && !Files.isDirectory(p)) {
      throw new UserInputException("--out " + dir + ": " + p + " is a file, not a folder");
    }
    return missing;
  }

  /** Removes the folders this run made for {@code dir} (up to {@code made}) while empty. */
  private static void removeEmptyFolders(Path dir, Path made, Throwable failure) {
    if (made == null) {
      return;
    }
    for (Path p = dir.toAbsolutePath().normalize(); p != null && p.startsWith(made);
        p = p.getParent()) {
      try (Stream<Path> s = Files.list(p)) {
        if (s.findAny().isPresent()) {
          return; // holds results of videos done before the failure
        }
      } catch (java.nio.file.NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        failure.addSuppressed(e);
        return;
      }
      try {
        Files.delete(p);
      } catch (IOException e) {
        failure.addSuppressed(e);
        return;
      }
    }
  }

  private List<VideoJob> jobs() throws IOException {
    if (!Files.exists(video)) {
      throw new UserInputException("--video " + video + ": not found");
    }
    if (prompts != null) {
      if (!Files.isRegularFile(prompts)) {
        throw new UserInputException("--prompts " + prompts + ": not found");
      }
      return List.of(new VideoJob(video, prompts, VideoJob.stemOf(video)));
    }
    if (!Files.isDirectory(video)) {
      throw new UserInputException("--prompts is required for a single video (without it, "
          + "--video is a folder of videos, each with a <name>.prompts.json)");
    }
    List<VideoJob> jobs = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(video)) {
      files = s.filter(Files::isRegularFile).filter(PropagateCommand::isVideo)
          .sorted((a, b) -> FrameSources.naturalCompare(a.getFileName().toString(),
              b.getFileName().toString()))
          .toList();
    }
    PrintWriter err = spec.commandLine().getErr();
    for (Path f : files) {
      String stem = VideoJob.stemOf(f);
      Path p = f.resolveSibling(stem + ".prompts.json");
      if (Files.isRegularFile(p)) {
        jobs.add(new VideoJob(f, p, stem));
      } else {
        err.println("warning: " + f + " has no " + p.getFileName() + "; not processed");
      }
    }
    err.flush();
    if (jobs.isEmpty()) {
      throw new UserInputException("--video " + video + ": no video file with a "
          + "<name>.prompts.json next to it (videos: " + String.join(", ", VIDEO_EXTENSIONS) + ")");
    }
    return jobs;
  }

  private static boolean isVideo(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot > 0 && VIDEO_EXTENSIONS.contains(n.substring(dot + 1));
  }
}
