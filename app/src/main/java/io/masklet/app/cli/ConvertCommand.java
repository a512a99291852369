package io.masklet.app.cli;

import io.masklet.app.output.FolderOutput;
import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.model.coco.CocoInstances;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.dataset.FrameImages;
import io.masklet.model.png.PngMasks;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.sav.SavConversion;
import io.masklet.model.sav.SavJson;
import io.masklet.model.sav.SavVideo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code masklet convert}: reads annotations in one format and writes them in another, through
 * the project model. BMP+JSON output needs frame pictures: they come from {@code --frames}, or
 * from the input dataset's images, or from the project's media when that file exists; otherwise
 * the command stops and says so rather than writing a dataset without images. Folder outputs
 * (bmpjson, png) are written in a hidden sibling folder and renamed into place when complete,
 * replacing an earlier export in that folder whole; a folder holding anything else is refused.
 * A project made from an SA-V file keeps what the file said about the video and its masklets,
 * so SA-V → project → SA-V gives the file back (see {@code SavConversion} for which columns are
 * kept and which are recomputed from the masks); one made from COCO keeps the categories' ids,
 * the images' ids and file names and the video name (see {@code CocoInstances}).
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert annotations between SA-V masklet JSON, COCO instances JSON, the BMP+JSON "
          + "dataset, PNG masks per frame and Masklet project files. Masks are copied exactly "
          + "(COCO RLE), except where objects overlap in an indexed PNG (the smallest object id "
          + "keeps the pixel; a warning says where). A project made from SA-V keeps the "
          + "file's video id, environment, split, masklet types and edited-frame counts for a "
          + "later SA-V output; sizes, visibility and frame counts are recomputed from the masks. "
          + "A project made from COCO keeps its category ids, image ids and file names.",
    })
public final class ConvertCommand implements Callable<Integer> {

