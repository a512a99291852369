package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.tracking.FrameOutput;
import io.masklet.engine.tracking.ObjectMemory;
import io.masklet.engine.tracking.PointInputs;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the video predictor keeps for one object (the official per-object slices of
 * {@code point_inputs_per_obj}, {@code mask_inputs_per_obj}, {@code output_dict_per_obj},
 * {@code temp_output_dict_per_obj} and {@code frames_tracked_per_obj}).
 */
public final class ObjectTrack {
  private final int objId;
  final TreeMap<Integer, PointInputs> pointInputs = new TreeMap<>();
  /** Mask prompts (1, 1, S, S) in {0, 1}, owned by the inference state's manager. */
  final TreeMap<Integer, NDArray> maskInputs = new TreeMap<>();
  final ObjectMemory memory = new ObjectMemory();
  final Map<Integer, FrameOutput> tempCond = new LinkedHashMap<>();
  final Map<Integer, FrameOutput> tempNonCond = new LinkedHashMap<>();
  /** Frames tracked so far, and on which of them tracking ran in reverse (a bit per frame). */
  final BitSet tracked = new BitSet();
  final BitSet trackedReverse = new BitSet();
  /** Memory-conditioned features of the last corrected frame, or null. */
  private ConditionedFeatures conditioned;

  ObjectTrack(int objId) {
    this.objId = objId;
  }

  public int objId() {
    return objId;
  }

  /** The object's memory bank (read access for inspection and tests). */
  public ObjectMemory memory() {
    return memory;
  }

  /** Frames holding this object's prompts (points or masks). */
  public java.util.SortedSet<Integer> promptedFrames() {
    TreeMap<Integer, Boolean> all = new TreeMap<>();
    pointInputs.keySet().forEach(f -> all.put(f, true));
    maskInputs.keySet().forEach(f -> all.put(f, true));
    return new java.util.TreeSet<>(all.keySet());
  }

  Map<Integer, FrameOutput> temp(boolean cond) {
    return cond ? tempCond : tempNonCond;
  }

  void markTracked(int frame, boolean reverse) {
    tracked.set(frame);
    trackedReverse.set(frame, reverse);
  }

  void unmarkTracked(int frame) {
    tracked.clear(frame);
    trackedReverse.clear(frame);
  }

  /**
   * The memory-conditioned features kept for {@code frame} tracked in this direction, if they
   * were computed from the bank as it is now; else null.
   */
  ConditionedFeatures conditioned(int frame, boolean reverse) {
    return conditioned != null && conditioned.matches(frame, reverse, memory.version())
        ? conditioned : null;
  }

  /** Keeps {@code features} (replacing what was kept) for the next clicks on the same frame. */
  void keepConditioned(ConditionedFeatures features) {
    dropConditioned();
    conditioned = features;
  }

  void dropConditioned() {
    if (conditioned != null) {
      conditioned.close();
      conditioned = null;
    }
  }

  /** Frees every stored output and prompt mask. */
  void clearAll() {
    dropConditioned();
    pointInputs.clear();
    maskInputs.values().forEach(NDArray::close);
    maskInputs.clear();
    memory.clear();
    closeAll(tempCond);
    closeAll(tempNonCond);
    tracked.clear();
    trackedReverse.clear();
  }

  private static void closeAll(Map<Integer, FrameOutput> m) {
    m.values().forEach(FrameOutput::close);
    m.clear();
  }

  static Map<Integer, FrameOutput> newHashMap() {
    return new HashMap<>();
  }
}
