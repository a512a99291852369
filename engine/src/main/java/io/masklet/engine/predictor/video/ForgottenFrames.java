package io.masklet.engine.predictor.video;

import io.masklet.engine.tracking.FrameOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@link SAM2VideoPredictor#forgetTrackedFrames} took out of one object's session state,
 * so that {@link SAM2VideoPredictor#restoreTrackedFrames} can put it back as it was (an undone
 * propagation is redone): per frame, the tracked output the memory bank held (whole, or slimmed
 * to its object pointer when evicted), a correction's output not yet propagated, its copy in
 * the session's spill file, and whether and in which direction the frame was tracked.
 *
 * <p>Nothing is copied: the outputs are moved here with their own native managers (sub-managers
 * of the session's), and the spill file keeps the bytes of the spilled copies for as long as
 * this holds them. Until restored or {@link #close closed} it holds that native memory and file
 * space; closing frees both. It belongs to the object's track in the session it was taken from:
 * once that session is closed or reset, or the object was removed from it, a restore puts
 * nothing back.
 */
public final class ForgottenFrames implements AutoCloseable {
  /**
   * One frame's forgotten state. {@code output} (the bank's non-conditioning output),
   * {@code correction} (an unpropagated correction's output) and {@code spilled} may each be
   * null; {@code reverse} matters only when {@code tracked}.
   */
  record FrameState(int frame, boolean tracked, boolean reverse, FrameOutput output,
      FrameOutput correction, SpillStore.Slot spilled) {}

  private final InferenceState state;
  private final int objId;
  /** The track the frames came from; null when the object was not in the session. */
  private final ObjectTrack track;
  private List<FrameState> frames;

  ForgottenFrames(InferenceState state, int objId, ObjectTrack track, List<FrameState> frames) {
    this.state = state;
    this.objId = objId;
    this.track = track;
    this.frames = new ArrayList<>(frames);
  }

  public int objId() {
    return objId;
  }

  /** The frames whose state is held here (none once restored or closed). */
  public SortedSet<Integer> frames() {
    SortedSet<Integer> out = new TreeSet<>();
    frames.forEach(f -> out.add(f.frame()));
    return out;
  }

  public boolean isEmpty() {
    return frames.isEmpty();
  }

  /**
   * Whether {@link #takeAll} may go back into {@code s}: the same open session, with the same
   * track of the object (a reset or a removal replaces or drops it, and what is held here was
   * computed from the memory of the track that is gone).
   */
  boolean belongsTo(InferenceState s) {
    return track != null && s == state && !s.isClosed() && s.objects.get(objId) == track;
  }

  ObjectTrack track() {
    return track;
  }

  /** Hands every held frame over to the caller, who puts it back or {@link #free frees} it. */
  List<FrameState> takeAll() {
    List<FrameState> all = frames;
    frames = new ArrayList<>();
    return all;
  }

  /** Frees one frame's native memory and spill-file space. */
  void free(FrameState f) {
    if (f.output() != null) {
      f.output().close();
    }
    if (f.correction() != null) {
      f.correction().close();
    }
    if (f.spilled() != null) {
      // the store may be closed with its session: then the file is gone and release is a no-op
      state.spill().release(f.spilled());
    }
  }

  /** Frees what is still held (nothing after a restore). Safe to call more than once. */
  @Override
  public void close() {
    takeAll().forEach(this::free);
  }
}
