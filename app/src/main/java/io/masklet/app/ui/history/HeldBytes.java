package io.masklet.app.ui.history;

import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Prompt;
import io.masklet.model.rle.Rle;

/**
 * Estimates of the heap an undo entry keeps alive, for the history's byte budget. Estimates,
 * not measurements: headers and references as a 64-bit JVM with compressed pointers lays them
 * out. Exact enough to tell a propagation over a whole video (hundreds of megabytes of RLE
 * runs) from a click, which is all the budget needs.
 */
final class HeldBytes {
  /** The {@link Rle} record (header, two ints, a reference) and its run array's header. */
  private static final long RLE = 24 + 16;
  /** The {@link FrameMask} record (header, a reference, an enum reference, a double). */
  private static final long FRAME_MASK = 32;
  /**
   * One entry of a command's frame maps: a hash-map node, its {@link FrameKey} and its share of
   * the table.
   */
  static final long MAP_ENTRY = 32 + 24 + 8;

  private HeldBytes() {}

  static long of(Rle rle) {
    return rle == null ? 0 : RLE + 4L * rle.counts().length;
  }

  static long of(FrameMask mask) {
    return mask == null ? 0 : FRAME_MASK + of(mask.rle());
  }

  /** A prompt's painted mask; clicks and boxes are a few dozen bytes and not counted. */
  static long of(Prompt prompt) {
    return prompt == null ? 0 : of(prompt.mask());
  }
}
