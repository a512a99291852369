package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Prompt;
import io.masklet.model.project.TrackedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Deletes an object with everything it owns; undo puts it back at its list position. */
public record DeleteObjectCommand(
    TrackedObject object,
    int position,
    NavigableMap<Integer, FrameMask> masks,
    List<Prompt> prompts)
    implements Command {

  /** Captures the object's current state so the delete can be undone. */
  public static DeleteObjectCommand capture(AnnotationSession s, int objectId) {
    TrackedObject o = s.object(objectId);
    if (o == null) {
      throw new IllegalArgumentException("no object " + objectId);
    }
    List<Prompt> prompts = new ArrayList<>();
    for (Integer f : s.promptedFrames(objectId)) {
      prompts.add(s.prompt(objectId, f));
    }
    return new DeleteObjectCommand(o, s.indexOfObject(objectId), new TreeMap<>(s.masks(objectId)),
        List.copyOf(prompts));
  }

  @Override
  public String description() {
    return "Delete object '" + object.label() + "'";
  }

  @Override
  public void apply(AnnotationSession s) {
    s.removeObject(object.id());
  }

  /** Every mask and prompt of the deleted object: the session holds none of them any more. */
  @Override
  public long undoBytes() {
    long bytes = HeldBytes.MAP_ENTRY * masks.size();
    for (FrameMask m : masks.values()) {
      bytes += HeldBytes.of(m);
    }
    for (Prompt p : prompts) {
      bytes += HeldBytes.of(p);
    }
    return bytes;
  }

  @Override
  public void revert(AnnotationSession s) {
    s.insertObject(position, object);
    for (Prompt p : prompts) {
      s.setPrompt(object.id(), p.frame(), p);
    }
    // one change event for all the object's masks, not one per frame
    s.apply(s.batch(List.of(object.id()),
        sink -> masks.forEach((f, m) -> sink.write(object.id(), f, m))));
  }
}
