package io.masklet.model.project;

import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The mutable working state of one annotation session: the UI and the engine services change
 * masks, prompts and objects through it, and it hands out immutable {@link Project} snapshots
 * for saving and export. Per-frame updates are cheap (a map put of an immutable
 * {@link FrameMask}); a snapshot copies only map structure, never mask data.
 *
 * <p>Not thread-safe: confine it to one thread (the UI thread) and hand results from worker
 * threads over to that thread. {@link #revision()} increases on every change, for autosave and
 * view refresh.
 */
public final class Annotation {
  private final MediaSource source;
  private final Map<Integer, TrackedObject> objects = new LinkedHashMap<>();
  private final Map<Integer, TreeMap<Integer, FrameMask>> masks = new LinkedHashMap<>();
  // key: frame, then object id; keeps prompts ordered by frame
  private final TreeMap<Integer, TreeMap<Integer, Prompt>> prompts = new TreeMap<>();
  private final List<InteractionEvent> log = new ArrayList<>();
  // Immutable per-object masklets handed out by the last snapshot, dropped when the object's
  // masks change: an autosave of a long video after an edit of one object copies that object's
  // frame map only, not the 200,000 entries of every object (21-34 ms on the UI thread).
  private final Map<Integer, Masklet> snapshotMasklets = new HashMap<>();
  private List<InteractionEvent> snapshotLog;
  // fixed for the session: nothing in the workstation edits what the imported file said
  private ImportOrigin origin;
  private long revision;

  public Annotation(MediaSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** A working copy of a saved project. */
  public static Annotation of(Project project) {
    Annotation a = new Annotation(project.source());
    a.origin = project.origin();
    project.objects().forEach(a::putObject);
    for (Masklet m : project.masklets()) {
      if (!a.objects.containsKey(m.objectId())) {
        throw new IllegalArgumentException("masklet for unknown object " + m.objectId());
      }
      m.frames().forEach((f, mask) -> a.setMask(m.objectId(), f, mask));
    }
    project.prompts().forEach(a::putPrompt);
    a.log.addAll(project.log());
    a.revision = 0;
    return a;
  }

  /**
   * Immutable copy of the current state. An object whose masks did not change since the last
   * snapshot shares that snapshot's {@link Masklet} (immutable, so sharing is safe).
   */
  public Project snapshot() {
    List<Masklet> masklets = new ArrayList<>();
    masks.forEach((id, frames) -> {
      if (!frames.isEmpty()) {
        masklets.add(snapshotMasklets.computeIfAbsent(id, k -> new Masklet(k, frames)));
      }
    });
    List<Prompt> allPrompts = new ArrayList<>();
    prompts.values().forEach(byObject -> allPrompts.addAll(byObject.values()));
    if (snapshotLog == null) {
      snapshotLog = List.copyOf(log);
    }
    return new Project(source, List.copyOf(objects.values()), masklets, allPrompts, snapshotLog,
        origin);
  }

  public MediaSource source() {
    return source;
  }

  /** What the file this annotation was converted from said beyond the masks, or null. */
  public ImportOrigin origin() {
    return origin;
  }

  public long revision() {
    return revision;
  }

  // ---- objects

  /** Objects in creation order (read-only view). */
  public Map<Integer, TrackedObject> objects() {
    return Collections.unmodifiableMap(objects);
  }

  public TrackedObject object(int id) {
    return objects.get(id);
  }

  /** Adds an object or replaces the one with the same id (rename / recolor). */
  public void putObject(TrackedObject object) {
    Project.checkOrigin(object, origin);
    objects.put(object.id(), object);
    masks.computeIfAbsent(object.id(), k -> new TreeMap<>());
    revision++;
  }

  /** Smallest id not used yet (ids start at 1). */
  public int nextObjectId() {
    int id = 1;
    while (objects.containsKey(id)) {
      id++;
    }
    return id;
  }

  /** Removes an object with its masks and prompts. */
  public void removeObject(int id) {
    objects.remove(id);
    masks.remove(id);
    snapshotMasklets.remove(id);
    prompts.values().forEach(byObject -> byObject.remove(id));
    prompts.values().removeIf(Map::isEmpty);
    revision++;
  }

  // ---- masks

  /** The mask of {@code objectId} on {@code frame}, or {@code null}. */
  public FrameMask mask(int objectId, int frame) {
    TreeMap<Integer, FrameMask> frames = masks.get(objectId);
    return frames == null ? null : frames.get(frame);
  }

  /** Sets (replaces) one object's mask on one frame. */
  public void setMask(int objectId, int frame, FrameMask mask) {
    requireObject(objectId);
    checkFrame(frame);
    Rle rle = mask.rle();
    if (rle.height() != source.height() || rle.width() != source.width()) {
      throw new IllegalArgumentException("mask of object " + objectId + " on frame " + frame
          + " is " + rle.width() + "x" + rle.height() + ", media is " + source.width() + "x"
          + source.height());
    }
    masks.get(objectId).put(frame, mask);
    snapshotMasklets.remove(objectId);
    revision++;
  }

  public void removeMask(int objectId, int frame) {
    TreeMap<Integer, FrameMask> frames = masks.get(objectId);
    if (frames != null && frames.remove(frame) != null) {
      snapshotMasklets.remove(objectId);
      revision++;
    }
  }

  /**
   * One object's masks on every frame, checked against the media as {@link #setMask} checks
   * each mask, ready for {@link #replaceMasks}. Made by {@link #checkMasks}.
   */
  public static final class CheckedMasks {
    private final MediaSource source;
    private final int objectId;
    private final TreeMap<Integer, FrameMask> frames;
    /** Set once installed: the annotation then owns and changes {@link #frames}. */
    private boolean installed;

    private CheckedMasks(MediaSource source, int objectId, TreeMap<Integer, FrameMask> frames) {
      this.source = source;
      this.objectId = objectId;
      this.frames = frames;
    }

    public int objectId() {
      return objectId;
    }
  }

  /**
   * Copies and checks all of one object's masks for {@link #replaceMasks}. Reads only the media
   * (immutable), so it may run on a worker thread, as long as no thread changes {@code frames}
   * meanwhile: writing many masks at once (undoing a propagation over a long video replaces
   * some 200,000) then costs the thread that owns this annotation one map swap per object
   * instead of a map put and a check per mask.
   */
  public CheckedMasks checkMasks(int objectId, SortedMap<Integer, FrameMask> frames) {
    TreeMap<Integer, FrameMask> copy = new TreeMap<>(frames);
    copy.forEach((frame, mask) -> {
      checkFrame(frame);
      checkSize(objectId, frame, Objects.requireNonNull(mask, "mask"));
    });
    return new CheckedMasks(source, objectId, copy);
  }

  /**
   * Makes {@code checked} the object's masks on every frame, replacing all it had. A view from
   * {@link #masks(int)} taken before goes on showing the replaced masks.
   */
  public void replaceMasks(CheckedMasks checked) {
    if (checked.source != source) {
      throw new IllegalArgumentException("masks checked for another annotation's media");
    }
    requireObject(checked.objectId);
    if (checked.installed) {
      throw new IllegalStateException("masks of object " + checked.objectId + " already used");
    }
    checked.installed = true;
    masks.put(checked.objectId, checked.frames);
    snapshotMasklets.remove(checked.objectId);
    revision++;
  }

  private void checkSize(int objectId, int frame, FrameMask mask) {
    Rle rle = mask.rle();
    if (rle.height() != source.height() || rle.width() != source.width()) {
      throw new IllegalArgumentException("mask of object " + objectId + " on frame " + frame
          + " is " + rle.width() + "x" + rle.height() + ", media is " + source.width() + "x"
          + source.height());
    }
  }

  /** One object's masks by frame (read-only live view). */
  public NavigableMap<Integer, FrameMask> masks(int objectId) {
    TreeMap<Integer, FrameMask> frames = masks.get(objectId);
    return frames == null ? Collections.emptyNavigableMap()
        : Collections.unmodifiableNavigableMap(frames);
  }

  /** Every object's mask on one frame, by object id. */
  public Map<Integer, FrameMask> masksAt(int frame) {
    Map<Integer, FrameMask> out = new LinkedHashMap<>();
    masks.forEach((id, frames) -> {
      FrameMask m = frames.get(frame);
      if (m != null) {
        out.put(id, m);
      }
    });
    return out;
  }

  // ---- prompts

  /** Sets the prompt of (frame, object), replacing an earlier one. */
  public void putPrompt(Prompt prompt) {
    requireObject(prompt.objectId());
    checkFrame(prompt.frame());
    prompts.computeIfAbsent(prompt.frame(), k -> new TreeMap<>()).put(prompt.objectId(), prompt);
    revision++;
  }

  public Prompt prompt(int frame, int objectId) {
    TreeMap<Integer, Prompt> byObject = prompts.get(frame);
    return byObject == null ? null : byObject.get(objectId);
  }

  public void removePrompt(int frame, int objectId) {
    TreeMap<Integer, Prompt> byObject = prompts.get(frame);
    if (byObject != null && byObject.remove(objectId) != null) {
      if (byObject.isEmpty()) {
        prompts.remove(frame);
      }
      revision++;
    }
  }

  /** Prompts of one frame by object id. */
  public Map<Integer, Prompt> promptsAt(int frame) {
    TreeMap<Integer, Prompt> byObject = prompts.get(frame);
    return byObject == null ? Map.of() : Collections.unmodifiableMap(byObject);
  }

  // ---- log

  public void log(InteractionEvent event) {
    log.add(Objects.requireNonNull(event));
    snapshotLog = null;
    revision++;
  }

  public List<InteractionEvent> log() {
    return Collections.unmodifiableList(log);
  }

  private void requireObject(int objectId) {
    if (!objects.containsKey(objectId)) {
      throw new IllegalArgumentException("unknown object " + objectId);
    }
  }

  private void checkFrame(int frame) {
    if (frame < 0 || frame >= source.frameCount()) {
      throw new IllegalArgumentException("frame " + frame + " outside 0.." + (source.frameCount() - 1));
    }
  }
}
