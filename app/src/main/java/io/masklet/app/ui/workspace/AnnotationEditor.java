package io.masklet.app.ui.workspace;

import io.masklet.app.ui.engine.SegmentationService;
import io.masklet.app.ui.history.AddObjectCommand;
import io.masklet.app.ui.history.Command;
import io.masklet.app.ui.history.CommandHistory;
import io.masklet.app.ui.history.CommandHistory.ChangeKind;
import io.masklet.app.ui.history.DeleteObjectCommand;
import io.masklet.app.ui.history.FrameEditCommand;
import io.masklet.app.ui.history.FrameKey;
import io.masklet.app.ui.history.PropagationCommand;
import io.masklet.app.ui.history.UpdateObjectCommand;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.model.project.BoxPrompt;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.InteractionEvent.Action;
import io.masklet.model.project.PointPrompt;
import io.masklet.model.project.Prompt;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import io.masklet.app.ui.task.BackgroundTask;
import java.util.Locale;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * Every edit of the annotation, as the canvas and the object list ask for it: prompts go to the
 * engine (off the UI thread) and come back as undoable commands; undo/redo re-synchronise the
 * engine's prompts with the session so the next propagation sees what the user sees. Each edit
 * is also written to the project's interaction log.
 */
public final class AnnotationEditor {
  private final Workspace ws;
  private final ReadOnlyIntegerWrapper pendingEngineCalls = new ReadOnlyIntegerWrapper();
  /** Prompts sent to the engine whose mask has not come back yet (drawn at once). */
  private final ObservableMap<FrameKey, FramePrompts> pendingPrompts =
      FXCollections.observableHashMap();
  /**
   * Edits asked for while a click's mask is still being computed, run (in order) once the last
   * pending click has landed in the history. A click enters the history only when its mask
   * returns, so an undo, clear, stroke or delete run before that would act on the state before
   * the click, and the click's result would then land on top of it: the screen, the saved file
   * and the engine's prompts would disagree.
   */
  private final java.util.List<Runnable> afterPendingClicks = new java.util.ArrayList<>();
  private final UndoneTracking undoneTracking;
  /**
   * An undo or redo whose masks a worker thread is preparing (a propagation's: up to 200,000 of
   * them), or null. The worker reads the session's masks, so edits asked for meanwhile wait for
   * it like they wait for pending clicks, and the few that cannot wait finish it first
   * ({@link #landPendingStep}).
   */
  private CommandHistory.Step stepInFlight;

  public AnnotationEditor(Workspace ws) {
    this.ws = ws;
    this.undoneTracking = new UndoneTracking(ws);
    ws.historyProperty().addListener((obs, old, h) -> {
      pendingPrompts.clear();
      afterPendingClicks.clear();
      stepInFlight = null;
      undoneTracking.discardAll();
      if (h != null) {
        listenTo(h);
      }
    });
    if (ws.history() != null) {
      listenTo(ws.history());
    }
  }

  private void listenTo(CommandHistory h) {
    h.setAfterChange(this::afterChange);
    h.setOnDiscard(undoneTracking::discarded);
    h.setOnTrim((dropped, budget) -> ws.status(trimNotice(dropped, budget)));
  }

  /** The status line when the undo history dropped its oldest edits to stay within memory. */
  static String trimNotice(int dropped, long budgetBytes) {
    return String.format(java.util.Locale.ROOT,
        "Undo history: the %d oldest edit%s can no longer be undone (the history keeps at most"
            + " %s of replaced masks; large propagations fill it quickly)",
        dropped, dropped == 1 ? "" : "s", budgetBytes >= 1 << 20 ? (budgetBytes >> 20) + " MB"
            : Math.max(1, (budgetBytes + 1023) >> 10) + " KB");
  }

  /** Engine calls queued or running for prompts (the canvas shows a busy cursor). */
  public ReadOnlyIntegerProperty pendingEngineCallsProperty() {
    return pendingEngineCalls.getReadOnlyProperty();
  }

  public ObservableMap<FrameKey, FramePrompts> pendingPrompts() {
    return pendingPrompts;
  }

