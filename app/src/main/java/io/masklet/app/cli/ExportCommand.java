package io.masklet.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code masklet export PROJECT --format F --out PATH}: a saved workstation project written as a
 * dataset, the design's name for the batch side of File ▸ Export. It is {@code convert} with the
 * input fixed to a project file, so both write the same bytes; the frame pictures a BMP+JSON
 * dataset needs come from the project's own media unless {@code --frames} says otherwise.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export a Masklet project (the workstation's .masklet.json) as SA-V masklet JSON, COCO "
          + "instances JSON, a BMP+JSON dataset or PNG masks per frame; the same output as "
          + "File > Export in the workstation and as `convert --in-format project`.",
    })
public final class ExportCommand implements Callable<Integer> {

  /** What a project can be exported as. */
  public enum Format { sav, coco, bmpjson, png }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file.")
  Path project;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "Output file (a dataset folder for bmpjson, a mask folder for png).")
  Path out;

  @Option(names = "--frames", paramLabel = "VIDEO_OR_DIR",
      description = "Video, image folder or image supplying the frame pictures for bmpjson "
          + "(default: the project's media).")
  Path frames;

  @Option(names = "--png-per-object",
      description = "png: a folder per object (OBJ/FRAME.png, binary) instead of one indexed PNG "
          + "per frame whose pixel value is the object id.")
  boolean pngPerObject;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Video name / file stem for the output (default: the project's file name).")
  String name;

  @Override
  public Integer call() throws Exception {
    ConvertCommand convert = new ConvertCommand();
    convert.spec = spec;
    convert.in = project;
    convert.inFormat = ConvertCommand.Format.project;
    convert.out = out;
    convert.outFormat = ConvertCommand.Format.valueOf(format.name());
    convert.frames = frames;
    convert.pngPerObject = pngPerObject;
    convert.name = name;
    return convert.call();
  }
}
