package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.tracking.BackboneFeatures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded least-recently-used cache of backbone features per frame, so interacting with a
 * frame again or re-propagating after a correction does not re-run the image encoder on
 * frames still cached. The official predictor keeps only the last frame; each entry here owns
 * its native memory and is freed when evicted.
 */
public final class FeatureCache implements AutoCloseable {
  private final NDManager parent;
  private final int capacity;
  private final LinkedHashMap<Integer, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long hits;
  private long misses;

  private record Entry(NDManager manager, BackboneFeatures features) {}

  public FeatureCache(NDManager parent, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("feature cache needs room for at least one frame");
    }
    this.parent = parent;
    this.capacity = capacity;
  }

  public BackboneFeatures get(int frame) {
    Entry e = entries.get(frame);
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    return e.features();
  }

  /** Stores a copy of {@code features} (owned by the cache), evicting the oldest entries. */
  public BackboneFeatures put(int frame, BackboneFeatures features) {
    NDManager m = parent.newSubManager();
    List<NDArray> levels = new ArrayList<>();
    for (NDArray l : features.levels()) {
      levels.add(own(l, m));
    }
    BackboneFeatures owned = new BackboneFeatures(levels, own(features.topPos(), m));
    Entry old = entries.put(frame, new Entry(m, owned));
    if (old != null) {
      old.manager().close();
    }
    Iterator<Map.Entry<Integer, Entry>> it = entries.entrySet().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      Map.Entry<Integer, Entry> oldest = it.next();
      oldest.getValue().manager().close();
      it.remove();
    }
    return owned;
  }

  private static NDArray own(NDArray a, NDManager m) {
    NDArray d = a.duplicate();
    d.attach(m);
    return d;
  }

  public int size() {
    return entries.size();
  }

  public long hits() {
    return hits;
  }

  public long misses() {
    return misses;
  }

  public void clear() {
    entries.values().forEach(e -> e.manager().close());
    entries.clear();
  }

  @Override
  public void close() {
    clear();
  }
}
