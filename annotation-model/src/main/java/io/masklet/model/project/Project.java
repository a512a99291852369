package io.masklet.model.project;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of a whole annotation: the media, the objects, their masklets, the
 * prompts and the interaction log. Saved and loaded by {@link ProjectFile}; edited through
 * {@link Annotation}.
 */
public record Project(MediaSource source, List<TrackedObject> objects, List<Masklet> masklets,
    List<Prompt> prompts, List<InteractionEvent> log) {

  public Project {
    Objects.requireNonNull(source, "source");
    objects = List.copyOf(objects);
    masklets = List.copyOf(masklets);
    prompts = List.copyOf(prompts);
    log = List.copyOf(log);
  }

  /** The masklet of {@code objectId}, or {@code null} when it has no masks. */
  public Masklet masklet(int objectId) {
    for (Masklet m : masklets) {
      if (m.objectId() == objectId) {
        return m;
      }
    }
    return null;
  }
}
