package io.masklet.app.ui.engine;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How many throwaway clicks the engine rehearses (see {@link SegmentationService#rehearseClicks}):
 * at least {@link #MIN}, then on until the JVM's compilers have been (almost) idle during
 * {@link #QUIET_IN_A_ROW} rehearsals in a row, at most {@link #MAX}. A fixed count was measured
 * to stop too early: after 24 rehearsals (tiny at 1024, 2 cores) the first clicks ran at the
 * steady latency, but clicks 10–18 then ran 57–78 ms while the compilers worked through the
 * larger methods, against ~42–45 ms after 48 or 96 rehearsals. Where the JVM does not time its
 * compilations, the minimum is run.
 */
final class RehearsalPolicy {
  static final int MIN = 24;
  static final int MAX = 96;
  static final int QUIET_IN_A_ROW = 4;
  /** Compilation time (ms, summed over the compiler threads) a quiet rehearsal stays under. */
  static final long QUIET_COMPILE_MS = 2;

  private final LongSupplier compileMillis;
  private int rehearsed;
  private int quietInARow;

  /** On the JVM's own compilation-time counter. */
  RehearsalPolicy() {
    this(jitMillis());
  }

  /** On {@code compileMillis}, a running total of compilation time in ms. */
  RehearsalPolicy(LongSupplier compileMillis) {
    this.compileMillis = compileMillis;
  }

  private static LongSupplier jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit::getTotalCompilationTime : () -> 0;
  }

  /** Whether no more rehearsals are wanted. */
  boolean finished() {
    return rehearsed >= MAX || (rehearsed >= MIN && quietInARow >= QUIET_IN_A_ROW);
  }

  /** Rehearsals run so far. */
  int rehearsed() {
    return rehearsed;
  }

  /**
   * Runs one rehearsal ({@code click} returns whether it ran) and records whether the compilers
   * worked meanwhile; returns what {@code click} returned.
   */
  boolean rehearse(BooleanSupplier click) {
    long before = compileMillis.getAsLong();
    if (!click.getAsBoolean()) {
      return false;
    }
    long spent = compileMillis.getAsLong() - before;
    quietInARow = spent < QUIET_COMPILE_MS ? quietInARow + 1 : 0;
    rehearsed++;
    return true;
  }
}