  /** The prompts the next click builds on: pending ones if a request is in flight. */
  public FramePrompts latestPrompts(int obj, int frame) {
    FramePrompts p = pendingPrompts.get(new FrameKey(obj, frame));
    return p != null ? p : ws.session().prompts(obj, frame);
  }

  // ---- objects ----

  /** Adds an object with the next palette colour and selects it; returns its id. */
  public int addObject(String label) {
    landPendingStep();
    AnnotationSession s = requireSession();
    int id = s.nextObjectId();
    String name = label == null || label.isBlank()
        ? String.format(Locale.ROOT, "object %d", id) : label.strip();
    ws.history().execute(new AddObjectCommand(
        new TrackedObject(id, name, RgbColor.palette(id - 1).hex())));
    s.log(Action.ADD_OBJECT, -1, id, name);
    ws.selectedObjectIdProperty().set(id);
    return id;
  }

  /** The selected object, adding one first when none is selected. */
  public int ensureSelectedObject() {
    TrackedObject o = ws.selectedObject();
    return o != null ? o.id() : addObject(null);
  }

  public void renameObject(int id, String label) {
    landPendingStep();
    AnnotationSession s = requireSession();
    TrackedObject o = s.object(id);
    if (o == null || label == null || label.isBlank() || label.strip().equals(o.label())) {
      return;
    }
    ws.history().execute(new UpdateObjectCommand("Rename '" + o.label() + "'", o,
        o.withLabel(label.strip())));
    s.log(Action.RENAME_OBJECT, -1, id, label.strip());
  }

  public void recolorObject(int id, RgbColor color) {
    landPendingStep();
    AnnotationSession s = requireSession();
    TrackedObject o = s.object(id);
    if (o == null || RgbColor.parse(o.color()).equals(color)) {
      return;
    }
    ws.history().execute(new UpdateObjectCommand("Recolour '" + o.label() + "'", o,
        o.withColor(color.hex())));
    s.log(Action.RECOLOR_OBJECT, -1, id, color.hex());
  }

  /**
   * Marks every mask of the object as a crowd ({@code iscrowd} 1 in COCO exports) or none.
   * Not logged: the log records how masks were made, and a project that only a newer build
   * can read would otherwise be one that never had a crowd.
   */
  public void setCrowd(int id, boolean crowd) {
    landPendingStep();
    AnnotationSession s = requireSession();
    TrackedObject o = s.object(id);
    if (o == null || o.crowdMarking() == (crowd ? TrackedObject.CrowdMarking.ALL
        : TrackedObject.CrowdMarking.NONE)) {
      return;
    }
    ws.history().execute(new UpdateObjectCommand((crowd ? "Mark '" : "Unmark '") + o.label()
        + "' as a crowd", o, o.withCrowd(crowd)));
  }

  public void deleteObject(int id) {
    if (!afterClicksLand(() -> deleteObject(id))) {
      return;
    }
    AnnotationSession s = requireSession();
    if (!s.hasObject(id) || refusedWhilePropagating("deleting an object")) {
      return;
    }
    ws.history().execute(DeleteObjectCommand.capture(s, id));
    s.log(Action.REMOVE_OBJECT, -1, id, "");
    if (ws.selectedObjectIdProperty().get() == id) {
      ws.selectedObjectIdProperty().set(s.objects().isEmpty() ? 0 : s.objects().get(0).id());
    }
    ws.hiddenObjects().remove(id);
  }

  /**
   * True when no click is being computed and no undo or redo prepared, so the caller goes on
   * with its edit; otherwise {@code edit} (the caller again) is queued to run once they have
   * landed (same document only), and false. Propagation waits the same way.
   */
  public boolean afterClicksLand(Runnable edit) {
    if (pendingEngineCalls.get() == 0 && stepInFlight == null) {
      return true;
    }
    queue(edit);
    return false;
  }

  /** Like {@link #afterClicksLand}, waiting for an undo or redo only (clicks pipeline). */
  private boolean afterStepLands(Runnable edit) {
    if (stepInFlight == null) {
      return true;
    }
    queue(edit);
    return false;
  }

