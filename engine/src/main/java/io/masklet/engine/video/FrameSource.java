package io.masklet.engine.video;

import java.io.IOException;

/**
 * A video as random-access frames: a video file, an image folder or a single image. Frame N is
 * the same picture however it is reached (sequential reading or seeking). Implementations are
 * safe to call from one thread at a time per instance; the UI and the engine each open their own
 * or share one behind a cache.
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

  /** Decodes frame {@code index} (0-based). */
  RgbFrame frame(int index) throws IOException;

  @Override
  void close() throws IOException;
}