  /** Supported formats. */
  public enum Format { sav, coco, bmpjson, png, project }

  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "Input file (a dataset folder for bmpjson, a mask folder for png).")
  Path in;

  @Option(names = "--in-format", paramLabel = "FORMAT",
      description = "Input format: ${COMPLETION-CANDIDATES} (default: told from the input: a "
          + "project, SA-V or COCO file by its fields, a dataset or PNG folder by its layout).")
  Format inFormat;

  @Option(names = "--out-format", paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: told from --out's name: "
          + "*.masklet.json or *.masklet project, *_manual.json sav, *.coco.json coco; folders "
          + "need it).")
  Format outFormat;

  @Mixin DatasetOutput output;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(in)) {
      throw new UserInputException("--in " + in + ": file not found");
    }
    if (outFormat == null) {
      outFormat = AnnotationFormats.ofOutput(output.out);
    }
    if (inFormat == null) {
      inFormat = AnnotationFormats.ofInput(in);
    }
    if (outFormat == Format.bmpjson || outFormat == Format.png) {
      checkReplaceable(output.out);
    }
    Project project = read();
    String stem = output.name != null ? output.name : defaultName();
    switch (outFormat) {
      case project -> ProjectFile.save(withMediaFoundFrom(project, output.out), output.out);
      // a project made from an SA-V file keeps that file's video id unless --name says otherwise
      case sav -> SavJson.write(SavConversion.fromProject(project, output.name != null
          ? output.name : SavConversion.videoIdOf(project, stem)), output.out);
      case coco -> CocoInstances.write(project, output.out, output.name != null
          ? output.name : CocoInstances.videoNameOf(project, stem));
      case bmpjson -> writeDataset(project, stem);
      case png -> writePng(project);
    }
    int masks = project.masklets().stream().mapToInt(m -> m.frames().size()).sum();
    PrintWriter w = spec.commandLine().getOut();
    w.println("wrote " + output.out + " (" + outFormat + "): " + project.objects().size()
        + " objects, "
        + masks + " masks");
    w.flush();
    return 0;
  }

  private Project read() throws IOException {
    return switch (inFormat) {
      case project -> ProjectFile.load(in);
      case sav -> {
        SavVideo v = SavJson.read(in);
        String location =
            output.frames != null ? output.frames.toString() : v.videoId() + ".mp4";
        yield SavConversion.toProject(v, location);
      }
      case coco -> CocoInstances.read(in);
      case png -> {
        if (!Files.isDirectory(in)) {
          throw new UserInputException("--in " + in + ": png input is a folder of <frame>.png "
              + "files or of <object>/ folders of them");
        }
        yield PngMasks.read(in);
      }
      case bmpjson -> {
        if (!Files.isDirectory(in)) {
          throw new UserInputException("--in " + in + ": a bmpjson dataset is a folder holding "
              + "json/ and images/");
        }
        if (outFormat != Format.project) {
          yield BmpJsonDataset.read(in);
        }
        // a project plays its media: frame i is the i-th picture of images/
        BmpJsonDataset.ImageFolderView view = BmpJsonDataset.readAsImageFolder(in,
            FrameSources.imagesIn(in.resolve("images")));
        if (view.renumbered()) {
          PrintWriter err = spec.commandLine().getErr();
          err.println("note: the frames of " + in + " are numbered by picture in the project "
              + "(0.." + (view.project().source().frameCount() - 1) + " over its images/ "
              + "folder), as the workstation opens the dataset");
          err.flush();
        }
        yield view.project();
      }
    };
  }

  /**
   * The project with its media path written relative to the project file's folder (how the
   * workstation resolves it), when the media is found from here; otherwise as it is. A path
   * relative to the working folder would break as soon as the project is opened from elsewhere.
   */
  private Project withMediaFoundFrom(Project p, Path projectFile) {
    Path media = resolveMedia(p.source().location());
    if (media == null) {
      return p;
    }
    Path target = media.toAbsolutePath().normalize();
    Path dir = projectFile.toAbsolutePath().normalize().getParent();
    String location;
    try {
      location = dir == null ? target.toString() : dir.relativize(target).toString();
    } catch (IllegalArgumentException e) {
      location = target.toString(); // another drive or root: only an absolute path reaches it
    }
    MediaSource s = p.source();
    return p.withSource(new MediaSource(s.kind(), location.isEmpty() ? "." : location,
        s.frameCount(), s.fps(), s.width(), s.height()));
  }

  private String defaultName() throws IOException {
    if (inFormat == Format.bmpjson) {
      return BmpJsonDataset.stem(in);
    }
    String file = in.getFileName().toString();
    for (String suffix : new String[] {".masklet.json", ".masklet", "_manual.json", ".coco.json", "_coco.json", "_auto.json", ".json"}) {
      if (file.endsWith(suffix)) {
        return file.substring(0, file.length() - suffix.length());
      }
    }
    return file;
  }

  /**
   * A folder output replaces the folder {@code --out} as a whole (no frames of an earlier export
   * stay), so an existing folder must be empty or an earlier output of ours in this format: a
   * mistyped {@code --out} naming a folder of other things (frames, the input) is refused
   * rather than deleted.
   */
  private void checkReplaceable(Path folder) throws IOException {
    Path input = in.toAbsolutePath().normalize();
    if (input.startsWith(folder.toAbsolutePath().normalize())) {
      throw new UserInputException("--out " + folder + ": holds the input " + in
          + "; give another folder");
    }
    String why = folderKind().whyNotReplaceable(folder);
    if (why != null) {
      throw new UserInputException("--out " + folder + ": " + why + "; the folder is replaced"
          + " as a whole, so give a new or empty folder, or one an earlier " + outFormat
          + " output wrote");
    }
  }

  private FolderOutput folderKind() {
    return outFormat == Format.png ? FolderOutput.PNG : FolderOutput.BMP_JSON;
  }

  private void writePng(Project project) throws IOException {
    PngMasks.Layout layout =
        output.pngPerObject ? PngMasks.Layout.PER_OBJECT : PngMasks.Layout.INDEXED;
    PngMasks.WriteSummary[] written = new PngMasks.WriteSummary[1];
    folderKind().write(output.out, dir -> written[0] = PngMasks.write(project, dir, layout));
    PngMasks.WriteSummary s = written[0];
    if (!s.overlaps().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      List<Integer> frames = s.overlaps().stream().map(PngMasks.FrameOverlap::frame).toList();
      err.println("warning: objects overlap on " + frames.size() + " frame(s) "
          + (frames.size() > 10 ? frames.subList(0, 10) + "..." : frames) + " ("
          + s.overlappedPixels() + " pixels); the smallest object id kept each such pixel, so "
          + "those masks will not read back whole (use --png-per-object to keep them exactly)");
      err.flush();
    }
  }

  private void writeDataset(Project project, String stem) throws IOException {
    if (output.frames != null) {
      try (FrameSource source = openFrames(output.frames)) {
        checkSource(project, source, output.frames);
        writeDataset(project, stem, i -> source.frame(i).toBufferedImage());
      }
      return;
    }
    if (inFormat == Format.bmpjson) {
      String inStem = BmpJsonDataset.stem(in);
      FrameImages images = i -> BmpJsonDataset.readImage(BmpJsonDataset.imageFile(in, inStem, i));
      writeDataset(project, stem, images);
      return;
    }
    if (inFormat == Format.png) {
      throw new UserInputException("bmpjson output needs the frame pictures, which the PNG masks "
          + "in " + in + " do not contain: pass --frames VIDEO_OR_DIR");
    }
    MediaSource media = project.source();
    Path mediaPath = resolveMedia(media.location());
    if (mediaPath == null) {
      throw new UserInputException("bmpjson output needs the frame pictures, which " + in
          + " does not contain and whose media \"" + media.location() + "\" was not found: pass "
          + "--frames VIDEO_OR_DIR");
    }
    try (FrameSource source = openFrames(mediaPath)) {
      checkSource(project, source, mediaPath);
      writeDataset(project, stem, i -> source.frame(i).toBufferedImage());
    }
  }

  private void writeDataset(Project project, String stem, FrameImages images)
      throws IOException {
    folderKind().write(output.out, dir -> BmpJsonDataset.write(project, dir, stem, images));
  }

  /** The media path as written, or relative to the input file's folder; null when absent. */
  private Path resolveMedia(String location) {
    Path p = Path.of(location);
    Path dir = in.toAbsolutePath().getParent();
    Path besideInput = p.isAbsolute() || dir == null ? null : dir.resolve(p);
    // a project's relative path is relative to the project file, as the workstation reads it;
    // other inputs' media paths were given or made relative to the working folder
    if (inFormat == Format.project && besideInput != null && Files.exists(besideInput)) {
      return besideInput;
    }
    if (Files.exists(p)) {
      return p;
    }
    return besideInput != null && Files.exists(besideInput) ? besideInput : null;
  }

  private static FrameSource openFrames(Path path) {
    try {
      return FrameSources.open(path);
    } catch (NoSuchFileException e) {
      throw new UserInputException("--frames " + path + ": not found", e);
    } catch (IOException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }

  private static void checkSource(Project p, FrameSource s, Path where) {
    MediaSource m = p.source();
    if (s.width() != m.width() || s.height() != m.height()) {
      throw new UserInputException(where + ": frames are " + s.width() + "x" + s.height()
          + " but the annotation is " + m.width() + "x" + m.height());
    }
    int last = -1;
    for (Masklet ml : p.masklets()) {
      if (!ml.frames().isEmpty()) {
        last = Math.max(last, ml.frames().lastKey());
      }
    }
    if (last >= s.frameCount()) {
      throw new UserInputException(where + ": has " + s.frameCount() + " frames but the "
          + "annotation has masks on frame " + last);
    }
  }
}
