package io.masklet.engine.video;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded frames kept for scrubbing, least recently used first out, bounded by the bytes of
 * pixel data held (not by a frame count, so a 4K video cannot blow the heap). Thread safe.
 */
final class FrameCache {
  private final long maxBytes;
  private final LinkedHashMap<Integer, RgbFrame> frames = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  FrameCache(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("cache size must be >= 0, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  synchronized RgbFrame get(int index) {
    return frames.get(index);
  }

  synchronized void put(RgbFrame frame) {
    long size = frame.rgb().length;
    if (size > maxBytes) {
      return;
    }
    RgbFrame old = frames.put(frame.index(), frame);
    if (old != null) {
      bytes -= old.rgb().length;
    }
    bytes += size;
    Iterator<Map.Entry<Integer, RgbFrame>> eldest = frames.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().rgb().length;
      eldest.remove();
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return frames.size();
  }

  synchronized void clear() {
    frames.clear();
    bytes = 0;
  }
}