  private void queue(Runnable edit) {
    AnnotationSession session = ws.session();
    afterPendingClicks.add(() -> {
      if (ws.session() == session) {
        edit.run();
      }
    });
  }

  /**
   * Finishes an undo or redo still being prepared now, on this thread (as slow as before the
   * preparation moved to a worker), and the edits that waited for it: for actions that cannot
   * wait, because they return a result or start from what the session holds (a brush stroke
   * starts from the mask on screen).
   */
  public void landPendingStep() {
    while (stepInFlight != null) {
      CommandHistory.Step step = stepInFlight;
      stepInFlight = null;
      finish(step, ws.history(), ws.session());
      runEditsWaitingForClicks();
    }
  }

  private void runEditsWaitingForClicks() {
    if (pendingEngineCalls.get() == 0 && stepInFlight == null && !afterPendingClicks.isEmpty()) {
      java.util.List<Runnable> edits = java.util.List.copyOf(afterPendingClicks);
      afterPendingClicks.clear();
      edits.forEach(Runnable::run);
    }
  }

  // ---- prompts ----

  /** Adds a click on {@code frame} for the selected object (creating one if needed). */
  public void addPoint(int frame, double x, double y, boolean positive) {
    if (!afterStepLands(() -> addPoint(frame, x, y, positive)) || !checkEngine("clicks")) {
      return;
    }
    int obj = ensureSelectedObject();
    FramePrompts after = latestPrompts(obj, frame).withPoint(new PointPrompt(x, y, positive));
    prompt(frame, obj, after, positive ? "Add point" : "Add negative point", Action.ADD_POINTS);
  }

  /** Sets the box of the selected object on {@code frame} (replacing an earlier box). */
  public void setBox(int frame, BoxPrompt box) {
    if (!afterStepLands(() -> setBox(frame, box)) || !checkEngine("boxes")) {
      return;
    }
    int obj = ensureSelectedObject();
    prompt(frame, obj, latestPrompts(obj, frame).withBox(box), "Draw box", Action.ADD_BOX);
  }

  private void prompt(int frame, int obj, FramePrompts after, String description,
      Action action) {
    long t0 = System.nanoTime();
    SegmentationService engine = ws.engine();
    AnnotationSession session = ws.session();
    FrameKey key = new FrameKey(obj, frame);
    pendingPrompts.put(key, after);
    pendingEngineCalls.set(pendingEngineCalls.get() + 1);
    ws.engineExecutor().submit(BackgroundTask.of(description,
            ctx -> engine.predict(frame, obj, after, ctx))
        .onSuccess(pred -> {
          if (ws.session() != session || !session.hasObject(obj)) {
            return; // the document changed while the engine worked
          }
          ws.history().execute(new FrameEditCommand(description, obj, frame,
              session.mask(obj, frame),
              new FrameMask(pred.mask(), Provenance.PROMPTED, pred.objectScore()),
              session.prompt(obj, frame), after.toPrompt(frame, obj)));
          session.log(action, frame, obj, after.points().size() + " points"
              + (after.box() != null ? " + box" : ""));
          ws.clickLatencyMsProperty().set((System.nanoTime() - t0) / 1e6);
        })
        .onFailure(e -> ws.status(description + " failed: " + message(e)))
        .onFinished(() -> {
          pendingEngineCalls.set(pendingEngineCalls.get() - 1);
          if (after.equals(pendingPrompts.get(key))) {
            pendingPrompts.remove(key);
          }
          runEditsWaitingForClicks();
        }));
  }

