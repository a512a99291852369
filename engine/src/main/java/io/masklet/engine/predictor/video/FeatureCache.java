package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.tracking.BackboneFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded least-recently-used cache of backbone features per frame, so interacting with a
 * frame again or re-propagating after a correction does not re-run the image encoder on
 * frames still cached. The official predictor keeps only the last frame; each entry here owns
 * its native memory and is freed when evicted. With a disk tier ({@link FeatureSpill}) evicted
 * frames are written to disk and read back on their next use, instead of being encoded again.
 */
public final class FeatureCache implements AutoCloseable {
  private final NDManager parent;
  private final int capacity;
  private final LinkedHashMap<Integer, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final FeatureSpill disk;
  private long hits;
  private long diskHits;
  private long misses;

  private record Entry(NDManager manager, BackboneFeatures features) {}

  /** In memory only. */
  public FeatureCache(NDManager parent, int capacity) {
    this(parent, capacity, null, 0);
  }

  /**
   * {@code capacity} frames in memory and, when {@code diskDir} is given and {@code diskBytes}
   * is positive, up to that many bytes of evicted frames in a file in {@code diskDir}.
   */
  public FeatureCache(NDManager parent, int capacity, Path diskDir, long diskBytes) {
    if (capacity < 1) {
      throw new IllegalArgumentException("feature cache needs room for at least one frame");
    }
    this.parent = parent;
    this.capacity = capacity;
    this.disk = diskDir != null && diskBytes > 0 ? new FeatureSpill(diskDir, diskBytes, parent) : null;
  }

  public BackboneFeatures get(int frame) {
    Entry e = entries.get(frame);
    if (e != null) {
      hits++;
      return e.features();
    }
    if (disk != null && disk.contains(frame)) {
      NDManager m = parent.newSubManager();
      BackboneFeatures read = disk.get(frame, m);
      if (read != null) {
        diskHits++;
        return insert(frame, m, read);
      }
      m.close();
    }
    misses++;
    return null;
  }

  /** Stores a copy of {@code features} (owned by the cache), evicting the oldest entries. */
  public BackboneFeatures put(int frame, BackboneFeatures features) {
    NDManager m = parent.newSubManager();
    List<NDArray> levels = new ArrayList<>();
    for (NDArray l : features.levels()) {
      levels.add(channelsLast(l, m));
    }
    return insert(frame, m, new BackboneFeatures(levels, own(features.topPos(), m)));
  }

  private BackboneFeatures insert(int frame, NDManager m, BackboneFeatures owned) {
    Entry old = entries.put(frame, new Entry(m, owned));
    if (old != null) {
      old.manager().close();
    }
    Iterator<Map.Entry<Integer, Entry>> it = entries.entrySet().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      Map.Entry<Integer, Entry> oldest = it.next();
      if (disk != null) {
        disk.put(oldest.getKey(), oldest.getValue().features());
      }
      oldest.getValue().manager().close();
      it.remove();
    }
    return owned;
  }

  /**
   * An owned copy of a (B, C, H, W) level stored channel-last, as the neck makes them, whatever
   * layout it came in: a level read back from disk ({@link FeatureSpill}) is then laid out like
   * one kept in memory, and the tracking step rounds the same on either (libtorch's kernels
   * take other paths on other strides, which moves results in the last bits).
   */
  static NDArray channelsLast(NDArray level, NDManager m) {
    long[] s = level.getShape().getShape();
    if (s.length != 4) {
      return own(level, m);
    }
    NDArray nhwc = level
        // (B, C, H, W) -> (B, H, W, C): a view, contiguous when the level is channel-last
        .transpose(0, 2, 3, 1)
        // -> (B*H*W*C), copied only when the view is not contiguous -> (B, H, W, C)
        .flatten().reshape(s[0], s[2], s[3], s[1])
        .duplicate();
    nhwc.attach(m);
    // (B, H, W, C) -> (B, C, H, W), a view
    return nhwc.transpose(0, 3, 1, 2);
  }

  private static NDArray own(NDArray a, NDManager m) {
    NDArray d = a.duplicate();
    d.attach(m);
    return d;
  }

  /**
   * Whether {@code frame}'s features are held in memory; unlike {@link #get} this counts no hit
   * and leaves the eviction order as it is.
   */
  public boolean inMemory(int frame) {
    return entries.containsKey(frame);
  }

  public int size() {
    return entries.size();
  }

  /** Lookups answered from memory. */
  public long hits() {
    return hits;
  }

  /** Lookups answered from the disk tier (no encoder run). */
  public long diskHits() {
    return diskHits;
  }

  /** Lookups neither tier could answer: the encoder ran. */
  public long misses() {
    return misses;
  }

  /** Frames whose features are on disk. */
  public int framesOnDisk() {
    return disk == null ? 0 : disk.frames();
  }

  /** Bytes of the disk tier's file. */
  public long diskBytes() {
    return disk == null ? 0 : disk.bytesOnDisk();
  }

  /** Why the disk tier stopped (or never started) caching, or empty while it works or is not set up. */
  public java.util.Optional<String> diskOff() {
    return java.util.Optional.ofNullable(disk == null ? null : disk.offReason());
  }

  /** Empties memory; frames on disk stay (a frame's features never change within a session). */
  public void clear() {
    entries.values().forEach(e -> e.manager().close());
    entries.clear();
  }

  @Override
  public void close() {
    clear();
    if (disk != null) {
      disk.close();
    }
  }
}
