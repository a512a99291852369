package io.masklet.app.cli.propagate;

import io.masklet.model.coco.CocoInstances;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.dataset.FrameImages;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.png.PngMasks;
import io.masklet.model.project.Project;
import io.masklet.model.sav.SavConversion;
import io.masklet.model.sav.SavJson;
import java.io.IOException;
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

  /** Writes {@code project} for video {@code stem}; {@code frames} supplies pictures (bmpjson). */
  public void write(Project project, Path outDir, String stem, FrameImages frames)
      throws IOException {
    Path target = target(outDir, stem);
    switch (this) {
      case sav -> SavJson.write(SavConversion.fromProject(project, stem), target);
      case coco -> CocoInstances.write(project, target, stem);
      case bmpjson ->
          AtomicFiles.writeFolder(target, dir -> BmpJsonDataset.write(project, dir, stem, frames));
      case png -> AtomicFiles.writeFolder(target,
          dir -> PngMasks.write(project, dir, PngMasks.Layout.INDEXED));
    }
  }
}
