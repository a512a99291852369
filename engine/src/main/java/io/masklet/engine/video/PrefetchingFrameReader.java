package io.masklet.engine.video;

import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A producer thread decoding frames in order into a bounded queue: the consumer (the video
 * predictor) takes them without waiting whenever decoding is faster than it, and the queue bound
 * keeps memory flat when it is not. The producer owns its {@link FrameSource} and closes it.
 */
final class PrefetchingFrameReader implements FrameReader {
  /** A queue item: a frame, or the failure that ended production. */
  private record Item(RgbFrame frame, IOException error) {}

  private final FrameSource source;
  private final BlockingQueue<Item> queue;
  private final Thread producer;
  private final int count;
  private int taken;
  private volatile boolean closed;

  PrefetchingFrameReader(FrameSource source, int start, int count, int step, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("prefetch capacity must be >= 1, got " + capacity);
    }
    this.source = source;
    this.count = count;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.producer = Thread.ofPlatform().daemon().name("frames-" + source.location())
        .unstarted(() -> produce(start, step));
    producer.start();
  }

  private void produce(int start, int step) {
    try {
      for (int k = 0; k < count && !closed; k++) {
        Item item;
        try {
          item = new Item(source.frame(start + k * step), null);
        } catch (IOException e) {
          item = new Item(null, e);
        } catch (RuntimeException e) {
          item = new Item(null, new IOException("reading frame " + (start + k * step) + " of "
              + source.location() + " failed: " + e, e));
        }
        queue.put(item);
        if (item.error() != null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed by the consumer
    } finally {
      try {
        source.close();
      } catch (IOException ignored) {
        // nothing useful to do while shutting down a reader
      }
    }
  }

  @Override
  public boolean hasNext() {
    return taken < count;
  }

  @Override
  public RgbFrame next() throws IOException, InterruptedException {
    if (!hasNext()) {
      throw new NoSuchElementException("all " + count + " frames were read");
    }
    if (closed) {
      throw new IllegalStateException("reader of " + source.location() + " is closed");
    }
    Item item = queue.take();
    if (item.error() != null) {
      taken = count;
      throw item.error();
    }
    taken++;
    return item.frame();
  }

  @Override
  public void close() {
    closed = true;
    producer.interrupt();
    queue.clear();
    try {
      producer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
