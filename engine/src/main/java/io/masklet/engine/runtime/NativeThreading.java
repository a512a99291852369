package io.masklet.engine.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Threading settings of libtorch's OpenMP runtime that must be in place before the PyTorch
 * engine loads.
 *
 * <p>By default GNU OpenMP (the runtime of DJL's CPU libtorch on Linux) lets idle intra-op
 * threads busy-wait at every barrier. SAM 2 runs hundreds of small ops per frame, and when the
 * machine has other work than ours (or the UI thread), a spinning worker eats the time slice
 * the thread it waits for needs: measured on a loaded 2-core machine, the micro model's
 * set_image went from ~1.2 s to ~0.06 s with passive waiting. The OpenMP runtime reads
 * {@code OMP_WAIT_POLICY} once, when it is loaded, so it is set in the process environment
 * (libc {@code setenv}; Java cannot change its own environment otherwise) before DJL loads
 * libtorch. A value the user already set wins.
 */
public final class NativeThreading {
  /** The OpenMP variable and the value used unless the user set one. */
  public static final String WAIT_POLICY = "OMP_WAIT_POLICY";
  public static final String PASSIVE = "PASSIVE";

  private static boolean configured;

  private NativeThreading() {}

  /** The C library's environment functions. */
  interface LibC extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }

  /**
   * Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment unless already set. Call
   * before anything creates an NDManager or touches DJL's Engine (later calls have no effect on
   * an already-loaded OpenMP runtime). Returns the policy now in the environment, or null where
   * it cannot be set (Windows, or no C library reachable through JNA).
   */
  public static synchronized String configure() {
    if (Platform.isWindows()) {
      // the process environment block and each C runtime's copy differ there; not handled
      return System.getenv(WAIT_POLICY);
    }
    try {
      LibC c = Native.load("c", LibC.class);
      if (!configured && c.getenv(WAIT_POLICY) == null) {
        c.setenv(WAIT_POLICY, PASSIVE, 0);
      }
      configured = true;
      return c.getenv(WAIT_POLICY);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // without JNA's native part the engine still works, only slower on a busy machine
      return null;
    }
  }
}
