package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The memory-conditioned features (1, C, H, W) of the frame an object was last corrected on,
 * with what they were computed from. A correction click on a tracked frame runs memory
 * attention over the object's whole bank (~1.6 s of a 1.7 s click with the tiny model on 2
 * cores), yet its result depends only on the frame, the direction the frame was tracked in and
 * the bank, none of which a click changes (its output goes to the temporary outputs, which
 * memory attention does not read). So the clicks after the first on the same frame reuse the
 * features for as long as the bank's {@link io.masklet.engine.tracking.ObjectMemory#version()}
 * is unchanged; the results are the same to the bit.
 */
final class ConditionedFeatures implements AutoCloseable {
  private final int frame;
  private final boolean reverse;
  private final long memoryVersion;
  private final NDManager manager;
  private final NDArray features;

  /** Keeps a copy of {@code features} in a new sub-manager of {@code parent}. */
  ConditionedFeatures(NDManager parent, int frame, boolean reverse, long memoryVersion,
      NDArray features) {
    this.frame = frame;
    this.reverse = reverse;
    this.memoryVersion = memoryVersion;
    this.manager = parent.newSubManager();
    this.features = features.duplicate();
    this.features.attach(manager);
  }

  /** Whether these are the features of {@code frame} tracked this way with this bank. */
  boolean matches(int frame, boolean reverse, long memoryVersion) {
    return this.frame == frame && this.reverse == reverse && this.memoryVersion == memoryVersion;
  }

  /** A copy in {@code scope}: the decoder's work must never touch the kept array. */
  NDArray copyInto(NDManager scope) {
    NDArray d = features.duplicate();
    d.attach(scope);
    return d;
  }

  @Override
  public void close() {
    manager.close();
  }
}
