package io.masklet.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals("20 clicks; the JIT compiler had not settled", o.describe("clicks"));
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
}
