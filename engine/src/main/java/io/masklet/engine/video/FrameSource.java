package io.masklet.engine.video;

import java.io.IOException;

/**
 * A video as random-access frames: a video file, an image folder or a single image. Frame N is
 * the same picture however it is reached (sequential reading or seeking). An instance is used
 * by one thread at a time; {@link #reopen()} gives another thread its own. Open one with
 * {@link FrameSources#open}; read a stretch ahead of the consumer with
 * {@link FrameSources#prefetch}.
 */
public interface FrameSource extends AutoCloseable {
  /** Number of frames; exact (counted or verified), never an estimate from the container. */
  int frameCount();

  /** Frames per second (for timestamps and export); 0 when unknown (image folders). */
  double fps();

  /** Display width after rotation metadata is applied. */
  int width();

  /** Display height after rotation metadata is applied. */
  int height();

  /** File or folder this source reads, for messages and project references. */
  String location();

  /**
   * Decodes frame {@code index} (0-based). The returned frame may be shared with a cache: do not
   * modify its bytes.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, frameCount())}
   * @throws IOException if the frame cannot be read or decoded (message names the file)
   */
  RgbFrame frame(int index) throws IOException;

  /** An independent instance on the same input (own decoder and cache), for another thread. */
  FrameSource reopen() throws IOException;

  @Override
  void close() throws IOException;
}
