package io.masklet.app.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The click rehearsal runs its minimum, then goes on while the compilers work, and stops after
 * enough quiet rehearsals in a row or at the cap; a click that did not run counts for nothing.
 */
class RehearsalPolicyTest {
  /** A compilation-time counter the test advances from inside the rehearsed click. */
  private long compileMs;

  private boolean click(long compiles) {
    compileMs += compiles;
    return true;
  }

  @Test
  void aQuietJitEndsTheRehearsalAtTheMinimum() {
    RehearsalPolicy p = new RehearsalPolicy(() -> compileMs);
    while (!p.finished()) {
      assertTrue(p.rehearse(() -> click(0)));
    }
    assertEquals(RehearsalPolicy.MIN, p.rehearsed());
  }

  @Test
  void compilationKeepsItGoingUntilEnoughQuietRehearsalsInARow() {
    RehearsalPolicy p = new RehearsalPolicy(() -> compileMs);
    for (int i = 0; i < 30; i++) {
      long spent = i % 2 == 0 ? 40 : 0; // compiling every other rehearsal
      p.rehearse(() -> click(spent));
    }
    p.rehearse(() -> click(40));
    assertFalse(p.finished(), "past the minimum, but never 4 quiet rehearsals in a row");
    for (int i = 0; i < RehearsalPolicy.QUIET_IN_A_ROW - 1; i++) {
      p.rehearse(() -> click(1));
    }
    assertFalse(p.finished());
    p.rehearse(() -> click(30));
    assertFalse(p.finished(), "a compiling rehearsal restarts the count");
    for (int i = 0; i < RehearsalPolicy.QUIET_IN_A_ROW; i++) {
      p.rehearse(() -> click(0));
    }
    assertTrue(p.finished());
    assertEquals(30 + 1 + (RehearsalPolicy.QUIET_IN_A_ROW - 1) + 1 + RehearsalPolicy.QUIET_IN_A_ROW,
        p.rehearsed());
  }

  @Test
  void aJitThatNeverSettlesStopsAtTheCap() {
    RehearsalPolicy p = new RehearsalPolicy(() -> compileMs);
    while (!p.finished()) {
      p.rehearse(() -> click(5));
    }
    assertEquals(RehearsalPolicy.MAX, p.rehearsed());
  }

  @Test
  void aClickThatDidNotRunCountsForNothing() {
    RehearsalPolicy p = new RehearsalPolicy(() -> compileMs);
    assertFalse(p.rehearse(() -> false));
    assertEquals(0, p.rehearsed());
  }
}
