package io.masklet.model.project;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The COCO annotations one object was made from, by frame: their own {@code id} and
 * {@code iscrowd}, which its masks cannot say. A COCO export gives the object's mask on such a
 * frame that id and crowd flag back, so a training set's annotation ids stay those of the file
 * for every mask the annotator kept (edited or not), and a crowd region stays a crowd region.
 * A mask the annotator deleted has no annotation; one drawn on that frame again is the same
 * (object, frame) and gets the id back. Masks on other frames, and objects without this, get
 * fresh ids.
 *
 * @param annotations at most one per frame and per id, in frame order
 */
public record CocoObjectOrigin(List<FrameAnnotation> annotations) implements ObjectOrigin {

  /**
   * One annotation of the file, on the project frame its image became.
   *
   * @param id the annotation's {@code id} (a {@code long}: COCO's own crowd annotations have
   *     ids beyond 2<sup>31</sup>), or {@code null} when the file gave none and the export
   *     numbers the mask afresh
   * @param crowd {@code iscrowd} is 1: the mask marks a crowd of such objects, which training
   *     code treats differently from one instance
   */
  public record FrameAnnotation(int frame, Long id, boolean crowd) {
    public FrameAnnotation {
      if (frame < 0) {
        throw new IllegalArgumentException("annotation " + id + ": frame must be >= 0, got "
            + frame);
      }
    }
  }

  public CocoObjectOrigin {
    List<FrameAnnotation> sorted = new ArrayList<>(annotations);
    sorted.sort(Comparator.comparingInt(FrameAnnotation::frame));
    annotations = List.copyOf(sorted);
    Set<Integer> frames = new HashSet<>();
    Set<Long> ids = new HashSet<>();
    for (FrameAnnotation a : annotations) {
      if (!frames.add(a.frame())) {
        throw new IllegalArgumentException("frame " + a.frame() + " has two COCO annotations");
      }
      if (a.id() != null && !ids.add(a.id())) {
        throw new IllegalArgumentException("annotation id " + a.id() + " is used twice");
      }
    }
  }

  /** Whether any of the annotations was a crowd. */
  public boolean anyCrowd() {
    return annotations.stream().anyMatch(FrameAnnotation::crowd);
  }

  /**
   * Whether the object with masks on {@code maskedFrames} is a crowd object: each of those
   * frames had an annotation and every one was a crowd (a COCO track that was a crowd wherever
   * it appeared).
   */
  public boolean crowdOnEvery(java.util.Set<Integer> maskedFrames) {
    if (maskedFrames.isEmpty() || maskedFrames.size() != annotations.size()) {
      return false;
    }
    for (FrameAnnotation a : annotations) {
      if (!a.crowd() || !maskedFrames.contains(a.frame())) {
        return false;
      }
    }
    return true;
  }

  /** These annotations, every one a crowd or none (ids kept). */
  public CocoObjectOrigin withCrowds(boolean crowd) {
    return new CocoObjectOrigin(annotations.stream()
        .map(a -> new FrameAnnotation(a.frame(), a.id(), crowd))
        // as on import: an annotation with neither an id nor a crowd flag says nothing
        .filter(a -> a.id() != null || a.crowd())
        .toList());
  }

  /** The annotation on {@code frame}, or {@code null}. */
  public FrameAnnotation at(int frame) {
    int lo = 0, hi = annotations.size() - 1;
    while (lo <= hi) { // annotations are in frame order
      int mid = (lo + hi) >>> 1;
      int f = annotations.get(mid).frame();
      if (f == frame) {
        return annotations.get(mid);
      }
      if (f < frame) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }
}
