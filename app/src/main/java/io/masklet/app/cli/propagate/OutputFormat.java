package io.masklet.app.cli.propagate;

import io.masklet.app.cli.UserInputException;
import io.masklet.app.output.FolderOutput;
import io.masklet.app.cli.prompts.PromptsFile;
import io.masklet.app.cli.prompts.PromptsFile.ObjectPrompts;
import io.masklet.model.coco.CocoInstances;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.dataset.FrameImages;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.png.PngMasks;
import io.masklet.model.project.Project;
import io.masklet.model.sav.SavConversion;
import io.masklet.model.sav.SavJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The formats {@code masklet propagate} writes, through the annotation model's writers, and
 * where each video's result goes in the output directory. Every result appears atomically:
 * files through the writers' temp-and-rename, folders (BMP+JSON, PNG) are written under a
 * hidden {@code .<name>.partial} folder and renamed into place when complete
 * ({@link AtomicFiles#writeFolder}), so the presence of a result means it is complete (what
 * batch resumption relies on).
 */
public enum OutputFormat {
  /** SA-V masklet JSON: {@code <stem>_manual.json} (the SA-V release's schema). */
  sav,
  /** COCO instances with RLE segmentations: {@code <stem>.coco.json}. */
  coco,
  /** BMP+JSON dataset: {@code <stem>/images/*.bmp} and {@code <stem>/json/*.json}. */
  bmpjson,
  /** PNG masks per frame (indexed, object id = palette index): {@code <stem>/<frame>.png}. */
  png;

  /** Where the result for video {@code stem} lives under {@code outDir}. */
  public Path target(Path outDir, String stem) {
    return switch (this) {
      case sav -> outDir.resolve(stem + "_manual.json");
      case coco -> outDir.resolve(stem + ".coco.json");
      case bmpjson, png -> outDir.resolve(stem);
    };
  }

  /** Whether a result is a folder ({@code bmpjson}, {@code png}) rather than one file. */
  public boolean isFolder() {
    return this == bmpjson || this == png;
  }

  /**
   * Whether a finished result for video {@code stem} is in {@code outDir} (what batch runs skip
   * without {@code --force}). Something of the wrong kind at the result's path (a folder named
   * like a SA-V/COCO file, a file named like a PNG/BMP+JSON folder) is no result: an error
   * naming it, never a skip, and never silently replaced.
   */
  public boolean hasResult(Path outDir, String stem) {
    Path target = target(outDir, stem);
    if (isFolder() && Files.exists(target) && !Files.isDirectory(target)) {
      throw new UserInputException(target + ": a file is in the way of the " + this
          + " result of video " + stem + " (a folder); remove or rename the file");
    }
    if (!isFolder() && Files.isDirectory(target)) {
      throw new UserInputException(target + ": a folder is in the way of the " + this
          + " result of video " + stem + " (a file); remove or rename the folder");
    }
    return Files.exists(target);
  }

  /**
   * Checks that the objects of a prompts file fit this format (indexed PNG holds ids
   * 1..{@value PngMasks#MAX_INDEXED_ID}), so a run does not fail after propagating.
   */
  public void checkObjects(PromptsFile prompts, Path promptsFile) {
    if (this != png) {
      return;
    }
    for (ObjectPrompts o : prompts.objects()) {
      if (o.id() > PngMasks.MAX_INDEXED_ID) {
        throw new UserInputException("prompts file " + promptsFile + ", object " + o.id()
            + ": --format png holds object ids 1.." + PngMasks.MAX_INDEXED_ID
            + " (one palette index per object); renumber the objects or use another format");
      }
    }
  }

  /** Writes {@code project} for video {@code stem}; {@code frames} supplies pictures (bmpjson). */
  public void write(Project project, Path outDir, String stem, FrameImages frames)
      throws IOException {
    Path target = target(outDir, stem);
    switch (this) {
      case sav -> SavJson.write(SavConversion.fromProject(project, stem), target);
      case coco -> CocoInstances.write(project, target, stem);
      case bmpjson -> FolderOutput.BMP_JSON.write(target,
          dir -> BmpJsonDataset.write(project, dir, stem, frames));
      case png -> FolderOutput.PNG.write(target,
          dir -> PngMasks.write(project, dir, PngMasks.Layout.INDEXED));
    }
  }
}
