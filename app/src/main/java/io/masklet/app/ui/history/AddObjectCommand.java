package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.model.project.TrackedObject;

/** Adds a new (empty) object. */
public record AddObjectCommand(TrackedObject object) implements Command {
  @Override
  public String description() {
    return "Add object '" + object.label() + "'";
  }

  @Override
  public void apply(AnnotationSession s) {
    s.putObject(object);
  }

  @Override
  public void revert(AnnotationSession s) {
    s.removeObject(object.id());
  }
}
