package io.masklet.engine.video;

import java.io.IOException;

/** Frames delivered in a fixed order (see {@link FrameSources#prefetch}). */
public interface FrameReader extends AutoCloseable {
  /** Whether another frame follows. */
  boolean hasNext();

  /**
   * The next frame, waiting for it if the producer is behind.
   *
   * @throws IOException if the producer failed to decode it (message names file and frame)
   * @throws java.util.NoSuchElementException past the last frame
   */
  RgbFrame next() throws IOException, InterruptedException;

  /** Stops the producer and releases its decoder; frames not taken are dropped. */
  @Override
  void close();
}
