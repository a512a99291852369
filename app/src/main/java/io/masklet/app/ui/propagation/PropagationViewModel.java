package io.masklet.app.ui.propagation;

import io.masklet.app.ui.engine.Prediction;
import io.masklet.app.ui.engine.SegmentationService;
import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.history.FrameKey;
import io.masklet.app.ui.history.FrameEditCommand;
import io.masklet.app.ui.history.PropagationCommand;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Prompt;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.task.TaskHandle;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.model.project.InteractionEvent.Action;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Runs propagation forward, backward or both from the current frame, streaming each finished
 * frame into the session while the engine works (masks fill in live), with progress and cancel.
 * The whole run, even a cancelled one, becomes one undoable command.
 */
public final class PropagationViewModel {
  private final Workspace ws;
  private final AnnotationEditor editor;
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final StringProperty progressText = new SimpleStringProperty("");
  private final BooleanBinding canPropagate;
  /** Frames per direction a run may cover beyond the start frame; 0 = to the end. */
  private final IntegerProperty maxFrames = new SimpleIntegerProperty(0);
  private TaskHandle running;

  public PropagationViewModel(Workspace ws, AnnotationEditor editor) {
    this.ws = ws;
    this.editor = editor;
    this.canPropagate = Bindings.createBooleanBinding(
        () -> ws.modelProperty().get() != null && ws.sessionProperty().get() != null
            && !ws.propagatingProperty().get(),
        ws.modelProperty(), ws.sessionProperty(), ws.propagatingProperty());
  }

  public DoubleProperty progressProperty() {
    return progress;
  }

  public StringProperty progressTextProperty() {
    return progressText;
  }

  public IntegerProperty maxFramesProperty() {
    return maxFrames;
  }

  public BooleanBinding canPropagateProperty() {
    return canPropagate;
  }

  /** Propagates every prompted object from the current frame. */
  public void propagate(Direction direction) {
    run(direction, null);
  }

  /**
   * Propagates the selected object alone from the current frame: after a correction of one
   * object, the others need not be tracked again (each object tracks on its own, so theirs
   * would come out the same), which takes an N-th of the time with N objects.
   */
  public void propagateSelected(Direction direction) {
    AnnotationSession session = ws.session();
    TrackedObject only = session == null ? null
        : session.object(ws.selectedObjectIdProperty().get());
    if (session != null && only == null) {
      ws.status("Select the object to propagate first (in the object list, or Tab).");
      return;
    }
    run(direction, only);
  }

