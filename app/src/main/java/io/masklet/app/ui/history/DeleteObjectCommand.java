package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.FrameMask;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.session.TrackedObject;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Deletes an object with everything it owns; undo puts it back at its list position. */
public record DeleteObjectCommand(
    TrackedObject object,
    int position,
    NavigableMap<Integer, FrameMask> masks,
    NavigableMap<Integer, FramePrompts> prompts)
    implements Command {

  /** Captures the object's current state so the delete can be undone. */
  public static DeleteObjectCommand capture(AnnotationSession s, int objectId) {
    TrackedObject o = s.object(objectId);
    if (o == null) {
      throw new IllegalArgumentException("no object " + objectId);
    }
    return new DeleteObjectCommand(o, s.indexOfObject(objectId),
        new TreeMap<>(s.masks(objectId)), new TreeMap<>(s.promptedFrames(objectId)));
  }

  @Override
  public String description() {
    return "Delete object '" + object.label() + "'";
  }

  @Override
  public void apply(AnnotationSession s) {
    s.removeObject(object.id());
  }

  @Override
  public void revert(AnnotationSession s) {
    s.insertObject(position, object);
    for (Map.Entry<Integer, FramePrompts> e : prompts.entrySet()) {
      s.setPrompts(object.id(), e.getKey(), e.getValue());
    }
    for (Map.Entry<Integer, FrameMask> e : masks.entrySet()) {
      s.setMask(object.id(), e.getKey(), e.getValue());
    }
  }
}
