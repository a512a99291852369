package io.masklet.app.ui.export;

import io.masklet.app.output.FolderOutput;
import io.masklet.app.ui.frames.SharedFrameSource;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.engine.video.RgbFrame;
import io.masklet.model.coco.CocoInstances;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.png.PngMasks;
import io.masklet.model.project.Project;
import io.masklet.model.sav.SavConversion;
import io.masklet.model.sav.SavJson;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Exports the annotation (a snapshot taken on the UI thread) in the background with the
 * annotation model's writers; BMP export reads the frame pictures from the open media.
 */
public final class ExportViewModel {
  private final Workspace ws;
  private final BooleanProperty exporting = new SimpleBooleanProperty();

  public ExportViewModel(Workspace ws) {
    this.ws = ws;
  }

  public BooleanProperty exportingProperty() {
    return exporting;
  }

  /**
   * The media's name without extension: the dataset stem, and the SA-V video id or COCO video
   * name of a project that did not come from such a file (one that did keeps the file's).
   */
  public String stem() {
    Path media = ws.mediaPathProperty().get();
    if (media == null) {
      return "video";
    }
    String n = media.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && !Files.isDirectory(media) ? n.substring(0, dot) : n;
  }

  /** Suggested target: next to the media ({@code <stem>_dataset/} or {@code <stem>_manual.json}). */
  public Path suggestedTarget(ExportFormat f) {
    Path media = ws.mediaPathProperty().get();
    Path dir = media == null || media.toAbsolutePath().getParent() == null ? Path.of(".")
        : media.toAbsolutePath().getParent();
    return switch (f) {
      case BMP_JSON -> dir.resolve(stem() + "_dataset");
      case SAV_JSON -> dir.resolve(stem() + "_manual.json");
      case COCO -> dir.resolve(stem() + "_coco.json");
      case PNG_INDEXED -> dir.resolve(stem() + "_masks");
      case PNG_PER_OBJECT -> dir.resolve(stem() + "_object_masks");
    };
  }

  /** Exports in the background; {@code done} gets the target on success (UI thread). */
  public void export(ExportFormat format, Path target, Consumer<Path> done) {
    if (ws.session() == null) {
      ws.status("Nothing to export: open a video first.");
      return;
    }
    Project snapshot = ws.session().snapshot();
    SharedFrameSource frames = ws.framesProperty().get();
    SharedFrameSource.Lease lease;
    try {
      // the annotator may open another document while a long dataset is written
      lease = frames.lease();
    } catch (IOException e) {
      ws.status("Nothing to export: " + AnnotationEditor.message(e));
      return;
    }
    String stem = stem();
    exporting.set(true);
    ws.status("Exporting " + format.label() + "\u2026");
    Path suggestedName = suggestedTarget(format).getFileName();
    java.util.List<Path> inUse = java.util.stream.Stream.of(ws.mediaPathProperty().get(),
        ws.projectFileProperty().get()).filter(java.util.Objects::nonNull).toList();
    ws.ioExecutor().submit(BackgroundTask.of("Export " + format.label(), ctx -> {
          Path where = format.targetIsDirectory()
              ? folderFor(format, target, suggestedName, inUse) : target;
          String note = "";
          switch (format) {
            case BMP_JSON -> FolderOutput.BMP_JSON.write(where, dir -> BmpJsonDataset.write(
                snapshot, dir, stem, i -> toImage(frames.frame(i))));
            case SAV_JSON -> SavJson.write(SavConversion.fromProject(snapshot,
                SavConversion.videoIdOf(snapshot, stem)), where);
            case COCO -> CocoInstances.write(snapshot, where,
                CocoInstances.videoNameOf(snapshot, stem));
            case PNG_INDEXED -> {
              PngMasks.WriteSummary[] w = new PngMasks.WriteSummary[1];
              FolderOutput.PNG.write(where,
                  dir -> w[0] = PngMasks.write(snapshot, dir, PngMasks.Layout.INDEXED));
              if (!w[0].overlaps().isEmpty()) {
                note = "; " + w[0].overlaps().size() + " frames have overlapping objects (the "
                    + "smaller id wins in an indexed PNG; use per-object PNGs to keep both)";
              }
            }
            case PNG_PER_OBJECT -> FolderOutput.PNG.write(where,
                dir -> PngMasks.write(snapshot, dir, PngMasks.Layout.PER_OBJECT));
            default -> throw new IllegalStateException(format.name());
          }
          return new Written(where, note);
        })
        .onSuccess(w -> {
          ws.status("Exported " + format.label() + " to " + w.where() + w.note());
          done.accept(w.where());
        })
        .onFailure(e -> ws.status("Export to " + target + " failed: "
            + AnnotationEditor.message(e)))
        .onFinished(() -> {
          lease.close();
          exporting.set(false);
        }));
  }

  private record Written(Path where, String note) {}

  /**
   * Where a folder export chosen as {@code chosen} goes. The export replaces its folder whole
   * (written aside, then swapped in: no frame of an earlier export stays, a failure leaves the
   * earlier one as it was), so it goes into {@code chosen} itself only when that is new, empty
   * or an earlier Masklet export of this format, and holds neither the open media nor the
   * open project; any other folder (the video's own, a dataset being edited) gets the export in
   * a subfolder named like the suggestion, and is not touched.
   */
  static Path folderFor(ExportFormat format, Path chosen, Path suggestedName,
      java.util.List<Path> inUse) throws IOException {
    FolderOutput kind = format == ExportFormat.BMP_JSON ? FolderOutput.BMP_JSON
        : FolderOutput.PNG;
    Path target = chosen;
    if (holds(chosen, inUse) || kind.whyNotReplaceable(chosen) != null) {
      target = chosen.resolve(suggestedName);
      String why = holds(target, inUse) ? "it holds the open document's files"
          : kind.whyNotReplaceable(target);
      if (why != null) {
        throw new IOException("cannot replace " + target + ": " + why
            + "; choose an empty folder");
      }
    }
    return target;
  }

  private static boolean holds(Path folder, java.util.List<Path> inUse) {
    Path f = folder.toAbsolutePath().normalize();
    return inUse.stream().anyMatch(p -> p.toAbsolutePath().normalize().startsWith(f));
  }

  /** An RGB frame as a BGR BufferedImage (what BMP stores), copying bytes row by row. */
  static BufferedImage toImage(RgbFrame f) {
    BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    byte[] src = f.rgb();
    for (int i = 0; i < src.length; i += 3) {
      dst[i] = src[i + 2];
      dst[i + 1] = src[i + 1];
      dst[i + 2] = src[i];
    }
    return img;
  }
}
