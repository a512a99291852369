package io.masklet.app.ui.workspace;

import io.masklet.app.ui.engine.ForgottenTracking;
import io.masklet.app.ui.engine.SegmentationService;
import io.masklet.app.ui.history.Command;
import io.masklet.app.ui.history.FrameKey;
import io.masklet.app.ui.history.PropagationCommand;
import io.masklet.app.ui.task.BackgroundTask;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine's memory of undone propagations, for as long as they can be redone. Undoing a
 * propagation makes the engine forget its frames (so the next propagation does not read masks
 * the annotator undid) and what it forgot is kept here; redoing it gives that back, so a
 * correction on a redone frame is a correction again and a propagation next to it reads its
 * memory; an entry that can no longer be redone (a new edit cleared the redo stack, the history
 * was replaced) releases it.
 *
 * <p>Called on the UI thread. Every engine call goes through the engine executor, which runs
 * them one at a time in submission order: a redo's restore runs after its undo's forget, and a
 * release never blocks the UI behind a running propagation.
 */
final class UndoneTracking {
  /**
   * What the engine forgot for one undone propagation, one part per object; filled by the
   * forget task and emptied by the restore or release task, all on the engine executor.
   */
  private static final class Held {
    private final List<ForgottenTracking> parts = new ArrayList<>();

    synchronized void add(ForgottenTracking part) {
      parts.add(part);
    }

    synchronized List<ForgottenTracking> takeAll() {
      List<ForgottenTracking> all = new ArrayList<>(parts);
      parts.clear();
      return all;
    }
  }

  private final Workspace ws;
  /** By identity: two runs that wrote the same masks are still two history entries. */
  private final Map<PropagationCommand, Held> held = new IdentityHashMap<>();

  UndoneTracking(Workspace ws) {
    this.ws = ws;
  }

  /** {@code p} was undone: the engine forgets its frames and what it forgot is kept. */
  void undone(PropagationCommand p) {
    if (!ws.engineUsable()) {
      return;
    }
    Held h = new Held();
    release(held.put(p, h));
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.ofRunnable("Forget the undone propagation",
            ctx -> {
              // sorted here, not on the UI thread: a run over a long video wrote 200,000 masks
              Map<Integer, Set<Integer>> frames = new TreeMap<>();
              for (FrameKey k : p.after().keySet()) {
                frames.computeIfAbsent(k.objectId(), o -> new TreeSet<>()).add(k.frame());
              }
              for (var e : frames.entrySet()) {
                h.add(engine.forgetTracking(e.getKey(), e.getValue(), ctx));
              }
            })
        .onFailure(e -> ws.status("Updating the engine after undo failed: "
            + AnnotationEditor.message(e))));
  }

  /** {@code p} was redone: the engine gets back what it forgot at the undo. */
  void redone(PropagationCommand p) {
    Held h = held.remove(p);
    if (h == null) {
      return;
    }
    if (!ws.engineUsable()) {
      release(h);
      return;
    }
    SegmentationService engine = ws.engine();
    ws.engineExecutor().submit(BackgroundTask.ofRunnable("Restore the redone propagation",
            ctx -> {
              List<ForgottenTracking> parts = h.takeAll();
              try {
                for (ForgottenTracking part : parts) {
                  engine.restoreTracking(part, ctx);
                }
              } finally {
                // a restore consumes its part; these free what a failed one left behind
                parts.forEach(ForgottenTracking::close);
              }
            })
        .onFailure(e -> ws.status("Updating the engine after redo failed: "
            + AnnotationEditor.message(e))));
  }

  /** {@code c} left the history: what the engine forgot for it is let go. */
  void discarded(Command c) {
    if (c instanceof PropagationCommand p) {
      release(held.remove(p));
    }
  }

  /** The history was replaced: nothing kept can be redone any more. */
  void discardAll() {
    held.values().forEach(this::release);
    held.clear();
  }

  private void release(Held h) {
    if (h == null) {
      return;
    }
    ws.engineExecutor().submit(BackgroundTask.ofRunnable("Release an undone propagation's memory",
            ctx -> h.takeAll().forEach(ForgottenTracking::close))
        .onFailure(e -> ws.status("Releasing engine memory failed: "
            + AnnotationEditor.message(e))));
  }
}
