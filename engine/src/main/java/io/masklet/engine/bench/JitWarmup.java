package io.masklet.engine.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up of a benchmark until the process has settled. On a 2-core machine the JVM's compiler
 * threads take a core away from libtorch's two OpenMP threads while they work, and a parallel op
 * then waits for its slowest thread: the first few dozen clicks of a fresh process run up to
 * twice as long as later ones, although nothing in them changes. Likewise the first encoder
 * passes of a process grow the C heap and fault in 70–500 MiB of fresh pages, which the kernel
 * zeroes (+0.2–1.2 s per pass) until the allocator's free lists hold every block a pass needs.
 * Steady state is what the interactive loop of a working session sees, so benchmarks measure
 * after this warm-up and report the cold steps separately.
 */
public final class JitWarmup {
  /** Compilation time (ms) per step below which a click counts as quiet. */
  private static final long QUIET_MS = 1;
  /** Quiet steps in a row that end the warm-up, and the cap on its length, of {@link #run(Runnable, int)}. */
  public static final int QUIET_STEPS = 5;
  public static final int MAX_STEPS = 300;
  /**
   * Share of a long step's time the JIT may spend compiling in a quiet step. Encoder passes go on
   * triggering 10–40 ms of compilation per 1.3 s pass for many passes (seen over 14 passes):
   * at most ~3 % of one core, which barely moves a pass, while its page faults do.
   */
  private static final double QUIET_COMPILE_SHARE = 0.05;

  private JitWarmup() {}

  /**
   * How a warm-up ended: the steps it ran, whether the process settled before the cap, the quiet
   * steps that counted as settled, and what made a step quiet.
   */
  public record Outcome(int steps, boolean settled, int quietSteps, String quietWhen) {
    /** {@link #quietWhen} of {@link #run(Runnable, int, int, int)}. */
    static final String JIT_IDLE = "the JIT compiler was idle";

    /** For a report, e.g. "93 clicks, until the JIT compiler was idle for 5 clicks". */
    public String describe(String stepName) {
      return steps + " " + stepName + (settled
          ? ", until " + quietWhen + " for " + quietSteps + " " + stepName
          : "; not settled: " + quietWhen + " for fewer than " + quietSteps + " " + stepName
              + " in a row");
    }
  }

  /** {@link #run(Runnable, int, int, int)} with {@link #QUIET_STEPS} and {@link #MAX_STEPS}. */
  public static Outcome run(Runnable step, int minSteps) {
    return run(step, minSteps, QUIET_STEPS, MAX_STEPS);
  }

  /**
   * Runs {@code step} at least {@code minSteps} times and until {@code quietSteps} steps in a row
   * triggered (almost) no JIT compilation, at most {@code maxSteps} times. A JIT that reports no
   * compilation time never holds the warm-up back.
   */
  public static Outcome run(Runnable step, int minSteps, int quietSteps, int maxSteps) {
    return run(step, minSteps, quietSteps, maxSteps, Outcome.JIT_IDLE,
        (compileMs, faults, nanos) -> compileMs < QUIET_MS);
  }

  /**
   * For long steps (an encoder pass): runs {@code step} at least {@code minSteps} times and until
   * {@code quietSteps} steps in a row each faulted in at most {@code maxFaults} fresh pages and
   * spent under 5 % of their time in JIT compilation, at most {@code maxSteps} times. What cannot
   * be measured here (no JIT timing, no {@code /proc}) does not hold the warm-up back.
   */
  public static Outcome runUntilSteady(Runnable step, int minSteps, int quietSteps, int maxSteps,
      long maxFaults) {
    String when = String.format(java.util.Locale.ROOT,
        "each pass faulted in at most %,d fresh pages and the JIT compiler was (almost) idle",
        maxFaults);
    return run(step, minSteps, quietSteps, maxSteps, when, (compileMs, faults, nanos) ->
        faults <= maxFaults && compileMs < QUIET_COMPILE_SHARE * nanos / 1e6);
  }

  /** Whether one step left the process quiet, from what it cost. */
  private interface Quiet {
    /** {@code compileMs} and {@code faults} are 0 where the JVM or OS does not report them. */
    boolean test(long compileMs, long faults, long nanos);
  }

  private static Outcome run(Runnable step, int minSteps, int quietSteps, int maxSteps,
      String quietWhen, Quiet isQuiet) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean timedJit = jit != null && jit.isCompilationTimeMonitoringSupported();
    boolean countedFaults = PageFaults.minor() >= 0;
    int quiet = 0;
    for (int i = 1; i <= maxSteps; i++) {
      long compileBefore = timedJit ? jit.getTotalCompilationTime() : 0;
      long faultsBefore = countedFaults ? PageFaults.minor() : 0;
      long t0 = System.nanoTime();
      step.run();
      long nanos = System.nanoTime() - t0;
      long compileMs = timedJit ? jit.getTotalCompilationTime() - compileBefore : 0;
      long faults = countedFaults ? PageFaults.minor() - faultsBefore : 0;
      quiet = isQuiet.test(compileMs, faults, nanos) ? quiet + 1 : 0;
      if (i >= minSteps && ((!timedJit && !countedFaults) || quiet >= quietSteps)) {
        return new Outcome(i, timedJit || countedFaults, quietSteps, quietWhen);
      }
    }
    return new Outcome(maxSteps, false, quietSteps, quietWhen);
  }
}