  private void run(Direction direction, TrackedObject only) {
    AnnotationSession session = ws.session();
    if (session == null) {
      ws.status("Open a video first.");
      return;
    }
    if (ws.modelProperty().get() == null) {
      ws.status("Propagation needs a SAM 2.1 checkpoint (File \u25b8 Load checkpoint).");
      return;
    }
    if (ws.propagatingProperty().get()) {
      return;
    }
    // a click still computed would land after the run started: in the history before the
    // propagation's masks, but not in the engine's prompts the run used
    if (!editor.afterClicksLand(() -> run(direction, only))) {
      return;
    }
    if (only != null && !session.hasObject(only.id())) {
      return; // deleted while a click landed
    }
    int start = ws.currentFrame();
    List<Prompt> adopted = importedMasksAsPrompts(session, start, only);
    if (adopted.isEmpty() && !hasPrompts(session, only)) {
      ws.status(only == null
          ? "Nothing to propagate: click on an object or paint a mask on some frame first"
              + " (masks opened from a dataset are used when propagation starts on their frame)."
          : "Nothing to propagate for \u201c" + only.label() + "\u201d: click on it or paint its"
              + " mask on some frame first.");
      return;
    }
    for (Prompt p : adopted) {
      FrameMask m = session.mask(p.objectId(), start);
      ws.history().execute(new FrameEditCommand("Use the opened mask as a prompt",
          p.objectId(), start, m, m, null, p));
    }
    int limit = Math.max(0, maxFrames.get());
    SegmentationService engine = ws.engine();
    Map<FrameKey, FrameMask> before = new HashMap<>();
    Map<FrameKey, FrameMask> after = new HashMap<>();
    ConcurrentLinkedQueue<List<Prediction>> queue = new ConcurrentLinkedQueue<>();
    AtomicBoolean drainScheduled = new AtomicBoolean();
    long t0 = System.nanoTime();
    int[] framesDone = {0};
    Runnable drain = () -> {
      drainScheduled.set(false);
      List<Prediction> frame;
      while ((frame = queue.poll()) != null) {
        if (ws.session() != session) {
          return;
        }
        for (Prediction p : frame) {
          apply(session, p, before, after);
        }
        framesDone[0]++;
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      if (secs > 0) {
        ws.propagationFpsProperty().set(framesDone[0] / secs);
      }
    };
    ws.propagatingProperty().set(true);
    progress.set(0);
    String label = switch (direction) {
      case FORWARD -> "Propagate forward";
      case BACKWARD -> "Propagate backward";
      case BOTH -> "Propagate both ways";
    } + (only == null ? "" : " (\u201c" + only.label() + "\u201d only)");
    Set<Integer> objectIds = only == null ? null : Set.of(only.id());
    progressText.set(label + "\u2026");
    running = ws.engineExecutor().submit(BackgroundTask.ofRunnable(label, ctx -> {
          for (Prompt p : adopted) {
            engine.setMaskPrompt(start, p.objectId(), p.mask(), ctx);
          }
          engine.propagate(start, direction, limit, objectIds, (f, preds, done, total) -> {
              queue.add(preds);
              ctx.updateProgress(done, total);
              ctx.updateMessage(label + ": frame " + f + " (" + done + "/" + total + ")");
              if (drainScheduled.compareAndSet(false, true)) {
                ws.engineExecutor().runOnUiThread(drain);
              }
            }, ctx);
        })
        .onProgress(p -> {
          progress.set(p.fraction());
          progressText.set(p.message());
        })
        .onSuccess(v -> ws.status(label + ": " + after.size() + " masks updated."))
        .onCancelled(() -> ws.status(label + " cancelled; kept " + after.size()
            + " masks (undo removes them)."))
        .onFailure(e -> ws.status(label + " failed: " + e.getMessage()))
        .onFinished(() -> {
          drain.run();
          if (!after.isEmpty() && ws.session() == session) {
            ws.history().record(new PropagationCommand(label, before, after));
            session.log(direction == Direction.BACKWARD ? Action.PROPAGATE_BACKWARD
                : Action.PROPAGATE_FORWARD, start, only == null ? -1 : only.id(),
                label + ", " + after.size() + " masks");
            ws.dirtyProperty().set(true);
          }
          ws.propagatingProperty().set(false);
          progress.set(0);
          progressText.set("");
          running = null;
        }));
  }

  public void cancel() {
    if (running != null) {
      running.cancel();
    }
  }

  /** Whether {@code only} (null: any object) has a prompt on some frame. */
  private static boolean hasPrompts(AnnotationSession s, TrackedObject only) {
    for (TrackedObject o : only == null ? s.objects() : List.of(only)) {
      if (!s.promptedFrames(o.id()).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Mask prompts made from the hand-made masks shown on the start frame that are not prompts
   * yet: masks opened from a dataset (BMP+JSON, or a project converted from SA-V, PNG or COCO)
   * carry no prompts, and "propagate from here" then means "from the masks shown here". Every
   * mask painted in the workstation already is its frame's prompt. An empty imported mask is
   * left alone: the object may simply not have appeared yet, and an absence prompt would keep
   * it from being tracked when it does.
   */
  private static List<Prompt> importedMasksAsPrompts(AnnotationSession s, int start,
      TrackedObject only) {
    List<Prompt> adopted = new java.util.ArrayList<>();
    for (TrackedObject o : only == null ? s.objects() : List.of(only)) {
      FrameMask m = s.mask(o.id(), start);
      if (m != null && m.provenance() == Provenance.EDITED && !m.rle().isEmpty()
          && s.prompt(o.id(), start) == null) {
        adopted.add(Prompt.ofMask(start, o.id(), m.rle()));
      }
    }
    return adopted;
  }

  /**
   * Writes one propagated mask unless the frame is one the user conditioned (prompted or
   * painted): those keep exactly what the user saw when confirming them.
   */
  private static void apply(AnnotationSession s, Prediction p, Map<FrameKey, FrameMask> before,
      Map<FrameKey, FrameMask> after) {
    int obj = p.objectId();
    if (!s.hasObject(obj) || !s.prompts(obj, p.frame()).isEmpty()) {
      return;
    }
    FrameMask old = s.mask(obj, p.frame());
    if (old != null && old.provenance() != Provenance.PROPAGATED) {
      return;
    }
    FrameKey key = new FrameKey(obj, p.frame());
    if (!before.containsKey(key) && !after.containsKey(key)) {
      before.put(key, old);
    }
    FrameMask next = new FrameMask(p.mask(), Provenance.PROPAGATED, p.objectScore());
    after.put(key, next);
    s.setMask(obj, p.frame(), next);
  }
}
