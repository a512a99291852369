package io.masklet.app.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {
  @Test
  void everyCallUsesAllThreadsExceptPropagationFramesWhileTheAnnotatorMoves() {
    List<Integer> applied = new ArrayList<>();
    AtomicBoolean moving = new AtomicBoolean();
    EngineThreads t = new EngineThreads(() -> 4, moving::get, applied::add);
    t.interactive();
    t.propagationFrame();
    moving.set(true);
    t.propagationFrame();
    t.interactive();
    moving.set(false);
    t.propagationFrame();
    assertEquals(List.of(4, 4, 3, 4, 4), applied);
  }

  @Test
  void theDefaultCountIsReadOnceBeforeAnyChange() {
    AtomicInteger reads = new AtomicInteger();
    List<Integer> applied = new ArrayList<>();
    EngineThreads t = new EngineThreads(() -> 2 + reads.getAndIncrement(), () -> true, applied::add);
    t.interactive();
    t.propagationFrame();
    t.interactive();
    assertEquals(1, reads.get());
    assertEquals(List.of(2, 1, 2), applied);
  }

  @Test
  void aSingleThreadStaysOneWhileTheAnnotatorMoves() {
    List<Integer> applied = new ArrayList<>();
    new EngineThreads(() -> 1, () -> true, applied::add).propagationFrame();
    assertEquals(List.of(1), applied);
  }

  @Test
  void noneLeavesLibtorchAlone() {
    EngineThreads t = EngineThreads.none();
    t.interactive();
    t.propagationFrame(); // nothing to observe but that it neither fails nor touches libtorch
  }
}