  /**
   * Commits a brush or eraser stroke: {@code edited} becomes the object's mask on the frame and
   * its mask prompt there (replacing the frame's clicks, as the engine's mask prompt does), and
   * is sent to the engine when a model is loaded, so later propagation follows the correction.
   */
  public void commitMaskEdit(int frame, int obj, BinaryMask edited, String description) {
    if (!afterClicksLand(() -> commitMaskEdit(frame, obj, edited, description))) {
      return;
    }
    AnnotationSession s = requireSession();
    if (!s.hasObject(obj)) {
      return;
    }
    FrameMask old = s.mask(obj, frame);
    Rle rle = Rle.encode(edited.data(), edited.height(), edited.width());
    if (rle.isEmpty() ? old == null || AnnotationSession.absent(old)
        : old != null && s.decode(old).equals(edited)) {
      return; // nothing the annotator could see changed (erasing where no mask is shown)
    }
    // An emptied mask stays as an empty mask prompt: SAM 2 reads it as "the object is not on
    // this frame", so a later propagation does not paint back what the annotator erased.
    ws.history().execute(new FrameEditCommand(description, obj, frame, old,
        FrameMask.unscored(rle, Provenance.EDITED), s.prompt(obj, frame),
        Prompt.ofMask(frame, obj, rle)));
    s.log(Action.EDIT_MASK, frame, obj, description + ", area " + rle.area()
        + (rle.isEmpty() ? " (marked absent)" : ""));
    syncEngine(obj, frame, "Send mask to engine");
  }

  /**
   * Marks the object as not visible on {@code frame}: an empty mask, kept as an empty mask
   * prompt (SAM 2's way of conditioning on "absent"), so propagation carries the absence on
   * instead of filling the frame in. Works without a model, like the brush.
   */
  public void markAbsent(int frame, int obj) {
    if (!afterClicksLand(() -> markAbsent(frame, obj))) {
      return;
    }
    AnnotationSession s = requireSession();
    Prompt current = s.prompt(obj, frame);
    if (!s.hasObject(obj) || current != null && current.marksAbsent()
        || refusedWhilePropagating("marking an object absent")) {
      return;
    }
    Rle none = Rle.empty(s.height(), s.width());
    ws.history().execute(new FrameEditCommand("Mark absent", obj, frame, s.mask(obj, frame),
        FrameMask.unscored(none, Provenance.EDITED), current, Prompt.ofMask(frame, obj, none)));
    s.log(Action.EDIT_MASK, frame, obj, "marked absent");
    syncEngine(obj, frame, "Send absence to engine");
  }


  /**
   * Removes an object's prompts and mask on {@code frame}: the frame goes back to whatever
   * propagation makes of it (to say the object is not there, {@link #markAbsent}).
   */
  public void clearFrame(int frame, int obj) {
    if (!afterClicksLand(() -> clearFrame(frame, obj))) {
      return;
    }
    AnnotationSession s = requireSession();
    FrameMask old = s.mask(obj, frame);
    Prompt p = s.prompt(obj, frame);
    if ((old == null && p == null) || refusedWhilePropagating("clearing a frame")) {
      return;
    }
    ws.history().execute(new FrameEditCommand("Clear frame", obj, frame, old, null, p, null));
    s.log(Action.CLEAR_FRAME, frame, obj, "");
    syncEngine(obj, frame, "Clear prompts in engine");
  }

  /** Undoes the last edit; asked for while a click is computed, undoes that click (true). */
  public boolean undo() {
    if (!afterClicksLand(this::undo)) {
      return true;
    }
    CommandHistory h = ws.history();
    if (h == null || ws.propagatingProperty().get()) {
      return false;
    }
    return start(h.undoStep());
  }

  public boolean redo() {
    if (!afterClicksLand(this::redo)) {
      return true;
    }
    CommandHistory h = ws.history();
    if (h == null || ws.propagatingProperty().get()) {
      return false;
    }
    return start(h.redoStep());
  }

  /**
   * Takes an undo or redo; one with many masks is prepared on a worker thread first, and the UI
   * thread only swaps them in when it lands. False when there is nothing to take.
   */
  private boolean start(CommandHistory.Step step) {
    if (step == null) {
      return false;
    }
    CommandHistory h = ws.history();
    AnnotationSession session = ws.session();
    if (!step.hasWork()) {
      finish(step, h, session);
      return true;
    }
    stepInFlight = step;
    String what = (step.isUndo() ? "Undo " : "Redo ") + step.command().description();
    ws.ioExecutor().submit(BackgroundTask.ofRunnable(what, ctx -> step.prepare())
        .onSuccess(v -> {
          if (stepInFlight == step) {
            stepInFlight = null;
            finish(step, h, session);
          }
        })
        .onFailure(e -> ws.status(what + " failed: " + message(e)))
        .onFinished(() -> {
          if (stepInFlight == step) {
            stepInFlight = null;
          }
          runEditsWaitingForClicks();
        }));
    return true;
  }

