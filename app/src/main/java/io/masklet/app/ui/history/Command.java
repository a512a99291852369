package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.MaskBatch;

/**
 * One undoable edit of the annotation session. Commands hold the before and after state they
 * need, so apply/revert are exact and cheap (no recomputation, no engine call).
 */
public sealed interface Command
    permits FrameEditCommand, PropagationCommand, AddObjectCommand, DeleteObjectCommand,
        UpdateObjectCommand {
  /** Shown in the Edit menu ("Undo Add point"). */
  String description();

  void apply(AnnotationSession session);

  void revert(AnnotationSession session);

  /**
   * Heap this command keeps only for its undo while it is on the undo stack: the masks (and
   * painted mask prompts) it would put back, which the session no longer holds once the command
   * is applied, and its own per-frame bookkeeping. An estimate; {@link CommandHistory} drops its
   * oldest entries when their sum exceeds its byte budget. Small commands (objects added,
   * renamed) report 0.
   */
  default long undoBytes() {
    return 0;
  }

  /**
   * For a command that writes too many masks to write them on the UI thread at once: what
   * {@link #revert} writes, as a batch that {@link CommandHistory#undoStep()} prepares on a
   * worker thread first. {@code revert(s)} must be {@code s.apply(undoBatch(s))}. Null for the
   * others (the default).
   */
  default MaskBatch undoBatch(AnnotationSession session) {
    return null;
  }

  /** Like {@link #undoBatch}, for {@link #apply} (a redo). */
  default MaskBatch redoBatch(AnnotationSession session) {
    return null;
  }
}
