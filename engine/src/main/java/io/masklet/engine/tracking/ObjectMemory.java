package io.masklet.engine.tracking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object's slice of the official {@code output_dict}: outputs of conditioning (prompted)
 * frames, kept in insertion order like the official dict, and of non-conditioning (tracked)
 * frames.
 */
public final class ObjectMemory {
  private final Map<Integer, FrameOutput> cond = new LinkedHashMap<>();
  private final TreeMap<Integer, FrameOutput> nonCond = new TreeMap<>();

  public Map<Integer, FrameOutput> cond() {
    return cond;
  }

  public TreeMap<Integer, FrameOutput> nonCond() {
    return nonCond;
  }
}
