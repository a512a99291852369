package io.masklet.app.cli;

import io.masklet.app.sample.SampleData;
import io.masklet.app.sample.SampleScene;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code masklet sample-data}: regenerates the sample video, its prompts and its dataset. */
@Command(
    name = "sample-data",
    mixinStandardHelpOptions = true,
    description = {
      "Generate the sample data: a 3-second H.264 video of moving textured shapes ("
          + SampleData.VIDEO_NAME + "), a prompts file for `masklet propagate` ("
          + SampleData.PROMPTS_NAME + ") and a BMP+JSON dataset with the shapes' exact masks.",
    })
public final class SampleDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).",
      defaultValue = SampleData.DIR_NAME)
  Path out;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserInputException("--out " + out + " exists and is not a directory");
    }
    SampleScene scene = new SampleScene();
    Path video = SampleData.writeVideo(scene, out);
    Path prompts = SampleData.writePrompts(scene, out);
    Path dataset = out.resolve("dataset");
    SampleData.writeDataset(scene, video, dataset);
    PrintWriter w = spec.commandLine().getOut();
    w.println(video + ": " + Files.size(video) + " bytes, " + SampleScene.FRAMES + " frames "
        + SampleScene.WIDTH + "x" + SampleScene.HEIGHT + " @ " + SampleScene.FPS + " fps");
    w.println(prompts);
    w.println(dataset + ": BMP+JSON, every " + SampleData.DATASET_STEP + "th frame, exact masks");
    w.flush();
    return 0;
  }
}
