package io.masklet.app.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {
  @Test
  void interactiveCallsUseEveryCoreAndBackgroundOnesLeaveOne() {
    List<Integer> applied = new ArrayList<>();
    EngineThreads t = EngineThreads.policy(2, null, applied::add);
    t.interactive();
    t.background();
    t.interactive();
    assertEquals(List.of(2, 1, 2), applied);
    assertEquals(8, EngineThreads.policy(8, null, n -> {}).interactiveThreads());
    assertEquals(7, EngineThreads.policy(8, null, n -> {}).backgroundThreads());
  }

  @Test
  void aSingleCoreMachineRunsEverythingOnItsCore() {
    EngineThreads t = EngineThreads.policy(1, null, n -> {});
    assertEquals(1, t.interactiveThreads());
    assertEquals(1, t.backgroundThreads());
  }

  @Test
  void theUsersOwnCountHoldsForEveryCall() {
    EngineThreads t = EngineThreads.policy(8, " 3 ", n -> {});
    assertEquals(3, t.interactiveThreads());
    assertEquals(3, t.backgroundThreads());
  }

  @Test
  void aCountThatIsNotANumberIsRejectedNamingTheProperty() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EngineThreads.policy(4, "all", n -> {}));
    assertTrue(e.getMessage().contains("ai.djl.pytorch.num_threads"), e.getMessage());
    assertTrue(e.getMessage().contains("'all'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EngineThreads.policy(4, "0", n -> {}));
  }
}
