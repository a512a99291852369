package io.masklet.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JitWarmupTest {
  @Test
  void runsAtLeastTheMinimumNumberOfSteps() {
    AtomicInteger calls = new AtomicInteger();
    JitWarmup.Outcome o = JitWarmup.run(calls::incrementAndGet, 7, 1, 100);
    assertTrue(o.steps() >= 7, "steps " + o.steps());
    assertEquals(o.steps(), calls.get());
  }

  @Test
  void stopsAtTheCapWhenTheCompilerNeverLooksSettled() {
    AtomicInteger calls = new AtomicInteger();
    // more quiet steps asked for than the cap allows: it can only end at the cap
    JitWarmup.Outcome o = JitWarmup.run(calls::incrementAndGet, 1, 50, 20);
    assertEquals(20, o.steps());
    assertEquals(20, calls.get());
    assertFalse(o.settled());
    assertEquals("20 clicks; not settled: the JIT compiler was idle for fewer than 50 clicks in a row",
        o.describe("clicks"));
  }

  @Test
  void aStepThatCompilesNothingNewSettles() {
    JitWarmup.Outcome o = JitWarmup.run(() -> {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 1, 3, 3000);
    assertTrue(o.settled(), "still compiling after " + o.steps() + " idle steps");
    assertEquals(o.steps() + " steps, until the JIT compiler was idle for 3 steps", o.describe("steps"));
  }

  @Test
  void aPassThatFaultsInFreshPagesIsNotSteady() {
    List<ByteBuffer> held = new ArrayList<>();
    // the first three steps each zero 64 MiB of native memory never used before (all of it is
    // held, so nothing is reused): 16,384 fresh pages a step
    JitWarmup.Outcome o = JitWarmup.runUntilSteady(() -> {
      if (held.size() < 3) {
        held.add(ByteBuffer.allocateDirect(64 << 20));
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 1, 2, 200, 1000);
    assertEquals(3, held.size());
    if (PageFaults.minor() < 0) {
      return; // no /proc here: only the JIT criterion applies
    }
    assertTrue(o.settled(), o.describe("steps"));
    assertTrue(o.steps() >= 5, "settled after " + o.steps() + " steps");
  }

  @Test
  void readsMinorFaultsAfterACommandNameWithSpacesAndParentheses() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 123456 0 7 0 100 20 0 0 20 0 40 0";
    assertEquals(123456, PageFaults.parseMinor(stat));
  }
}
