package io.masklet.app.ui.engine;

import io.masklet.app.ui.frames.FrameSourceOpener;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.engine.video.FrameSource;
import io.masklet.model.project.Prompt;
import io.masklet.model.project.TrackedObject;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The model side of the workstation: loading (and remembering) a SAM 2.1 checkpoint, and giving
 * the engine its own view of the open video, re-sending the stored prompts of an opened project.
 */
public final class EngineViewModel {
  /** Where the official SAM 2.1 checkpoints are published. */
  public static final String CHECKPOINT_URL_PATTERN =
      "https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_%s.pt";

  /** Shown when no checkpoint is loaded: where to get one and how to point the app at it. */
  public static final String CHECKPOINT_HELP = """
      No SAM 2.1 checkpoint is loaded. Clicks, boxes and propagation need one; the brush and \
      eraser (B / E) work without it.

      Get a checkpoint in one of two ways:
        \u2022 run  masklet checkpoints download  (fetches and verifies the official files), or
        \u2022 download one of the official files yourself:
            https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_tiny.pt
            https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_small.pt
            https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_base_plus.pt
            https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_large.pt

      Then choose File \u25b8 Load checkpoint\u2026 (Ctrl+L) and pick the .pt file. The model \
      configuration follows from the file name (tiny, small, base_plus, large); for a renamed \
      file put its .yaml config next to it. The workstation remembers the checkpoint.""";

  private final Workspace ws;
  private final FrameSourceOpener opener;
  private final BooleanProperty loading = new SimpleBooleanProperty();
  private final javafx.beans.property.StringProperty featureCacheText =
      new javafx.beans.property.SimpleStringProperty("");
  private final StringBinding modelText;
  private final StringBinding deviceText;

  public EngineViewModel(Workspace ws, FrameSourceOpener opener) {
    this.ws = ws;
    this.opener = opener;
    this.modelText = Bindings.createStringBinding(() -> {
      ModelInfo m = ws.modelProperty().get();
      return loading.get() ? "Loading model\u2026" : m == null ? "No model" : m.name();
    }, ws.modelProperty(), loading);
    this.deviceText = Bindings.createStringBinding(() -> {
      ModelInfo m = ws.modelProperty().get();
      return m == null ? "engine idle" : m.device();
    }, ws.modelProperty());
    ws.framesProperty().addListener((o, old, f) -> {
      ws.engineVideoReadyProperty().set(false);
      if (f != null && ws.modelProperty().get() != null) {
        openVideoInEngine();
      }
    });
  }

  /**
   * Reads the engine's feature-cache use into {@link #featureCacheTextProperty()}; the status
   * bar calls it periodically (the engine publishes it without locking).
   */
  public void refreshFeatureCacheUse() {
    SegmentationService engine = ws.engine();
    featureCacheText.set(featureCacheText(engine == null ? FeatureCacheUse.NONE
        : engine.featureCacheUse()));
  }

  /** Status text of the feature cache's disk use: empty when nothing is on disk. */
  static String featureCacheText(FeatureCacheUse use) {
    if (use.offReason() != null) {
      return "feature disk cache off: " + use.offReason();
    }
    if (use.framesOnDisk() == 0) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, "features on disk: %d frames, %s",
        use.framesOnDisk(), bytes(use.bytesOnDisk()));
  }

  private static String bytes(long b) {
    double mib = b / (1024.0 * 1024.0);
    return mib >= 1024 ? String.format(java.util.Locale.ROOT, "%.1f GiB", mib / 1024)
        : String.format(java.util.Locale.ROOT, "%.0f MiB", mib);
  }

  public javafx.beans.property.ReadOnlyStringProperty featureCacheTextProperty() {
    return featureCacheText;
  }

  public BooleanProperty loadingProperty() {
    return loading;
  }

  public StringBinding modelTextProperty() {
    return modelText;
  }

  public StringBinding deviceTextProperty() {
    return deviceText;
  }

  /** Disk budgets offered for image features of frames no longer in memory, in GiB (0 = off). */
  public static final java.util.List<Integer> FEATURE_DISK_CHOICES = java.util.List.of(0, 2, 4, 8, 16, 32, 64);

  /** The disk budget for image features, GiB (0 = off). */
  public int featureDiskCacheGiB() {
    return ws.settings().featureDiskCacheGiB();
  }

  /** Remembers a new disk budget; it applies from the next video the engine opens. */
  public void setFeatureDiskCacheGiB(int gib) {
    if (gib == ws.settings().featureDiskCacheGiB()) {
      return;
    }
    ws.settings().setFeatureDiskCacheGiB(gib);
    ws.status(gib == 0
        ? "Image features will no longer be cached on disk (from the next video on)."
        : "Up to " + gib + " GiB of image features will be cached on disk (from the next video on).");
  }

  /** Loads the remembered checkpoint if it still exists (at start-up). */
  public void loadRemembered() {
    ws.settings().checkpoint().filter(Files::isRegularFile).ifPresent(
        ckpt -> loadCheckpoint(ckpt, ws.settings().checkpointConfig()
            .filter(Files::isRegularFile).orElse(null)));
  }

  /** Loads a checkpoint in the background; {@code config} may be null (from the file name). */
  public void loadCheckpoint(Path checkpoint, Path config) {
    if (ws.propagatingProperty().get()) {
      ws.status("Cancel the propagation before switching models.");
      return;
    }
    loading.set(true);
    ws.status("Loading " + checkpoint.getFileName() + "\u2026");
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.of("Load checkpoint",
            ctx -> engine.loadCheckpoint(checkpoint, config, ctx))
        .onSuccess(info -> {
          ws.modelProperty().set(info);
          ws.settings().setCheckpoint(checkpoint, config);
          ws.status("Model " + info.name() + " loaded on " + info.device() + ".");
          if (ws.framesProperty().get() != null) {
            openVideoInEngine();
          }
        })
        .onFailure(e -> ws.status("Cannot load checkpoint " + checkpoint + ": "
            + AnnotationEditor.message(e)))
        .onFinished(() -> loading.set(false)));
  }

  /**
   * Starts the engine's tracking state on the open media (its own frame source: the engine
   * reads frames in its own order) and replays the session's prompts into it.
   */
  public void openVideoInEngine() {
    Path media = ws.mediaPathProperty().get();
    AnnotationSession session = ws.session();
    if (media == null || session == null) {
      return;
    }
    SegmentationService engine = ws.engine();
    java.util.List<Prompt> prompts = new java.util.ArrayList<>();
    for (TrackedObject o : session.objects()) {
      for (Integer f : session.promptedFrames(o.id())) {
        prompts.add(session.prompt(o.id(), f));
      }
    }
    ws.engineVideoReadyProperty().set(false);
    ws.engineExecutor().submit(BackgroundTask.ofRunnable("Prepare video for the engine", ctx -> {
          FrameSource src = opener.open(media);
          engine.openVideo(src, ctx);
          for (Prompt p : prompts) {
            if (p.mask() != null) {
              engine.setMaskPrompt(p.frame(), p.objectId(), p.mask(), ctx);
            } else {
              engine.predict(p.frame(), p.objectId(),
                  io.masklet.app.ui.session.FramePrompts.of(p), ctx);
            }
          }
        })
        .onSuccess(v -> {
          if (ws.session() == session) {
            ws.engineVideoReadyProperty().set(true);
          }
        })
        .onFailure(e -> ws.status("The engine cannot read " + media + ": "
            + AnnotationEditor.message(e))));
  }
}
