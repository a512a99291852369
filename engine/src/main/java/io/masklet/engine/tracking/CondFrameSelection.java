package io.masklet.engine.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Port of sam2/modeling/sam2_utils.py::select_closest_cond_frames. */
public final class CondFrameSelection {
  private CondFrameSelection() {}

  /** The conditioning frames attended to, and those left out (still usable as recent frames). */
  public record Selection(Map<Integer, FrameOutput> selected, Map<Integer, FrameOutput> unselected) {}

  /**
   * Up to {@code maxCondFrameNum} conditioning frames temporally closest to {@code frameIdx}:
   * the closest before, the closest at-or-after, then the nearest others; -1 means all.
   */
  public static Selection selectClosest(int frameIdx, Map<Integer, FrameOutput> cond,
      int maxCondFrameNum) {
    if (maxCondFrameNum == -1 || cond.size() <= maxCondFrameNum) {
      return new Selection(cond, Map.of());
    }
    if (maxCondFrameNum < 2) {
      throw new IllegalArgumentException("at least 2 conditioning frames must be allowed");
    }
    Map<Integer, FrameOutput> selected = new LinkedHashMap<>();
    Integer before = null;
    Integer after = null;
    for (int t : cond.keySet()) {
      if (t < frameIdx && (before == null || t > before)) {
        before = t;
      }
      if (t >= frameIdx && (after == null || t < after)) {
        after = t;
      }
    }
    if (before != null) {
      selected.put(before, cond.get(before));
    }
    if (after != null) {
      selected.put(after, cond.get(after));
    }
    int remain = maxCondFrameNum - selected.size();
    List<Integer> rest = new ArrayList<>();
    for (int t : cond.keySet()) {
      if (!selected.containsKey(t)) {
        rest.add(t);
      }
    }
    // stable sort by distance, like Python's sorted
    rest.sort(Comparator.comparingInt(t -> Math.abs(t - frameIdx)));
    for (int i = 0; i < Math.min(remain, rest.size()); i++) {
      selected.put(rest.get(i), cond.get(rest.get(i)));
    }
    Map<Integer, FrameOutput> unselected = new LinkedHashMap<>();
    for (Map.Entry<Integer, FrameOutput> e : cond.entrySet()) {
      if (!selected.containsKey(e.getKey())) {
        unselected.put(e.getKey(), e.getValue());
      }
    }
    return new Selection(selected, unselected);
  }
}
