package io.masklet.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class NativeRuntimeTest {
  @Test
  void userOpenMpSettingsWinAndAllocatorIsTunedOnLinux() {
    NativeRuntime.Settings s = NativeRuntime.configure();
    assertSame(s, NativeRuntime.configure(), "applied once per process");
    if (!Platform.isLinux()) {
      return;
    }
    String userPolicy = System.getenv(NativeRuntime.WAIT_POLICY);
    String userSpin = System.getenv(NativeRuntime.SPIN_COUNT);
    if (userPolicy != null || userSpin != null) {
      // surefire sets OMP_WAIT_POLICY=PASSIVE: nothing may be added on top of it
      assertEquals(userPolicy, s.waitPolicy());
      assertEquals(userSpin, s.spinCount());
    } else {
      assertEquals(NativeRuntime.DEFAULT_SPIN_COUNT, s.spinCount());
    }
    boolean userMalloc = System.getenv("MALLOC_MMAP_THRESHOLD_") != null
        || System.getenv("MALLOC_TRIM_THRESHOLD_") != null
        || System.getenv("MALLOC_TOP_PAD_") != null || System.getenv("MALLOC_ARENA_MAX") != null;
    assertEquals(!userMalloc, s.allocatorTuned(), "glibc accepts the three mallopt values");
  }

  @Test
  void settingsAreReportedEvenWhenNothingIsChanged() {
    assertNotNull(NativeRuntime.configure());
    assertTrue(NativeRuntime.MMAP_THRESHOLD_BYTES <= 32 << 20, "glibc rejects larger thresholds");
  }
}
