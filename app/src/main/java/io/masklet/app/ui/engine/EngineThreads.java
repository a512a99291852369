package io.masklet.app.ui.engine;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * How many of libtorch's intra-op threads an engine call runs with. Every call uses all of
 * libtorch's default threads (one per physical core, or {@code OMP_NUM_THREADS}), except a
 * propagation frame while the annotator moves through the video ({@link AnnotatorActivity}):
 * then decoding and drawing frames need a core, and the frame runs with one thread fewer.
 *
 * <p>Measured through this service on 2 cores (tiny model at 1024, random weights; the
 * propagations with the engine thread at nice 10 as in the workstation), against one thread for
 * everything (the former policy of leaving a core to the UI): a video click 35–36 ms instead of 55–58 ms, a frame encoded ahead
 * 1.43–1.49 s instead of 2.74 s, propagation 3.11–3.18 s per frame instead of 6.03–6.05 s. With a
 * simulated UI thread busy 4 ms of every 16.7 ms beside a propagation on both cores, that thread's
 * ticks started up to 4 ms late (95th percentile; 0.2 ms with a core of its own) and 3–6 of
 * ~3,200 missed their 60 Hz deadline (1–4 of ~4,700): little, but frame decoding for playback
 * also competes then, hence a core for the UI while the annotator moves.
 *
 * <p>libtorch keeps the count per calling thread (OpenMP's and MKL's thread-local settings), so
 * it is set on the engine's thread at the start of every call and every propagation frame. A
 * count the user sets with {@code -Dai.djl.pytorch.num_threads} is left alone.
 */
public final class EngineThreads {
  /** DJL's property for libtorch's intra-op threads. */
  public static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private final IntSupplier defaultThreads;
  private final BooleanSupplier annotatorMoving;
  private final IntConsumer apply;
  private int all;

  /**
   * @param defaultThreads libtorch's count before anything changed it, read once on first use
   * @param annotatorMoving whether the annotator is moving through the video now
   * @param apply sets the count for the calling thread
   */
  EngineThreads(IntSupplier defaultThreads, BooleanSupplier annotatorMoving, IntConsumer apply) {
    this.defaultThreads = defaultThreads;
    this.annotatorMoving = annotatorMoving;
    this.apply = apply;
  }

  /** The policy for this JVM: none when the user set {@link #PROPERTY}. */
  public static EngineThreads forThisJvm(AnnotatorActivity activity) {
    if (System.getProperty(PROPERTY) != null) {
      return none();
    }
    return new EngineThreads(JniUtils::getNumThreads, activity::isMoving,
        EngineThreads::applyToLibtorch);
  }

  /** Leaves libtorch's count as it is. */
  public static EngineThreads none() {
    return new EngineThreads(() -> 0, () -> false, n -> {});
  }

  private static void applyToLibtorch(int n) {
    if (JniUtils.getNumThreads() != n) {
      JniUtils.setNumThreads(n);
    }
  }

  private synchronized int all() {
    if (all == 0) {
      all = defaultThreads.getAsInt();
    }
    return all;
  }

  /** Before a call the annotator waits for: every thread. */
  void interactive() {
    int n = all();
    if (n > 0) {
      apply.accept(n);
    }
  }

  /** Before each propagation frame: one thread fewer while the annotator moves through frames. */
  void propagationFrame() {
    int n = all();
    if (n > 0) {
      apply.accept(annotatorMoving.getAsBoolean() ? Math.max(1, n - 1) : n);
    }
  }
}
