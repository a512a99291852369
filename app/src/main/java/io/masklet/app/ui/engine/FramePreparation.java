package io.masklet.app.ui.engine;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.ChangedFrames;
import io.masklet.app.ui.session.SessionListener;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.workspace.Workspace;
import java.time.Duration;

/**
 * Gets the engine ready for clicks on the frame the annotator is looking at. The first click on
 * a frame otherwise pays for the image encoder (1.3 s with the tiny model on 2 cores, several
 * times that with the large one) and, on a frame the selected object was propagated to, for
 * memory attention over the object's memory (1.9 s, the same for every model size); the clicks
 * after it reuse both. So when the annotator stays {@link #DWELL} on a frame with the engine
 * otherwise idle, that work is done in the background ({@link SegmentationService#prepareFrame})
 * and the first click is as fast as the next ones. Scrubbing past frames starts nothing; at most
 * one preparation is queued or running, and one that is no longer wanted when its turn comes is
 * skipped.
 *
 * <p>After a preparation, while the annotator is still on the frame, the engine rehearses a few
 * clicks there until it reports it wants no more ({@link SegmentationService#rehearseClicks}):
 * a process's first clicks are otherwise the slow ones, while the JVM compiles the click path.
 * The rehearsal yields to any other engine work ({@link BackgroundTask#yielding}): a click
 * submitted meanwhile waits for one rehearsed click at most, and the rehearsal resumes after
 * the next preparation.
 */
public final class FramePreparation {
  /** How long the annotator stays on a frame before the engine prepares it. */
  public static final Duration DWELL = Duration.ofMillis(600);

  /** The frame a preparation is for, and the selected object (0 = none). */
  public record Target(int frame, int objectId) {}

  private final Workspace ws;
  private final SessionListener sessionListener = new SessionListener() {
    @Override
    public void frameChanged(int objectId, int frame) {
      if (frame == ws.currentFrame() && objectId == ws.selectedObjectIdProperty().get()) {
        schedule(); // e.g. a propagation reached the frame: the object is tracked there now
      }
    }

    @Override
    public void framesChanged(ChangedFrames changed) {
      if (changed.contains(ws.selectedObjectIdProperty().get(), ws.currentFrame())) {
        schedule();
      }
    }
  };
  private Runnable cancelPending = () -> {};
  /** The target the annotator is on now, read by the worker when a preparation's turn comes. */
  private volatile Target wanted;
  private boolean inFlight;
  private int prepared;
  private boolean rehearsing;
  /** The engine reported it wants no more rehearsed clicks. */
  private boolean rehearsed;

  public FramePreparation(Workspace ws) {
    this.ws = ws;
    ws.currentFrameProperty().addListener((o, a, b) -> schedule());
    ws.selectedObjectIdProperty().addListener((o, a, b) -> schedule());
    // the engine got the video with the shown frame encoded, and the annotator has not had
    // time to move: no dwell, so the click rehearsal that follows starts 0.6 s sooner
    ws.engineVideoReadyProperty().addListener((o, a, b) -> schedule(b ? Duration.ZERO : DWELL));
    ws.propagatingProperty().addListener((o, a, b) -> schedule());
    ws.followSessions(sessionListener, this::schedule);
  }

  /** Preparations after which the engine reported work done or ready (for tests). */
  public int preparedCount() {
    return prepared;
  }

  /** The frame and object clicks would be for now, if the engine can prepare anything. */
  Target target() {
    AnnotationSession s = ws.session();
    SegmentationService engine = ws.engine();
    if (s == null || engine == null || !engine.isLoaded() || !ws.engineVideoReadyProperty().get()
        || ws.propagatingProperty().get()) {
      return null;
    }
    int obj = ws.selectedObjectIdProperty().get();
    return new Target(ws.currentFrame(), s.hasObject(obj) ? obj : 0);
  }

  private void schedule() {
    schedule(DWELL);
  }

  private void schedule(Duration dwell) {
    cancelPending.run();
    Target t = target();
    wanted = t;
    if (t == null) {
      return;
    }
    if (dwell.isZero()) {
      cancelPending = () -> {};
      submit();
    } else {
      cancelPending = ws.engineExecutor().runOnUiThreadAfter(dwell, this::submit);
    }
  }

  private void submit() {
    Target t = target();
    if (t == null || !t.equals(wanted) || inFlight) {
      return; // moved on, or the running preparation submits again when it ends
    }
    inFlight = true;
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.of("Prepare frame",
            ctx -> t.equals(wanted) && engine.prepareFrame(t.frame(), t.objectId(), ctx))
        .onSuccess(didWork -> {
          if (didWork) {
            prepared++;
          }
        })
        // a failed preparation costs the first click its speed, nothing else: stay quiet
        .onFinished(() -> {
          inFlight = false;
          Target now = target();
          if (now != null && !now.equals(t)) {
            schedule();
          } else if (now != null) {
            rehearse(engine, now.frame());
          }
        }));
  }

  /** Whether the engine reported that it wants no more rehearsed clicks (for tests). */
  public boolean rehearsalDone() {
    return rehearsed;
  }

  private void rehearse(SegmentationService engine, int frame) {
    if (rehearsed || rehearsing || engine != ws.engine()) {
      return;
    }
    rehearsing = true;
    ws.engineExecutor().submit(BackgroundTask.of("Warm up clicks",
            ctx -> engine.rehearseClicks(frame, ctx))
        .yielding()
        .onSuccess(done -> rehearsed |= done)
        // like a preparation, a failed rehearsal costs speed only
        .onFinished(() -> rehearsing = false));
  }
}
