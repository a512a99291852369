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

  /** Stops the workers; running tasks are cancelled. */
  void shutdown();
}
