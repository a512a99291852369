package io.masklet.app.ui.session;

import io.masklet.model.project.Annotation;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.InteractionEvent;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Prompt;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The annotation being edited, as the workstation sees it: the annotation model's
 * {@link Annotation} (objects, RLE masks with provenance, prompts, interaction log) plus change
 * notification for the views, the object list order, and decoding of masks for display. Only
 * the UI thread changes it, always through {@code history} commands so every edit can be undone.
 */
public final class AnnotationSession {
  private final Annotation annotation;
  private final List<Integer> order = new ArrayList<>();
  /**
   * Object id → index in {@link #order}, or null after an insertion or removal moved objects
   * (made again when next asked): views ask where an object is at every edit and frame shown.
   */
  private Map<Integer, Integer> positions;
  /** Object → frames with a prompt; the model indexes prompts by frame, lanes need by object. */
  private final Map<Integer, NavigableSet<Integer>> promptIndex = new HashMap<>();
  /**
   * Bumped by every change of masks or of the set of objects: a {@link MaskBatch} prepared
   * against an older value read masks that have changed since.
   */
  private long maskEdits;
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  /** Decoded masks by RLE identity; masks are immutable so identity is a safe key. */
  private final Map<Rle, BinaryMask> decoded = new LinkedHashMap<>(32, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Rle, BinaryMask> e) {
      return size() > 64;
    }
  };

  /**
   * Per object, what the object list counts and where the key frames are; without it every
   * propagated frame, click, undo and key-frame jump read every mask of every object.
   */
  private final Map<Integer, MaskIndex> indexes = new HashMap<>();
  private long masksCounted;
  private long basisObjects;
  /**
   * Key frame → how many (object, prompt) and (object, edited mask) pairs make it one, kept
   * with {@link #promptIndex} and the {@link MaskIndex}es: the next key frame is one look-up
   * instead of two per object (with 10,000 objects, a jump read 20,000 indexes).
   */
  private final TreeMap<Integer, Integer> keyFrameUses = new TreeMap<>();

  public AnnotationSession(Annotation annotation) {
    this.annotation = Objects.requireNonNull(annotation);
    order.addAll(annotation.objects().keySet());
    for (Prompt p : annotation.snapshot().prompts()) {
      if (promptIndex.computeIfAbsent(p.objectId(), k -> new TreeSet<>()).add(p.frame())) {
        useKeyFrame(p.frame(), 1);
      }
    }
    for (Integer id : order) {
      annotation.masks(id).forEach((f, m) -> index(id, f, null, m));
    }
  }

  public static AnnotationSession create(MediaSource media) {
    return new AnnotationSession(new Annotation(media));
  }

  public static AnnotationSession of(Project project) {
    return new AnnotationSession(Annotation.of(project));
  }

  public MediaSource media() {
    return annotation.source();
  }

  public int width() {
    return annotation.source().width();
  }

  public int height() {
    return annotation.source().height();
  }

  public int frameCount() {
    return annotation.source().frameCount();
  }

  /**
   * An immutable copy for saving and export, objects in list order (an undone delete puts an
   * object back at its list position, while the annotation's own order is creation order).
   */
  public Project snapshot() {
    return annotation.snapshot().inObjectOrder(order);
  }

  /** Increases with every change (autosave compares it with the saved value). */
  public long revision() {
    return annotation.revision();
  }

  public void addListener(SessionListener l) {
    listeners.add(l);
  }

  public void removeListener(SessionListener l) {
    listeners.remove(l);
  }

  // ---- objects ----

  /** Objects in list order. */
  public List<TrackedObject> objects() {
    List<TrackedObject> out = new ArrayList<>(order.size());
    for (Integer id : order) {
      out.add(annotation.object(id));
    }
    return out;
  }

  /** The number of objects ({@link #objects()} copies them all). */
  public int objectCount() {
    return order.size();
  }

  public TrackedObject object(int id) {
    return annotation.object(id);
  }

  public boolean hasObject(int id) {
    return annotation.object(id) != null;
  }

  /**
   * Objects with a mask (absent or not) or a prompt on {@code frame}, in list order: one mask
   * look-up per object.
   */
  public List<Integer> objectsOn(int frame) {
    Map<Integer, Prompt> prompted = annotation.promptsAt(frame);
    List<Integer> out = new ArrayList<>();
    for (Integer id : order) {
      if (prompted.containsKey(id) || annotation.mask(id, frame) != null) {
        out.add(id);
      }
    }
    return out;
  }

  /** The id a new object gets. */
  public int nextObjectId() {
    return annotation.nextObjectId();
  }

  /** Adds an object at the end of the list, or replaces one with the same id in place. */
  public void putObject(TrackedObject o) {
    annotation.putObject(o);
    maskEdits++;
    int position = indexOfObject(o.id());
    if (position >= 0) {
      fireObject(new ObjectChange(ObjectChange.Kind.UPDATED, o.id(), position));
    } else {
      order.add(o.id());
      positions.put(o.id(), order.size() - 1);
      fireObject(new ObjectChange(ObjectChange.Kind.ADDED, o.id(), order.size() - 1));
    }
  }

  /** Re-inserts an object at a list position (undoing a delete keeps the list order). */
  public void insertObject(int position, TrackedObject o) {
    annotation.putObject(o);
    maskEdits++;
    boolean moved = order.remove(Integer.valueOf(o.id()));
    int at = Math.max(0, Math.min(position, order.size()));
    order.add(at, o.id());
    positions = null;
    if (moved) {
      fireObjects();
    } else {
      fireObject(new ObjectChange(ObjectChange.Kind.ADDED, o.id(), at));
    }
  }

  public int indexOfObject(int id) {
    if (positions == null) {
      positions = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        positions.put(order.get(i), i);
      }
    }
    Integer i = positions.get(id);
    return i == null ? -1 : i;
  }

  /** Removes an object with all its masks and prompts. */
  public void removeObject(int id) {
    promptedFrames(id).forEach(f -> useKeyFrame(f, -1));
    editedMaskFrames(id).forEach(f -> useKeyFrame(f, -1));
    annotation.removeObject(id);
    int position = indexOfObject(id);
    if (position >= 0) {
      order.remove(position);
      positions = null;
    }
    promptIndex.remove(id);
    indexes.remove(id);
    maskEdits++;
    if (position >= 0) {
      fireObject(new ObjectChange(ObjectChange.Kind.REMOVED, id, position));
    } else {
      fireObjects();
    }
  }

  // ---- masks ----

  public FrameMask mask(int objectId, int frame) {
    return annotation.mask(objectId, frame);
  }

  /** Frame → mask of one object, ascending (read-only view). */
  public NavigableMap<Integer, FrameMask> masks(int objectId) {
    return annotation.masks(objectId);
  }

  /** Sets (or with {@code null} removes) one object's mask on one frame. */
  public void setMask(int objectId, int frame, FrameMask mask) {
    FrameMask old = annotation.mask(objectId, frame);
    if (mask == null) {
      annotation.removeMask(objectId, frame);
    } else {
      annotation.setMask(objectId, frame, mask);
    }
    index(objectId, frame, old, mask);
    maskEdits++;
    fireFrame(objectId, frame);
  }

  /**
   * A batch of mask writes to prepare on a worker thread and then {@link #apply}: see
   * {@link MaskBatch}. Looks at no mask.
   */
  public MaskBatch batch(MaskBatch.Writes writes) {
    return new MaskBatch(this, annotation, null, writes, basis(null));
  }

  /**
   * A batch that writes masks of {@code objectIds} only (it fails on a write for another
   * object); it takes the state of those objects only, where {@link #batch(MaskBatch.Writes)}
   * takes every object's: undoing the delete of one of 10,000 objects copied all of them.
   */
  public MaskBatch batch(Collection<Integer> objectIds, MaskBatch.Writes writes) {
    Set<Integer> ids = Set.copyOf(objectIds);
    return new MaskBatch(this, annotation, ids, writes, basis(ids));
  }

  /** The state of {@code objectIds} (those the session has), or of every object for null. */
  private MaskBatch.Basis basis(Set<Integer> objectIds) {
    Map<Integer, NavigableMap<Integer, FrameMask>> frames = new HashMap<>();
    Map<Integer, MaskIndex> index = new HashMap<>();
    for (Integer id : objectIds == null ? order : objectIds) {
      if (annotation.object(id) != null) {
        frames.put(id, annotation.masks(id));
        index.put(id, indexes.computeIfAbsent(id, k -> new MaskIndex()));
        basisObjects++;
      }
    }
    return new MaskBatch.Basis(maskEdits, frames, index);
  }

  /**
   * Objects whose state batches took so far, for tests: a batch for one object takes that
   * one's, whatever the number of objects.
   */
  public long batchBasisObjects() {
    return basisObjects;
  }

  /**
   * Writes a batch's masks, as {@link #setMask} for each would but with one
   * {@link SessionListener#framesChanged} event; prepared on a worker before, this swaps one map
   * per object. Writes for objects the session no longer has are skipped.
   */
  public void apply(MaskBatch batch) {
    if (batch.session() != this) {
      throw new IllegalArgumentException("batch of another session");
    }
    MaskBatch.Prepared p = batch.prepared();
    if (p == null || p.basisEdits() != maskEdits) {
      // the state the batch took is still the session's when nothing changed since
      p = batch.compute(batch.basis().maskEdits() == maskEdits ? batch.basis()
          : basis(batch.objectIds()));
    }
    for (MaskBatch.ObjectResult r : p.objects()) {
      annotation.replaceMasks(r.masks());
      indexes.put(r.masks().objectId(), r.index());
    }
    p.editedFramesDelta().forEach(this::useKeyFrame);
    masksCounted += p.masksLooked();
    maskEdits++;
    if (!p.changed().isEmpty()) {
      for (SessionListener l : listeners) {
        l.framesChanged(p.changed());
      }
    }
  }

  /**
   * The mask's pixels (cached: the canvas asks for the same few masks repeatedly). Safe to call
   * from a worker thread: the canvas decodes the masks of a frame it is about to show next to
   * the frame's picture, off the UI thread, so showing it finds them here.
   */
  public BinaryMask decode(FrameMask mask) {
    Rle r = mask.rle();
    synchronized (decoded) {
      BinaryMask m = decoded.get(r);
      if (m != null) {
        return m;
      }
    }
    // decoded outside the lock: a worker warming the cache must not stall the UI thread
    BinaryMask m = new BinaryMask(r.width(), r.height(), r.decode());
    synchronized (decoded) {
      BinaryMask raced = decoded.putIfAbsent(r, m);
      return raced != null ? raced : m;
    }
  }

  /** True when the model scored the object as not visible, or the mask is empty. */
  public static boolean absent(FrameMask m) {
    return (m.hasScore() && m.objectScore() <= 0) || m.rle().isEmpty();
  }

  // ---- prompts ----

  /** The stored prompt (clicks, box or painted mask) of an object on a frame, or null. */
  public Prompt prompt(int objectId, int frame) {
    return annotation.prompt(frame, objectId);
  }

  /** The clicks and box of an object on a frame. */
  public FramePrompts prompts(int objectId, int frame) {
    return FramePrompts.of(annotation.prompt(frame, objectId));
  }

  public void setPrompt(int objectId, int frame, Prompt p) {
    if (p == null) {
      annotation.removePrompt(frame, objectId);
      NavigableSet<Integer> idx = promptIndex.get(objectId);
      if (idx != null && idx.remove(frame)) {
        useKeyFrame(frame, -1);
      }
    } else {
      if (p.frame() != frame || p.objectId() != objectId) {
        throw new IllegalArgumentException("prompt is for object " + p.objectId() + " frame "
            + p.frame() + ", not " + objectId + "/" + frame);
      }
      annotation.putPrompt(p);
      if (promptIndex.computeIfAbsent(objectId, k -> new TreeSet<>()).add(frame)) {
        useKeyFrame(frame, 1);
      }
    }
    fireFrame(objectId, frame);
  }

  /** Frames where {@code objectId}'s mask is {@link Provenance#EDITED}, ascending. */
  public NavigableSet<Integer> editedMaskFrames(int objectId) {
    MaskIndex idx = indexes.get(objectId);
    return idx == null ? Collections.emptyNavigableSet() : idx.editedFrames();
  }

  /**
   * Frames where any object has a prompt or an {@link Provenance#EDITED} mask, ascending
   * (read-only view).
   */
  public NavigableSet<Integer> keyFrames() {
    return Collections.unmodifiableNavigableSet(keyFrameUses.navigableKeySet());
  }

  /** Frames where {@code objectId} has any prompt (clicks, box or painted mask), ascending. */
  public NavigableSet<Integer> promptedFrames(int objectId) {
    NavigableSet<Integer> s = promptIndex.get(objectId);
    return s == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(s);
  }

  // ---- log ----

  public void log(InteractionEvent.Action action, int frame, int objectId, String detail) {
    annotation.log(new InteractionEvent(Instant.now(), frame, objectId, action, detail));
  }

  // ---- counts for the object list ----

  /** Frames where the object has a visible mask (not {@link #absent}). */
  public int maskedFrameCount(int objectId) {
    MaskIndex idx = indexes.get(objectId);
    return idx == null ? 0 : idx.masked();
  }

  /** Frames the annotator prompted or painted for this object. */
  public int editedFrameCount(int objectId) {
    MaskIndex idx = indexes.get(objectId);
    return idx == null ? 0 : idx.edited();
  }

  /**
   * Masks looked at to keep the counts so far, for tests: an edit looks at the mask it
   * replaces and the one it sets, never at the object's other frames.
   */
  public long masksCounted() {
    return masksCounted;
  }

  /** Keeps the object's {@link MaskIndex} up to date when {@code now} replaces {@code old}. */
  private void index(int objectId, int frame, FrameMask old, FrameMask now) {
    masksCounted += indexes.computeIfAbsent(objectId, k -> new MaskIndex()).replace(frame, old, now);
    useKeyFrame(frame, MaskIndex.editedDelta(old, now));
  }

  private void useKeyFrame(int frame, int uses) {
    if (uses != 0) {
      keyFrameUses.merge(frame, uses, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  private void fireObjects() {
    for (SessionListener l : listeners) {
      l.objectsChanged();
    }
  }

  private void fireObject(ObjectChange change) {
    for (SessionListener l : listeners) {
      l.objectChanged(change);
    }
  }

  private void fireFrame(int objectId, int frame) {
    for (SessionListener l : listeners) {
      l.frameChanged(objectId, frame);
    }
  }
}
