package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Prompt;

/**
 * A change to one object's prompt and mask on one frame: a click, a box, a brush stroke, or
 * clearing the frame. {@code null} means "none" on that side.
 */
public record FrameEditCommand(
    String description,
    int objectId,
    int frame,
    FrameMask maskBefore,
    FrameMask maskAfter,
    Prompt promptBefore,
    Prompt promptAfter)
    implements Command {

  @Override
  public void apply(AnnotationSession s) {
    s.setPrompt(objectId, frame, promptAfter);
    s.setMask(objectId, frame, maskAfter);
  }

  @Override
  public void revert(AnnotationSession s) {
    s.setPrompt(objectId, frame, promptBefore);
    s.setMask(objectId, frame, maskBefore);
  }

  @Override
  public long undoBytes() {
    return HeldBytes.of(maskBefore) + HeldBytes.of(promptBefore);
  }
}
