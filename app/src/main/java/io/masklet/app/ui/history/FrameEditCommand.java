package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.FrameMask;
import io.masklet.app.ui.session.FramePrompts;

/**
 * A change to one object's prompts and mask on one frame: a click, a box, a brush stroke, or
 * clearing the frame. {@code null} masks mean "no mask".
 */
public record FrameEditCommand(
    String description,
    int objectId,
    int frame,
    FrameMask maskBefore,
    FrameMask maskAfter,
    FramePrompts promptsBefore,
    FramePrompts promptsAfter)
    implements Command {

  @Override
  public void apply(AnnotationSession s) {
    s.setPrompts(objectId, frame, promptsAfter);
    s.setMask(objectId, frame, maskAfter);
  }

  @Override
  public void revert(AnnotationSession s) {
    s.setPrompts(objectId, frame, promptsBefore);
    s.setMask(objectId, frame, maskBefore);
  }
}
