package io.masklet.app.ui.session;

import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The frames whose masks one batched change wrote, by object (see
 * {@link SessionListener#framesChanged}). Immutable. Asked by range ({@link #nextFrame}), so a
 * listener's work follows what it shows (a lane's cells, one frame) rather than the number of
 * masks written.
 */
public final class ChangedFrames {
  /** What {@link #forEach} hands each changed frame to. */
  @FunctionalInterface
  public interface FrameVisitor {
    void visit(int objectId, int frame);
  }

  private final Map<Integer, BitSet> byObject;
  private final int size;

  /** Takes ownership of the bit sets: the caller does not change them afterwards. */
  ChangedFrames(Map<Integer, BitSet> byObject) {
    Map<Integer, BitSet> nonEmpty = new LinkedHashMap<>();
    int n = 0;
    for (Map.Entry<Integer, BitSet> e : byObject.entrySet()) {
      if (!e.getValue().isEmpty()) {
        nonEmpty.put(e.getKey(), e.getValue());
        n += e.getValue().cardinality();
      }
    }
    this.byObject = Collections.unmodifiableMap(nonEmpty);
    this.size = n;
  }

  /** Objects with at least one changed frame. */
  public Set<Integer> objectIds() {
    return byObject.keySet();
  }

  /** Changed (object, frame) pairs. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean contains(int objectId, int frame) {
    BitSet b = byObject.get(objectId);
    return b != null && frame >= 0 && b.get(frame);
  }

  /** The first changed frame of {@code objectId} at or after {@code from}, or -1. */
  public int nextFrame(int objectId, int from) {
    BitSet b = byObject.get(objectId);
    return b == null ? -1 : b.nextSetBit(Math.max(0, from));
  }

  /** Every changed (object, frame), objects in batch order, frames ascending. */
  public void forEach(FrameVisitor visitor) {
    byObject.forEach((id, frames) -> {
      for (int f = frames.nextSetBit(0); f >= 0; f = frames.nextSetBit(f + 1)) {
        visitor.visit(id, f);
      }
    });
  }
}
