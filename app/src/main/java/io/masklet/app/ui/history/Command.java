package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;

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
}
