package io.masklet.model.project;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the interaction log, the data engine's record of how the annotation was made.
 *
 * @param frame frame acted on, or -1 for whole-video actions
 * @param objectId object acted on, or -1 for actions on all objects
 * @param detail free-form extra facts (e.g. "3 points", "frames 10-240"); empty when none
 */
public record InteractionEvent(Instant time, int frame, int objectId, Action action, String detail) {

  /** What the annotator did. */
  public enum Action {
    ADD_OBJECT, REMOVE_OBJECT, RENAME_OBJECT, RECOLOR_OBJECT,
    ADD_POINTS, ADD_BOX, ADD_MASK_PROMPT, EDIT_MASK, CLEAR_FRAME,
    PROPAGATE_FORWARD, PROPAGATE_BACKWARD, UNDO, REDO, IMPORT
  }

  public InteractionEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(action, "action");
    detail = detail == null ? "" : detail;
  }
}
