package io.masklet.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin DatasetOutput output;

  @Override
  public Integer call() throws Exception {
    ConvertCommand convert = new ConvertCommand();
    convert.spec = spec;
    convert.in = project;
    convert.inFormat = ConvertCommand.Format.project;
    convert.outFormat = ConvertCommand.Format.valueOf(format.name());
    convert.output = output;
    return convert.call();
  }
}
