package io.masklet.engine.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up of a latency benchmark until the JVM's JIT compiler has settled. On a 2-core machine
 * the compiler threads take a core away from libtorch's two OpenMP threads while they work, and
 * a parallel op then waits for its slowest thread: the first few dozen clicks of a fresh process
 * run up to twice as long as later ones, although nothing in them changes. Steady-state latency
 * is what the interactive loop of a working session sees, so benchmarks measure after this
 * warm-up and report the cold clicks separately.
 */
public final class JitWarmup {
  /** Compilation time (ms) per step below which a step counts as quiet. */
  private static final long QUIET_MS = 1;
  /** Quiet steps in a row that end the warm-up, and the cap on its length, of {@link #run(Runnable, int)}. */
  public static final int QUIET_STEPS = 5;
  public static final int MAX_STEPS = 300;

  private JitWarmup() {}

  /**
   * How a warm-up ended: the steps it ran, whether the compiler settled before the cap, and the
   * quiet steps that counted as settled.
   */
  public record Outcome(int steps, boolean settled, int quietSteps) {
    /** For a report, e.g. "93 clicks, until the JIT compiler was idle for 5 clicks". */
    public String describe(String stepName) {
      return steps + " " + stepName + (settled
          ? ", until the JIT compiler was idle for " + quietSteps + " " + stepName
          : "; the JIT compiler had not settled");
    }
  }

  /** {@link #run(Runnable, int, int, int)} with {@link #QUIET_STEPS} and {@link #MAX_STEPS}. */
  public static Outcome run(Runnable step, int minSteps) {
    return run(step, minSteps, QUIET_STEPS, MAX_STEPS);
  }

  /**
   * Runs {@code step} at least {@code minSteps} times and until {@code quietSteps} steps in a row
   * triggered (almost) no JIT compilation, at most {@code maxSteps} times. Without a JIT that
   * reports its compilation time, only {@code minSteps} are run.
   */
  public static Outcome run(Runnable step, int minSteps, int quietSteps, int maxSteps) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
    int quiet = 0;
    for (int i = 1; i <= maxSteps; i++) {
      long before = measurable ? jit.getTotalCompilationTime() : 0;
      step.run();
      long spent = measurable ? jit.getTotalCompilationTime() - before : 0;
      quiet = spent < QUIET_MS ? quiet + 1 : 0;
      if (i >= minSteps && (!measurable || quiet >= quietSteps)) {
        return new Outcome(i, measurable, quietSteps);
      }
    }
    return new Outcome(maxSteps, false, quietSteps);
  }
}
