package io.masklet.model.project;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of a whole annotation: the media, the objects, their masklets, the
 * prompts and the interaction log. Saved and loaded by {@link ProjectFile}; edited through
 * {@link Annotation}.
 *
 * @param savOrigin the SA-V file the project was converted from, or {@code null}; required when
 *     an object carries {@link TrackedObject#savMasklet()} (its mask checksums are taken on the
 *     file's frame grid)
 */
public record Project(MediaSource source, List<TrackedObject> objects, List<Masklet> masklets,
    List<Prompt> prompts, List<InteractionEvent> log, SavOrigin savOrigin) {

  public Project {
    Objects.requireNonNull(source, "source");
    objects = List.copyOf(objects);
    masklets = List.copyOf(masklets);
    prompts = List.copyOf(prompts);
    log = List.copyOf(log);
    if (savOrigin == null) {
      for (TrackedObject o : objects) {
        if (o.savMasklet() != null) {
          throw new IllegalArgumentException("object " + o.id()
              + " has SA-V masklet facts but the project has no SA-V origin");
        }
      }
    }
  }

  /** A project that did not come from an SA-V file. */
  public Project(MediaSource source, List<TrackedObject> objects, List<Masklet> masklets,
      List<Prompt> prompts, List<InteractionEvent> log) {
    this(source, objects, masklets, prompts, log, null);
  }

  /** This project on other media (e.g. the same video found at another path). */
  public Project withSource(MediaSource newSource) {
    return new Project(newSource, objects, masklets, prompts, log, savOrigin);
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
