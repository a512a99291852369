package io.masklet.app.ui.task;

/**
 * Runs {@link BackgroundTask}s off the UI thread and delivers their callbacks on it. The
 * production implementation is {@link FxTaskExecutor}; tests use a current-thread executor so a
 * view-model's whole reaction to an action happens inside the call.
 */
public interface TaskExecutor {
  <T> TaskHandle submit(BackgroundTask<T> task);

  /** Runs {@code r} on the UI thread (later when called from a worker). */
  void runOnUiThread(Runnable r);

  /**
   * Runs {@code r} on the UI thread once {@code delay} has passed; the returned action cancels
   * it if it has not run yet. This default runs it at once (what a current-thread executor in a
   * test wants).
   */
  default Runnable runOnUiThreadAfter(java.time.Duration delay, Runnable r) {
    runOnUiThread(r);
    return () -> {};
  }

  /** Stops the workers; running tasks are cancelled. */
  void shutdown();
}
