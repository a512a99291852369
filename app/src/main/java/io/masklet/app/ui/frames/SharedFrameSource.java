package io.masklet.app.ui.frames;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The display's frame source, shared by the canvas loader and the thumbnail strip (both on
 * worker threads): serialises access, since a decoder is single-threaded, and keeps the last
 * few decoded frames so stepping back and forth does not decode again.
 *
 * <p>Work that reads many frames while the annotator may open another document (an export)
 * takes a {@link #lease()}: closing the document then only marks the source closed, and the
 * decoder is freed when the last lease ends. A frame asked for after the real close is an
 * {@link IOException}, never a call into a freed native decoder.
 */
public final class SharedFrameSource implements AutoCloseable {
  private final FrameSource source;
  private final Map<Integer, RgbFrame> recent;
  private int leases;
  private boolean closeRequested;
  private boolean closed;

  /** Keeps the source open until closed; closing it twice is harmless. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

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
    if (closed) {
      throw new IOException(source.location() + " was closed");
    }
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

  /**
   * Keeps the decoder open, even past {@link #close()}, until the lease is closed.
   *
   * @throws IOException when the source was closed already
   */
  public synchronized Lease lease() throws IOException {
    if (closeRequested) {
      throw new IOException(source.location() + " was closed");
    }
    leases++;
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        release();
      }
    };
  }

  private synchronized void release() {
    leases--;
    if (leases == 0 && closeRequested) {
      try {
        closeNow();
      } catch (IOException e) {
        System.err.println("masklet: closing " + source.location() + " failed: " + e.getMessage());
      }
    }
  }

  /** Closes the decoder now, or when the last {@link #lease()} ends. */
  @Override
  public synchronized void close() throws IOException {
    closeRequested = true;
    if (leases == 0) {
      closeNow();
    }
  }

  private void closeNow() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    recent.clear();
    source.close();
  }
}
