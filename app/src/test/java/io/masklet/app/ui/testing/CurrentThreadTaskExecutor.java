package io.masklet.app.ui.testing;

import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.app.ui.task.TaskExecutor;
import io.masklet.app.ui.task.TaskHandle;
import io.masklet.app.ui.task.TaskTestAccess;
import java.util.concurrent.CancellationException;

/**
 * Runs every task synchronously inside {@code submit}, callbacks included, so a view-model's
 * whole reaction to an action has happened when the action returns. A test may cancel the
 * running task from inside it (a sink or progress callback) with {@link #cancelCurrent()}.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
  private boolean cancel;
  private int submitted;
  /** Delayed actions held until {@link #runDelayed()}, when {@link #holdDelayed} is set. */
  private final java.util.List<Runnable> delayed = new java.util.ArrayList<>();
  private boolean holdDelayed;

  /**
   * Holds actions scheduled with a delay until {@link #runDelayed()} instead of running them at
   * once, so a test can act while the delay would still be running.
   */
  public void holdDelayed() {
    holdDelayed = true;
  }

  /** Runs the held delayed actions that were not cancelled (as if their delays had passed). */
  public void runDelayed() {
    java.util.List<Runnable> due = new java.util.ArrayList<>(delayed);
    delayed.clear();
    due.forEach(Runnable::run);
  }

  /** Tasks submitted while {@link #holdTasks()} is on, run by {@link #runHeldTasks()}. */
  private final java.util.List<BackgroundTask<?>> held = new java.util.ArrayList<>();
  private boolean holdTasks;

  /** Queues submitted tasks instead of running them, as a busy engine thread would. */
  public void holdTasks() {
    holdTasks = true;
  }

  /** Runs the queued tasks in submission order and goes back to running tasks at once. */
  public void runHeldTasks() {
    holdTasks = false;
    java.util.List<BackgroundTask<?>> due = new java.util.ArrayList<>(held);
    held.clear();
    due.forEach(this::submit);
    submitted -= due.size();
  }

  public int submittedCount() {
    return submitted;
  }

  /** Cancels the task that is running now. */
  public void cancelCurrent() {
    cancel = true;
  }

  @Override
  public <T> TaskHandle submit(BackgroundTask<T> task) {
    submitted++;
    if (holdTasks) {
      held.add(task);
      return TaskHandle.finished();
    }
    TaskContext ctx = new TaskContext() {
      @Override
      public void updateProgress(double done, double total) {
        TaskTestAccess.progressed(task,
            new BackgroundTask.Progress(total <= 0 ? -1 : done / total, ""));
      }

      @Override
      public void updateMessage(String message) {}

      @Override
      public boolean isCancelled() {
        return cancel;
      }
    };
    T value;
    try {
      value = TaskTestAccess.call(task, ctx);
    } catch (CancellationException e) {
      cancel = false;
      TaskTestAccess.cancelled(task);
      return TaskHandle.finished();
    } catch (Exception e) {
      cancel = false;
      TaskTestAccess.failed(task, e);
      return TaskHandle.finished();
    }
    boolean wasCancelled = cancel;
    cancel = false;
    if (wasCancelled) {
      TaskTestAccess.cancelled(task);
    } else {
      TaskTestAccess.succeeded(task, value);
    }
    return TaskHandle.finished();
  }

  @Override
  public void runOnUiThread(Runnable r) {
    r.run();
  }

  @Override
  public Runnable runOnUiThreadAfter(java.time.Duration delay, Runnable r) {
    if (!holdDelayed) {
      r.run();
      return () -> {};
    }
    boolean[] cancelled = {false};
    delayed.add(() -> {
      if (!cancelled[0]) {
        r.run();
      }
    });
    return () -> cancelled[0] = true;
  }

  @Override
  public void shutdown() {}
}
