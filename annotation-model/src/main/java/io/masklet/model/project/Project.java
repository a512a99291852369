package io.masklet.model.project;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of a whole annotation: the media, the objects, their masklets, the
 * prompts and the interaction log. Saved and loaded by {@link ProjectFile}; edited through
 * {@link Annotation}.
 *
 * @param origin what the SA-V or COCO file the project was converted from said beyond the
 *     masks, or {@code null}; an object's {@link TrackedObject#origin()} needs the matching one
 *     (an object carrying SA-V masklet facts a {@link SavOrigin}, whose frame grid its mask
 *     checksums are taken on; one carrying COCO annotation ids a {@link CocoOrigin})
 */
public record Project(MediaSource source, List<TrackedObject> objects, List<Masklet> masklets,
    List<Prompt> prompts, List<InteractionEvent> log, ImportOrigin origin) {

  public Project {
    Objects.requireNonNull(source, "source");
    objects = List.copyOf(objects);
    masklets = List.copyOf(masklets);
    prompts = List.copyOf(prompts);
    log = List.copyOf(log);
    for (TrackedObject o : objects) {
      checkOrigin(o, origin);
    }
  }

  /**
   * Refuses an object whose origin is not of its project's kind: its facts would be written
   * into no section, or into the wrong one.
   */
  static void checkOrigin(TrackedObject o, ImportOrigin origin) {
    if (o.savMasklet() != null && !(origin instanceof SavOrigin)) {
      throw new IllegalArgumentException("object " + o.id()
          + " has SA-V masklet facts but the project did not come from an SA-V file");
    }
    if (o.cocoAnnotations() != null && !(origin instanceof CocoOrigin)) {
      throw new IllegalArgumentException("object " + o.id()
          + " has COCO annotation ids but the project did not come from a COCO file");
    }
  }

  /** A project that did not come from an SA-V or COCO file. */
  public Project(MediaSource source, List<TrackedObject> objects, List<Masklet> masklets,
      List<Prompt> prompts, List<InteractionEvent> log) {
    this(source, objects, masklets, prompts, log, null);
  }

  /** The SA-V file this project came from, or {@code null}. */
  public SavOrigin savOrigin() {
    return origin instanceof SavOrigin s ? s : null;
  }

  /** The COCO file this project came from, or {@code null}. */
  public CocoOrigin cocoOrigin() {
    return origin instanceof CocoOrigin c ? c : null;
  }

  /** This project on other media (e.g. the same video found at another path). */
  public Project withSource(MediaSource newSource) {
    return new Project(newSource, objects, masklets, prompts, log, origin);
  }

  /**
   * This project with its objects and masklets in the order of {@code objectIds} (a list the
   * annotator arranged); objects the list does not name follow in their present order.
   */
  public Project inObjectOrder(List<Integer> objectIds) {
    java.util.Map<Integer, Integer> rank = new java.util.HashMap<>();
    for (Integer id : objectIds) {
      rank.putIfAbsent(id, rank.size());
    }
    java.util.Comparator<Integer> byRank =
        java.util.Comparator.comparingInt(id -> rank.getOrDefault(id, Integer.MAX_VALUE));
    // List.sort is stable: unnamed objects keep their relative order
    List<TrackedObject> o = new java.util.ArrayList<>(objects);
    o.sort(java.util.Comparator.comparing(TrackedObject::id, byRank));
    List<Masklet> m = new java.util.ArrayList<>(masklets);
    m.sort(java.util.Comparator.comparing(Masklet::objectId, byRank));
    return new Project(source, o, m, prompts, log, origin);
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
