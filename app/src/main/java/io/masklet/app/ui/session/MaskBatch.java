package io.masklet.app.ui.session;

import io.masklet.model.project.Annotation;
import io.masklet.model.project.FrameMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Many mask writes that reach the session as one change: the undo or redo of a propagation
 * over a long video writes some 200,000 masks (10,000 frames, 20 objects), and writing them one
 * by one (a map put, a count and a change event each) held the UI thread for 150-200 ms.
 *
 * <p>Three steps: {@link AnnotationSession#batch} on the UI thread looks at no mask;
 * {@link #prepare()}, on a worker thread, builds each written object's new masks, counts and
 * changed frames from the masks it replaces; {@link AnnotationSession#apply} on the UI thread
 * swaps one map per object and fires one {@link SessionListener#framesChanged}. The worker reads
 * the session's masks, so nothing may change them between the first step and the last (the
 * editor holds other edits back meanwhile). If something did, {@code apply} notices and
 * prepares afresh on the UI thread: slower, never wrong. Without a worker, {@code apply} alone
 * does all of it.
 */
public final class MaskBatch {
  /** The masks to write; called on the worker, so it reads only data nobody changes. */
  @FunctionalInterface
  public interface Writes {
    void forEach(Sink sink);
  }

  /** One write: {@code mask} becomes the object's mask on the frame; {@code null} removes it. */
  @FunctionalInterface
  public interface Sink {
    void write(int objectId, int frame, FrameMask mask);
  }

  /**
   * The session's state a preparation starts from, taken on the UI thread: each object's masks
   * (live read-only views) and index, and the session's change count then.
   */
  record Basis(long maskEdits, Map<Integer, NavigableMap<Integer, FrameMask>> frames,
      Map<Integer, MaskIndex> indexes) {}

  /** One written object's masks and index after the batch. */
  record ObjectResult(Annotation.CheckedMasks masks, MaskIndex index) {}

  /**
   * The batch worked out against the session state with change count {@code basisEdits};
   * {@code editedFramesDelta}: frame → change in the number of objects with an
   * {@link io.masklet.model.project.Provenance#EDITED} mask there (no zeros).
   */
  record Prepared(long basisEdits, List<ObjectResult> objects, ChangedFrames changed,
      long masksLooked, Map<Integer, Integer> editedFramesDelta) {}

  private final AnnotationSession session;
  private final Annotation annotation;
  /** The objects the writes are for, or null: any object. */
  private final Set<Integer> objectIds;
  private final Writes writes;
  private final Basis basis;
  /** Set by the worker, read by the UI thread. */
  private volatile Prepared prepared;

  MaskBatch(AnnotationSession session, Annotation annotation, Set<Integer> objectIds,
      Writes writes, Basis basis) {
    this.session = session;
    this.annotation = annotation;
    this.objectIds = objectIds;
    this.writes = writes;
    this.basis = basis;
  }

  AnnotationSession session() {
    return session;
  }

  Set<Integer> objectIds() {
    return objectIds;
  }

  Basis basis() {
    return basis;
  }

  /**
   * Does the batch's work ahead of {@link AnnotationSession#apply}; on a worker thread, while
   * the session's masks stay as they were when the batch was made. Throws what
   * {@link AnnotationSession#setMask} would for a mask that does not fit the media.
   */
  public void prepare() {
    if (prepared == null) {
      prepared = compute(basis);
    }
  }

  Prepared prepared() {
    return prepared;
  }

  /** The batch's writes applied to {@code from}; touches nothing but new objects. */
  Prepared compute(Basis from) {
    int frameCount = annotation.source().frameCount();
    Map<Integer, Work> work = new LinkedHashMap<>();
    long[] looked = {0};
    Map<Integer, Integer> editedDelta = new HashMap<>();
    writes.forEach((objectId, frame, mask) -> {
      if (objectIds != null && !objectIds.contains(objectId)) {
        throw new IllegalArgumentException("batch for objects " + objectIds + " writes a mask"
            + " of object " + objectId);
      }
      NavigableMap<Integer, FrameMask> base = from.frames().get(objectId);
      if (base == null) {
        return; // the object was deleted after these masks were written; as setMask is skipped
      }
      if (frame < 0 || frame >= frameCount) {
        throw new IllegalArgumentException("frame " + frame + " outside 0.." + (frameCount - 1));
      }
      Work w = work.computeIfAbsent(objectId,
          id -> new Work(base, from.indexes().get(objectId).copy()));
      FrameMask old = mask == null ? w.frames.remove(frame) : w.frames.put(frame, mask);
      w.changed.set(frame);
      looked[0] += w.index.replace(frame, old, mask);
      int delta = MaskIndex.editedDelta(old, mask);
      if (delta != 0) {
        editedDelta.merge(frame, delta, (a, b) -> a + b == 0 ? null : a + b);
      }
    });
    List<ObjectResult> objects = new ArrayList<>(work.size());
    Map<Integer, BitSet> changed = new LinkedHashMap<>();
    work.forEach((id, w) -> {
      objects.add(new ObjectResult(annotation.checkMasks(id, w.frames), w.index));
      changed.put(id, w.changed);
    });
    return new Prepared(from.maskEdits(), Collections.unmodifiableList(objects),
        new ChangedFrames(changed), looked[0], Collections.unmodifiableMap(editedDelta));
  }

  /** One object's masks and index being rewritten. */
  private static final class Work {
    final TreeMap<Integer, FrameMask> frames;
    final MaskIndex index;
    final BitSet changed = new BitSet();

    Work(NavigableMap<Integer, FrameMask> base, MaskIndex index) {
      this.frames = new TreeMap<>(base);
      this.index = index;
    }
  }
}
