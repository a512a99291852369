package io.masklet.engine.tracking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One object's slice of the official {@code output_dict}: outputs of conditioning (prompted)
 * frames, kept in insertion order like the official dict, and of non-conditioning (tracked)
 * frames.
 *
 * <p>The maps are read through unmodifiable views and changed only through this class, which
 * counts every change in {@link #version()}: anything computed from the bank (the
 * memory-conditioned features of a frame) stays valid exactly as long as the version does.
 * The bank owns its outputs: an output replaced or cleared is closed here.
 */
public final class ObjectMemory {
  private final Map<Integer, FrameOutput> cond = new LinkedHashMap<>();
  private final TreeMap<Integer, FrameOutput> nonCond = new TreeMap<>();
  private final Map<Integer, FrameOutput> condView = Collections.unmodifiableMap(cond);
  private final NavigableMap<Integer, FrameOutput> nonCondView =
      Collections.unmodifiableNavigableMap(nonCond);
  private long version;

  /** Outputs of conditioning frames in insertion order (read-only). */
  public Map<Integer, FrameOutput> cond() {
    return condView;
  }

  /** Outputs of non-conditioning frames by frame (read-only). */
  public NavigableMap<Integer, FrameOutput> nonCond() {
    return nonCondView;
  }

  /** Changes so far; equal versions mean an unchanged bank. */
  public long version() {
    return version;
  }

  /** Stores {@code out} for {@code frame}, closing the output it replaces (unless the same). */
  public void put(boolean isCond, int frame, FrameOutput out) {
    FrameOutput old = map(isCond).put(frame, out);
    if (old != null && old != out) {
      old.close();
    }
    version++;
  }

  /** Takes the output of {@code frame} out of the bank (the caller owns it), or null. */
  public FrameOutput remove(boolean isCond, int frame) {
    FrameOutput out = map(isCond).remove(frame);
    if (out != null) {
      version++;
    }
    return out;
  }

  /** Removes and closes the output of {@code frame}, if any. */
  public void discard(boolean isCond, int frame) {
    FrameOutput out = remove(isCond, frame);
    if (out != null) {
      out.close();
    }
  }

  /** Closes and removes every output. */
  public void clear() {
    cond.values().forEach(FrameOutput::close);
    cond.clear();
    nonCond.values().forEach(FrameOutput::close);
    nonCond.clear();
    version++;
  }

  private Map<Integer, FrameOutput> map(boolean isCond) {
    return isCond ? cond : nonCond;
  }
}
