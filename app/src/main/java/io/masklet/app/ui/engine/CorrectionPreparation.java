package io.masklet.app.ui.engine;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.SessionListener;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Provenance;
import java.time.Duration;

/**
 * Gets the engine ready for a correction while the annotator looks at a tracked frame. The
 * first click on a frame the selected object was propagated to runs the engine's memory
 * attention over the object's whole memory (1.7 s with the tiny model on 2 cores, every model
 * size has the same memory attention); the clicks after it reuse that work. So when the
 * annotator stays {@link #DWELL} on such a frame, with the engine otherwise idle, the work is
 * done in the background ({@link SegmentationService#prepareCorrection}) and the first click is
 * as fast as the next ones. Scrubbing past frames starts nothing; at most one preparation is
 * queued or running, and one that is no longer wanted when its turn comes is skipped.
 */
public final class CorrectionPreparation {
  /** How long the annotator stays on a frame before the engine prepares it. */
  public static final Duration DWELL = Duration.ofMillis(600);

  /** The object and frame a preparation is for. */
  public record Target(int objectId, int frame) {}

  private final Workspace ws;
  private final SessionListener sessionListener = new SessionListener() {
    @Override
    public void frameChanged(int objectId, int frame) {
      if (frame == ws.currentFrame() && objectId == ws.selectedObjectIdProperty().get()) {
        schedule();
      }
    }
  };
  private Runnable cancelPending = () -> {};
  /** The target the annotator is on now, read by the worker when a preparation's turn comes. */
  private volatile Target wanted;
  private boolean inFlight;
  private int prepared;

  public CorrectionPreparation(Workspace ws) {
    this.ws = ws;
    ws.currentFrameProperty().addListener((o, a, b) -> schedule());
    ws.selectedObjectIdProperty().addListener((o, a, b) -> schedule());
    ws.engineVideoReadyProperty().addListener((o, a, b) -> schedule());
    ws.propagatingProperty().addListener((o, a, b) -> schedule());
    ws.sessionProperty().addListener((o, old, now) -> {
      if (old != null) {
        old.removeListener(sessionListener);
      }
      if (now != null) {
        now.addListener(sessionListener);
      }
      schedule();
    });
    if (ws.session() != null) {
      ws.session().addListener(sessionListener);
    }
  }

  /** Preparations the engine reported done or already in place (for tests). */
  public int preparedCount() {
    return prepared;
  }

  /** The frame and object a correction would be for now, if the engine could prepare it. */
  Target target() {
    AnnotationSession s = ws.session();
    SegmentationService engine = ws.engine();
    if (s == null || engine == null || !engine.isLoaded() || !ws.engineVideoReadyProperty().get()
        || ws.propagatingProperty().get()) {
      return null;
    }
    int obj = ws.selectedObjectIdProperty().get();
    int frame = ws.currentFrame();
    if (!s.hasObject(obj)) {
      return null;
    }
    FrameMask mask = s.mask(obj, frame);
    // only a frame the engine tracked the object to needs memory attention for a click
    return mask != null && mask.provenance() == Provenance.PROPAGATED ? new Target(obj, frame) : null;
  }

  private void schedule() {
    cancelPending.run();
    Target t = target();
    wanted = t;
    if (t == null) {
      return;
    }
    cancelPending = ws.engineExecutor().runOnUiThreadAfter(DWELL, this::submit);
  }

  private void submit() {
    Target t = target();
    if (t == null || !t.equals(wanted) || inFlight) {
      return; // moved on, or the running preparation submits again when it ends
    }
    inFlight = true;
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.of("Prepare correction",
            ctx -> t.equals(wanted) && engine.prepareCorrection(t.frame(), t.objectId(), ctx))
        .onSuccess(done -> {
          if (done) {
            prepared++;
          }
        })
        // a failed preparation costs the first click its speed, nothing else: stay quiet
        .onFinished(() -> {
          inFlight = false;
          Target now = target();
          if (now != null && !now.equals(t)) {
            schedule();
          }
        }));
  }
}
