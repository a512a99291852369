package io.masklet.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where and how {@code convert} and {@code export} write annotations (a picocli mixin): the
 * output path, the frame pictures a BMP+JSON dataset needs, the PNG layout and the file stem.
 */
public final class DatasetOutput {
  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "Output file (a dataset folder for bmpjson, a mask folder for png: "
          + "written aside and put in place when complete, replacing an earlier one whole).")
  Path out;

  @Option(names = "--frames", paramLabel = "VIDEO_OR_DIR",
      description = "Video, image folder or image supplying the frame pictures for bmpjson "
          + "output (default: the input dataset's images, or the project's media).")
  Path frames;

  @Option(names = "--png-per-object",
      description = "png output: a folder per object (OBJ/FRAME.png, binary) instead of one "
          + "indexed PNG per frame whose pixel value is the object id.")
  boolean pngPerObject;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Video name / file stem for the output (default: from the input file).")
  String name;
}
