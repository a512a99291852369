package io.masklet.app.ui.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The annotation being edited: the video, its objects, each object's masks and prompts per
 * frame. Only the UI thread changes it, always through {@code history} commands (so every edit
 * can be undone); engine results arrive on the UI thread as commands too.
 */
public final class AnnotationSession {
  private final VideoInfo video;
  private final Map<Integer, TrackedObject> objects = new LinkedHashMap<>();
  private final Map<Integer, NavigableMap<Integer, FrameMask>> masks = new HashMap<>();
  private final Map<Integer, NavigableMap<Integer, FramePrompts>> prompts = new HashMap<>();
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private int nextObjectId = 1;

  public AnnotationSession(VideoInfo video) {
    this.video = Objects.requireNonNull(video);
  }

  public VideoInfo video() {
    return video;
  }

  public void addListener(SessionListener l) {
    listeners.add(l);
  }

  public void removeListener(SessionListener l) {
    listeners.remove(l);
  }

  // ---- objects ----

  public List<TrackedObject> objects() {
    return List.copyOf(objects.values());
  }

  public TrackedObject object(int id) {
    return objects.get(id);
  }

  public boolean hasObject(int id) {
    return objects.containsKey(id);
  }

  /** Reserves a fresh object id (ids are never reused within a session, like the engine's). */
  public int allocateObjectId() {
    return nextObjectId++;
  }

  /** Adds or replaces an object, keeping insertion order for a re-added (undone) object. */
  public void putObject(TrackedObject o) {
    objects.put(o.id(), o);
    nextObjectId = Math.max(nextObjectId, o.id() + 1);
    fireObjects();
  }

  /** Re-inserts an object at a list position (undo of a delete keeps the list order). */
  public void insertObject(int position, TrackedObject o) {
    List<TrackedObject> order = new ArrayList<>(objects.values());
    order.removeIf(x -> x.id() == o.id());
    order.add(Math.max(0, Math.min(position, order.size())), o);
    objects.clear();
    for (TrackedObject t : order) {
      objects.put(t.id(), t);
    }
    nextObjectId = Math.max(nextObjectId, o.id() + 1);
    fireObjects();
  }

  public int indexOfObject(int id) {
    int i = 0;
    for (Integer k : objects.keySet()) {
      if (k == id) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** Removes an object with all its masks and prompts. */
  public void removeObject(int id) {
    objects.remove(id);
    masks.remove(id);
    prompts.remove(id);
    fireObjects();
  }

  // ---- masks ----

  public FrameMask mask(int objectId, int frame) {
    NavigableMap<Integer, FrameMask> m = masks.get(objectId);
    return m == null ? null : m.get(frame);
  }

  /** Frame → mask of one object, ascending (read-only view). */
  public NavigableMap<Integer, FrameMask> masks(int objectId) {
    NavigableMap<Integer, FrameMask> m = masks.get(objectId);
    return m == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(m);
  }

  /** Sets (or with {@code null} clears) one object's mask on one frame. */
  public void setMask(int objectId, int frame, FrameMask mask) {
    checkFrame(frame);
    if (!objects.containsKey(objectId)) {
      throw new IllegalArgumentException("no object " + objectId);
    }
    if (mask != null && (mask.mask().width() != video.width()
        || mask.mask().height() != video.height())) {
      throw new IllegalArgumentException("mask " + mask.mask().width() + "x"
          + mask.mask().height() + " does not match video " + video.width() + "x"
          + video.height() + " (object " + objectId + ", frame " + frame + ")");
    }
    if (mask == null) {
      NavigableMap<Integer, FrameMask> m = masks.get(objectId);
      if (m != null) {
        m.remove(frame);
      }
    } else {
      masks.computeIfAbsent(objectId, k -> new TreeMap<>()).put(frame, mask);
    }
    fireFrame(objectId, frame);
  }

  // ---- prompts ----

  public FramePrompts prompts(int objectId, int frame) {
    NavigableMap<Integer, FramePrompts> m = prompts.get(objectId);
    FramePrompts p = m == null ? null : m.get(frame);
    return p == null ? FramePrompts.EMPTY : p;
  }

  /** Frames where {@code objectId} has prompts, ascending. */
  public NavigableMap<Integer, FramePrompts> promptedFrames(int objectId) {
    NavigableMap<Integer, FramePrompts> m = prompts.get(objectId);
    return m == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(m);
  }

  public void setPrompts(int objectId, int frame, FramePrompts p) {
    checkFrame(frame);
    if (p == null || p.isEmpty()) {
      NavigableMap<Integer, FramePrompts> m = prompts.get(objectId);
      if (m != null) {
        m.remove(frame);
      }
    } else {
      prompts.computeIfAbsent(objectId, k -> new TreeMap<>()).put(frame, p);
    }
    fireFrame(objectId, frame);
  }

  // ---- counts for the object list ----

  public int maskedFrameCount(int objectId) {
    int n = 0;
    for (FrameMask f : masks(objectId).values()) {
      if (!f.absent()) {
        n++;
      }
    }
    return n;
  }

  public int editedFrameCount(int objectId) {
    int n = 0;
    for (FrameMask f : masks(objectId).values()) {
      if (f.source() != MaskSource.PROPAGATED) {
        n++;
      }
    }
    return n;
  }

  private void checkFrame(int frame) {
    if (frame < 0 || frame >= video.frameCount()) {
      throw new IndexOutOfBoundsException(
          "frame " + frame + " outside 0.." + (video.frameCount() - 1));
    }
  }

  private void fireObjects() {
    for (SessionListener l : listeners) {
      l.objectsChanged();
    }
  }

  private void fireFrame(int objectId, int frame) {
    for (SessionListener l : listeners) {
      l.frameChanged(objectId, frame);
    }
  }
}