  /** Finishes {@code step} if its document is still open, and logs it. */
  private void finish(CommandHistory.Step step, CommandHistory h, AnnotationSession session) {
    if (ws.history() == h && ws.session() == session && step.finish()) {
      session.log(step.isUndo() ? Action.UNDO : Action.REDO, -1, -1, "");
    }
  }

  // ---- engine synchronisation ----

  private void afterChange(Command c, ChangeKind kind) {
    ws.dirtyProperty().set(true);
    if (c instanceof PropagationCommand p) {
      // also without a usable engine: a redo then releases what the undo kept
      switch (kind) {
        case UNDO -> undoneTracking.undone(p);
        case REDO -> undoneTracking.redone(p);
        case EXECUTE -> { }
      }
      return;
    }
    if (!ws.engineUsable()) {
      return;
    }
    switch (c) {
      case FrameEditCommand f -> {
        if (kind != ChangeKind.EXECUTE) {
          syncEngine(f.objectId(), f.frame(), "Update engine prompts");
        }
      }
      case DeleteObjectCommand d -> {
        if (kind == ChangeKind.UNDO) {
          for (Prompt p : d.prompts()) {
            syncEngine(d.object().id(), p.frame(), "Restore engine prompts");
          }
        } else {
          removeFromEngine(d.object().id());
        }
      }
      case AddObjectCommand a -> {
        if (kind == ChangeKind.UNDO) {
          removeFromEngine(a.object().id());
        }
      }
      default -> {
        // Renames and recolours do not change the engine's prompts.
      }
    }
  }

  /** Makes the engine's prompts of {@code obj} on {@code frame} match the session. */
  private void syncEngine(int obj, int frame, String title) {
    if (!ws.engineUsable()) {
      return;
    }
    Prompt prompt = ws.session().prompt(obj, frame);
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.ofRunnable(title, ctx -> {
      if (prompt == null) {
        engine.clearPrompts(frame, obj, ctx);
      } else if (prompt.mask() != null) {
        engine.setMaskPrompt(frame, obj, prompt.mask(), ctx);
      } else {
        // the returned mask equals the one the session already holds for these prompts
        engine.predict(frame, obj, FramePrompts.of(prompt), ctx);
      }
    }).onFailure(e -> ws.status(title + " failed: " + message(e))));
  }

  private void removeFromEngine(int obj) {
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.ofRunnable("Remove object",
            ctx -> engine.removeObject(obj, ctx))
        .onFailure(e -> ws.status("Removing object from engine failed: " + message(e))));
  }

  /**
   * Deleting or clearing while a propagation streams masks in would put the edit in the history
   * before the propagation's command, which then holds masks of a deleted object (its undo
   * would fail) or overwrites the cleared frame again.
   */
  private boolean refusedWhilePropagating(String what) {
    if (ws.propagatingProperty().get()) {
      ws.status("Propagation is running: cancel it (Esc) before " + what + ".");
      return true;
    }
    return false;
  }

  private boolean checkEngine(String what) {
    if (ws.session() == null) {
      ws.status("Open a video or image folder first.");
      return false;
    }
    if (ws.modelProperty().get() == null) {
      ws.status("No SAM 2.1 checkpoint loaded: " + what + " need one (File \u25b8 Load "
          + "checkpoint\u2026). The brush (B) works without it.");
      return false;
    }
    if (ws.propagatingProperty().get()) {
      ws.status("Propagation is running: cancel it (Esc) before adding prompts.");
      return false;
    }
    return true;
  }

  private AnnotationSession requireSession() {
    AnnotationSession s = ws.session();
    if (s == null) {
      throw new IllegalStateException("no document open");
    }
    return s;
  }

  /** A one-line message for the status bar. */
  public static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof RuntimeException
        && t.getCause().getMessage() != null && t.getMessage().equals(t.getCause().toString()))) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
