package io.masklet.app.ui.task;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** What a running {@link BackgroundTask} sees of its surroundings: progress and cancellation. */
public interface TaskContext {
  /** Reports progress; the UI receives the latest value only (updates are coalesced). */
  void updateProgress(double done, double total);

  void updateMessage(String message);

  boolean isCancelled();

  /** Ends the task cooperatively when the user pressed cancel. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancellationException("cancelled");
    }
  }

  /** A context for work run outside any task (tests, synchronous helpers). */
  static TaskContext none() {
    return cancelledWhen(() -> false);
  }

  /**
   * A context outside any task that reports no progress and is cancelled whenever
   * {@code cancelled} says so (asked at each poll).
   */
  static TaskContext cancelledWhen(BooleanSupplier cancelled) {
    return new TaskContext() {
      @Override
      public void updateProgress(double done, double total) {}

      @Override
      public void updateMessage(String message) {}

      @Override
      public boolean isCancelled() {
        return cancelled.getAsBoolean();
      }
    };
  }
}
