package io.masklet.app.ui.task;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Yielding tasks (the engine's click rehearsal) give way to any other task submitted to the
 * production executor: a running one sees the cancellation at its next poll, a queued one starts
 * cancelled, and yielding tasks do not cancel each other. Ten-second loops stand for the work a
 * missing cancellation would let run on, so the waits below fail instead of passing slowly.
 */
class FxTaskExecutorYieldingTest {
  private final FxTaskExecutor executor = new FxTaskExecutor(1);

  @BeforeAll
  static void startFx() {
    try {
      Platform.startup(() -> {});
    } catch (IllegalStateException alreadyRunning) {
      // another test of this JVM started the toolkit
    }
  }

  @AfterEach
  void stop() {
    executor.shutdown();
  }

  /** A task body that polls for cancellation every 5 ms for up to 10 s. */
  private static BackgroundTask.Body<Boolean> loopUntilCancelled(CountDownLatch started,
      AtomicBoolean sawCancel) {
    return ctx -> {
      started.countDown();
      long end = System.nanoTime() + 10_000_000_000L;
      while (!ctx.isCancelled() && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      sawCancel.set(ctx.isCancelled());
      return true;
    };
  }

  @Test
  void anotherTaskCancelsTheRunningYieldingTaskAndRunsRightAfterIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean sawCancel = new AtomicBoolean();
    CountDownLatch cancelledCallback = new CountDownLatch(1);
    AtomicBoolean succeeded = new AtomicBoolean();
    executor.submit(BackgroundTask.of("warm-up", loopUntilCancelled(started, sawCancel))
        .yielding()
        .onSuccess(v -> succeeded.set(true))
        .onCancelled(cancelledCallback::countDown));
    assertTrue(started.await(5, SECONDS));
    CountDownLatch clicked = new CountDownLatch(1);
    executor.submit(BackgroundTask.of("click", ctx -> 1).onSuccess(v -> clicked.countDown()));
    assertTrue(clicked.await(5, SECONDS), "the click waited for the whole warm-up");
    assertTrue(sawCancel.get());
    assertTrue(cancelledCallback.await(5, SECONDS), "a yielded task reports cancellation");
    assertFalse(succeeded.get());
  }

  @Test
  void aQueuedYieldingTaskStartsCancelled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    executor.submit(BackgroundTask.of("busy", ctx -> {
      blocking.countDown();
      return release.await(10, SECONDS);
    }));
    assertTrue(blocking.await(5, SECONDS));
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean sawCancel = new AtomicBoolean();
    executor.submit(BackgroundTask.of("warm-up", loopUntilCancelled(started, sawCancel)).yielding());
    CountDownLatch clicked = new CountDownLatch(1);
    executor.submit(BackgroundTask.of("click", ctx -> 1).onSuccess(v -> clicked.countDown()));
    release.countDown();
    assertTrue(clicked.await(5, SECONDS));
    assertTrue(started.await(5, SECONDS));
    assertTrue(sawCancel.get());
  }

  @Test
  void yieldingTasksDoNotCancelEachOther() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean firstCancelled = new AtomicBoolean(true);
    executor.submit(BackgroundTask.of("first warm-up", ctx -> {
      running.countDown();
      release.await(10, SECONDS);
      firstCancelled.set(ctx.isCancelled());
      return true;
    }).yielding());
    assertTrue(running.await(5, SECONDS));
    CountDownLatch secondDone = new CountDownLatch(1);
    AtomicBoolean secondCancelled = new AtomicBoolean(true);
    executor.submit(BackgroundTask.of("second warm-up", ctx -> {
      secondCancelled.set(ctx.isCancelled());
      return true;
    }).yielding().onSuccess(v -> secondDone.countDown()));
    release.countDown();
    assertTrue(secondDone.await(5, SECONDS));
    assertEquals(false, firstCancelled.get());
    assertEquals(false, secondCancelled.get());
  }
}
