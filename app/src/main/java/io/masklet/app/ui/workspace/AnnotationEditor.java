package io.masklet.app.ui.workspace;

import io.masklet.app.ui.engine.Prediction;
import io.masklet.app.ui.engine.SegmentationService;
import io.masklet.app.ui.history.AddObjectCommand;
import io.masklet.app.ui.history.Command;
import io.masklet.app.ui.history.CommandHistory;
import io.masklet.app.ui.history.CommandHistory.ChangeKind;
import io.masklet.app.ui.history.DeleteObjectCommand;
import io.masklet.app.ui.history.FrameKey;
import io.masklet.app.ui.history.FrameEditCommand;
import io.masklet.app.ui.history.UpdateObjectCommand;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.FrameMask;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.session.MaskSource;
import io.masklet.app.ui.session.PromptBox;
import io.masklet.app.ui.session.PromptPoint;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.app.ui.session.TrackedObject;
import io.masklet.app.ui.task.BackgroundTask;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * Every edit of the annotation, as the canvas and the object list ask for it: prompts go to the
 * engine (off the UI thread) and come back as undoable commands; undo/redo re-synchronise the
 * engine's prompts with the session so the next propagation sees what the user sees.
 */
public final class AnnotationEditor {
  private final Workspace ws;
  private final ReadOnlyIntegerWrapper pendingEngineCalls = new ReadOnlyIntegerWrapper();
  /** Prompts sent to the engine whose mask has not come back yet (drawn at once). */
  private final ObservableMap<FrameKey, FramePrompts> pendingPrompts =
      FXCollections.observableHashMap();

  public AnnotationEditor(Workspace ws) {
    this.ws = ws;
    ws.historyProperty().addListener((obs, old, h) -> {
      if (h != null) {
        h.setAfterChange(this::afterChange);
      }
    });
    if (ws.history() != null) {
      ws.history().setAfterChange(this::afterChange);
    }
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
    AnnotationSession s = requireSession();
    int id = s.allocateObjectId();
    String name = label == null || label.isBlank()
        ? String.format(Locale.ROOT, "object %d", id) : label.strip();
    ws.history().execute(new AddObjectCommand(new TrackedObject(id, name, RgbColor.palette(id - 1))));
    ws.selectedObjectIdProperty().set(id);
    return id;
  }

  /** The selected object, adding one first when none is selected. */
  public int ensureSelectedObject() {
    TrackedObject o = ws.selectedObject();
    return o != null ? o.id() : addObject(null);
  }

  public void renameObject(int id, String label) {
    TrackedObject o = requireSession().object(id);
    if (o == null || label == null || label.isBlank() || label.strip().equals(o.label())) {
      return;
    }
    ws.history().execute(new UpdateObjectCommand("Rename '" + o.label() + "'", o,
        o.withLabel(label.strip())));
  }

  public void recolorObject(int id, RgbColor color) {
    TrackedObject o = requireSession().object(id);
    if (o == null || o.color().equals(color)) {
      return;
    }
    ws.history().execute(new UpdateObjectCommand("Recolour '" + o.label() + "'", o,
        o.withColor(color)));
  }

  public void deleteObject(int id) {
    AnnotationSession s = requireSession();
    if (!s.hasObject(id)) {
      return;
    }
    ws.history().execute(DeleteObjectCommand.capture(s, id));
    if (ws.selectedObjectIdProperty().get() == id) {
      ws.selectedObjectIdProperty().set(s.objects().isEmpty() ? 0 : s.objects().get(0).id());
    }
    ws.hiddenObjects().remove(id);
  }

  // ---- prompts ----

  /** Adds a click on {@code frame} for the selected object (creating one if needed). */
  public void addPoint(int frame, double x, double y, boolean positive) {
    if (!checkEngine("clicks")) {
      return;
    }
    int obj = ensureSelectedObject();
    FramePrompts before = latestPrompts(obj, frame);
    FramePrompts after = before.withPoint(new PromptPoint(x, y, positive));
    prompt(frame, obj, before, after, positive ? "Add point" : "Add negative point");
  }

  /** Sets the box of the selected object on {@code frame} (replacing an earlier box). */
  public void setBox(int frame, PromptBox box) {
    if (!checkEngine("boxes")) {
      return;
    }
    int obj = ensureSelectedObject();
    FramePrompts before = latestPrompts(obj, frame);
    prompt(frame, obj, before, before.withBox(box), "Draw box");
  }

