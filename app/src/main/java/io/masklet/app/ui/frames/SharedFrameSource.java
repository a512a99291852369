package io.masklet.app.ui.frames;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The display's frame source, shared by the canvas loader and the thumbnail strip (both on
 * worker threads): serialises access, since a decoder is single-threaded, and keeps the last
 * few decoded frames so stepping back and forth does not decode again.
 */
public final class SharedFrameSource implements AutoCloseable {
  private final FrameSource source;
  private final Map<Integer, RgbFrame> recent;

  public SharedFrameSource(FrameSource source, int cachedFrames) {
    this.source = source;
    this.recent = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, RgbFrame> e) {
        return size() > cachedFrames;
      }
    };
  }

  public synchronized RgbFrame frame(int index) throws IOException {
    RgbFrame f = recent.get(index);
    if (f == null) {
      f = source.frame(index);
      recent.put(index, f);
    }
    return f;
  }

  public int frameCount() {
    return source.frameCount();
  }

  public int width() {
    return source.width();
  }

  public int height() {
    return source.height();
  }

  public double fps() {
    return source.fps();
  }

  public String location() {
    return source.location();
  }

  @Override
  public synchronized void close() throws IOException {
    recent.clear();
    source.close();
  }
}
