package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.model.project.TrackedObject;

/** Renames or recolours an object. */
public record UpdateObjectCommand(String description, TrackedObject before, TrackedObject after)
    implements Command {
  public UpdateObjectCommand {
    if (before.id() != after.id()) {
      throw new IllegalArgumentException("update must keep the object id");
    }
  }

  @Override
  public void apply(AnnotationSession s) {
    s.putObject(after);
  }

  @Override
  public void revert(AnnotationSession s) {
    s.putObject(before);
  }
}