  private void prompt(int frame, int obj, FramePrompts before, FramePrompts after,
      String description) {
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
          FrameMask old = session.mask(obj, frame);
          ws.history().execute(new FrameEditCommand(description, obj, frame, old,
              new FrameMask(pred.mask(), MaskSource.PROMPTED, pred.objectScore()),
              session.prompts(obj, frame), after));
          double ms = (System.nanoTime() - t0) / 1e6;
          ws.clickLatencyMsProperty().set(ms);
        })
        .onFailure(e -> ws.status(description + " failed: " + message(e)))
        .onFinished(() -> {
          pendingEngineCalls.set(pendingEngineCalls.get() - 1);
          if (after.equals(pendingPrompts.get(key))) {
            pendingPrompts.remove(key);
          }
        }));
  }

  /**
   * Commits a brush or eraser stroke: {@code edited} becomes the object's mask on the frame (a
   * hand-edited mask replaces that frame's clicks) and, when a model is loaded, the engine's
   * mask prompt there, so later propagation follows the correction.
   */
  public void commitMaskEdit(int frame, int obj, BinaryMask edited, String description) {
    AnnotationSession s = requireSession();
    if (!s.hasObject(obj)) {
      return;
    }
    FrameMask old = s.mask(obj, frame);
    if (old != null && old.mask().equals(edited)) {
      return;
    }
    FrameMask next = edited.isEmpty() ? null : new FrameMask(edited, MaskSource.EDITED, Float.NaN);
    ws.history().execute(new FrameEditCommand(description, obj, frame, old, next,
        s.prompts(obj, frame), FramePrompts.EMPTY));
    syncEngine(obj, frame, "Send mask to engine");
  }

  /** Removes the selected object's prompts and mask on {@code frame}. */
  public void clearFrame(int frame, int obj) {
    AnnotationSession s = requireSession();
    FrameMask old = s.mask(obj, frame);
    FramePrompts p = s.prompts(obj, frame);
    if (old == null && p.isEmpty()) {
      return;
    }
    ws.history().execute(new FrameEditCommand("Clear frame", obj, frame, old, null, p,
        FramePrompts.EMPTY));
    syncEngine(obj, frame, "Clear prompts in engine");
  }

  public boolean undo() {
    CommandHistory h = ws.history();
    return h != null && !ws.propagatingProperty().get() && h.undo();
  }

  public boolean redo() {
    CommandHistory h = ws.history();
    return h != null && !ws.propagatingProperty().get() && h.redo();
  }

  // ---- engine synchronisation ----

  private void afterChange(Command c, ChangeKind kind) {
    ws.dirtyProperty().set(true);
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
          for (Integer frame : d.prompts().keySet()) {
            syncEngine(d.object().id(), frame, "Restore engine prompts");
          }
          for (Map.Entry<Integer, FrameMask> e : d.masks().entrySet()) {
            if (e.getValue().source() == MaskSource.EDITED) {
              syncEngine(d.object().id(), e.getKey(), "Restore engine mask");
            }
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
        // Renames, recolours and propagation results do not change the engine's prompts.
      }
    }
  }

  /** Makes the engine's prompts of {@code obj} on {@code frame} match the session. */
  private void syncEngine(int obj, int frame, String title) {
    if (!ws.engineUsable()) {
      return;
    }
    AnnotationSession s = ws.session();
    FramePrompts prompts = s.prompts(obj, frame);
    FrameMask mask = s.mask(obj, frame);
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.ofRunnable(title, ctx -> {
      if (!prompts.isEmpty()) {
        Prediction ignored = engine.predict(frame, obj, prompts, ctx);
      } else if (mask != null && mask.source() == MaskSource.EDITED) {
        engine.setMaskPrompt(frame, obj, mask.mask(), ctx);
      } else {
        engine.clearPrompts(frame, obj, ctx);
      }
    }).onFailure(e -> ws.status(title + " failed: " + message(e))));
  }

  private void removeFromEngine(int obj) {
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.ofRunnable("Remove object",
            ctx -> engine.removeObject(obj, ctx))
        .onFailure(e -> ws.status("Removing object from engine failed: " + message(e))));
  }

  private boolean checkEngine(String what) {
    if (ws.session() == null) {
      ws.status("Open a video or image folder first.");
      return false;
    }
    if (ws.modelProperty().get() == null) {
      ws.status("No SAM 2.1 checkpoint loaded: " + what + " need one (File \u25b8 Load "
          + "checkpoint). The brush (B) works without it.");
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

  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
