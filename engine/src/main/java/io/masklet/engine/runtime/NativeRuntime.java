package io.masklet.engine.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Process-wide settings of the native runtime libtorch runs on (GNU OpenMP and glibc's malloc
 * on Linux), applied before the PyTorch engine loads. Values the user put in the environment
 * always win.
 *
 * <p><b>OpenMP waiting.</b> Between two parallel ops libtorch's idle intra-op thread either
 * spins or sleeps on a futex. A click runs a few hundred mostly small ops; with pure sleeping
 * ({@code OMP_WAIT_POLICY=PASSIVE}) every op pays a thread wake-up and a 2-core click took
 * 40–44 ms, with GNU OpenMP's default spinning (about 3 ms per wait, what PyTorch users get)
 * 30–32 ms, with {@code GOMP_SPINCOUNT=100000} 31–33 ms (ClickBench, tiny heads, quiet 2-core
 * machine, three runs each). Unbounded spinning is what hurts a busy machine (a loaded 2-core
 * box once took 1.2 s instead of 0.06 s for a micro-model set_image), so the spin is bounded to
 * {@value #DEFAULT_SPIN_COUNT} iterations (well under a millisecond) before the thread sleeps.
 * Tests and CI set {@code OMP_WAIT_POLICY=PASSIVE} explicitly.
 *
 * <p><b>Allocator.</b> glibc serves large blocks with fresh mmaps and gives freed heap memory
 * back to the kernel, so every per-op temporary of a few MiB came back as new pages the kernel
 * had to fault in and zero: about 9,000 page faults per click (36 MiB) and 13 % of an encoder
 * pass in {@code clear_page}. Serving blocks up to 32 MiB from the heap and keeping freed memory
 * ({@code M_MMAP_THRESHOLD}, {@code M_TRIM_THRESHOLD}, and a top pad of a whole 64 MiB arena
 * heap so empty thread heaps are not unmapped) cut the faults per click 15-fold. The memory
 * stays with the process for reuse, bounded by the peak working set.
 */
public final class NativeRuntime {
  public static final String WAIT_POLICY = "OMP_WAIT_POLICY";
  public static final String SPIN_COUNT = "GOMP_SPINCOUNT";
  /** Spin iterations of an idle OpenMP thread before it sleeps (GNU OpenMP: ~100k per ms). */
  public static final String DEFAULT_SPIN_COUNT = "100000";
  /** Largest block served from the heap (glibc's maximum for this setting). */
  public static final int MMAP_THRESHOLD_BYTES = 32 << 20;
  /** Free memory at the top of the main heap kept before glibc trims it. */
  public static final int TRIM_THRESHOLD_BYTES = 512 << 20;
  /** Extra heap requested on growth; a whole secondary heap, so an empty one is not unmapped. */
  public static final int TOP_PAD_BYTES = 64 << 20;

  // glibc's mallopt parameter numbers (malloc.h)
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_TOP_PAD = -2;
  private static final int M_MMAP_THRESHOLD = -3;
  private static final String[] MALLOC_ENV = {
      "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_ARENA_MAX"};

  /** What {@link #configure} found or set: the OpenMP variables and whether malloc was tuned. */
  public record Settings(String waitPolicy, String spinCount, boolean allocatorTuned) {}

  private static Settings settings;

  private NativeRuntime() {}

  /** The C library's environment and allocator functions. */
  interface LibC extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);

    int mallopt(int param, int value);
  }

  /**
   * Applies the settings once per process and returns them. Call before anything creates an
   * NDManager or touches DJL's Engine (the OpenMP runtime reads its variables when it loads).
   * Off Linux, or without JNA's native part, nothing is changed and the current environment
   * is reported.
   */
  public static synchronized Settings configure() {
    if (settings != null) {
      return settings;
    }
    if (!Platform.isLinux()) {
      settings = new Settings(System.getenv(WAIT_POLICY), System.getenv(SPIN_COUNT), false);
      return settings;
    }
    try {
      LibC c = Native.load("c", LibC.class);
      if (c.getenv(WAIT_POLICY) == null && c.getenv(SPIN_COUNT) == null) {
        c.setenv(SPIN_COUNT, DEFAULT_SPIN_COUNT, 0);
      }
      boolean userMalloc = false;
      for (String name : MALLOC_ENV) {
        userMalloc |= c.getenv(name) != null;
      }
      boolean tuned = false;
      if (!userMalloc) {
        int ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
        ok &= c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES);
        ok &= c.mallopt(M_TOP_PAD, TOP_PAD_BYTES);
        tuned = ok == 1; // mallopt returns 1 on success
      }
      settings = new Settings(c.getenv(WAIT_POLICY), c.getenv(SPIN_COUNT), tuned);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // without JNA's native part the engine still works, only slower
      settings = new Settings(System.getenv(WAIT_POLICY), System.getenv(SPIN_COUNT), false);
    }
    return settings;
  }
}
