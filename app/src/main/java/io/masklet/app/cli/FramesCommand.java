package io.masklet.app.cli;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code masklet frames VIDEO --index N ... --out DIR}: writes frames exactly as the engine
 * decodes them, so frame exactness can be checked against any other decoder.
 */
@Command(
    name = "frames",
    mixinStandardHelpOptions = true,
    description = {
      "Write selected frames of a video, image folder or image as PNG files DIR/<N>.png "
          + "(RGB as decoded, turned and mirrored as the display matrix says, frames counted "
          + "from 0).",
    })
public final class FramesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VIDEO", description = "Video file, image folder or image.")
  Path video;

  @Option(
      names = "--index",
      required = true,
      paramLabel = "N",
      description = "Frame to write (0-based); repeat for several.")
  List<Integer> indices;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserInputException("--out " + out + " exists and is not a directory");
    }
    PrintWriter w = spec.commandLine().getOut();
    try (FrameSource source = open(video)) {
      int n = source.frameCount();
      for (int index : indices) {
        if (index < 0 || index >= n) {
          throw new UserInputException("--index " + index + " is out of range: " + video + " has "
              + n + " frames (0.." + (n - 1) + ")");
        }
      }
      Files.createDirectories(out);
      for (int index : indices) {
        RgbFrame frame;
        try {
          frame = source.frame(index);
        } catch (IOException e) {
          throw new UserInputException(e.getMessage(), e);
        }
        Path target = out.resolve(index + ".png");
        writePngAtomically(frame, target);
        w.println(target + ": frame " + index + ", " + frame.width() + "x" + frame.height());
      }
    }
    w.flush();
    return 0;
  }

  private static FrameSource open(Path video) {
    try {
      return FrameSources.open(video);
    } catch (NoSuchFileException e) {
      throw new UserInputException("video not found: " + video, e);
    } catch (IOException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }

  /** Writes next to the target and renames, so a crash never leaves a half-written PNG. */
  static void writePngAtomically(RgbFrame frame, Path target) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".frame-", ".png.part");
    try {
      if (!ImageIO.write(frame.toBufferedImage(), "png", tmp.toFile())) {
        throw new IOException("no PNG writer available");
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
