package io.masklet.app.ui.engine;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.IntConsumer;

/**
 * How many of libtorch's intra-op threads an engine call runs with. A call the annotator waits
 * for (a click, the first frame of a video, a frame prepared while they look at it) uses every
 * core: the FX thread has nothing to draw until its result arrives, and on a 2-core machine one
 * thread made a video click 55–62 ms instead of 35 ms and a frame's encoding 2.4 s instead of
 * 1.3 s. A propagation runs for minutes while the annotator scrubs and watches masks arrive, so
 * it leaves one core to the FX thread. A count the user sets with
 * {@code -Dai.djl.pytorch.num_threads} holds for both.
 *
 * <p>libtorch keeps the count per calling thread (OpenMP's and MKL's thread-local settings), so
 * it is set on the thread that runs the call, at the start of every call.
 */
public final class EngineThreads {
  /** DJL's property for libtorch's intra-op threads. */
  public static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private final int interactive;
  private final int background;
  private final IntConsumer apply;

  EngineThreads(int interactive, int background, IntConsumer apply) {
    if (interactive < 1 || background < 1) {
      throw new IllegalArgumentException("thread counts must be positive: " + interactive
          + ", " + background);
    }
    this.interactive = interactive;
    this.background = background;
    this.apply = apply;
  }

  /**
   * The workstation's policy for {@code cores} cores: all of them for interactive calls, all but
   * one for background ones; {@code userSet} (the property's value, or null) for both when set.
   */
  static EngineThreads policy(int cores, String userSet, IntConsumer apply) {
    if (userSet != null && !userSet.isBlank()) {
      int n;
      try {
        n = Integer.parseInt(userSet.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PROPERTY + " must be a number of threads, got '"
            + userSet + "'", e);
      }
      return new EngineThreads(n, n, apply);
    }
    return new EngineThreads(Math.max(1, cores), Math.max(1, cores - 1), apply);
  }

  /** The policy of this machine, applied to libtorch; {@code userSet} as in {@link #policy}. */
  public static EngineThreads forThisMachine(String userSet) {
    return policy(Runtime.getRuntime().availableProcessors(), userSet,
        EngineThreads::applyToLibtorch);
  }

  private static void applyToLibtorch(int n) {
    if (JniUtils.getNumThreads() != n) {
      JniUtils.setNumThreads(n);
    }
  }

  public int interactiveThreads() {
    return interactive;
  }

  public int backgroundThreads() {
    return background;
  }

  /** Before a call the annotator waits for. */
  void interactive() {
    apply.accept(interactive);
  }

  /** Before a long call the annotator works beside (propagation). */
  void background() {
    apply.accept(background);
  }
}
