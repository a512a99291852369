package io.masklet.app.ui.task;

/** A submitted task, for cancelling it. */
public interface TaskHandle {
  /** Asks the task to stop; it ends at its next cancellation check. */
  void cancel();

  boolean isCancelled();

  boolean isDone();

  /** A handle for a task that already finished (synchronous executors). */
  static TaskHandle finished() {
    return new TaskHandle() {
      @Override
      public void cancel() {}

      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public boolean isDone() {
        return true;
      }
    };
  }
}
