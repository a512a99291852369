package io.masklet.app.ui.task;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/**
 * The production executor: a small pool of daemon worker threads; callbacks and progress go
 * through {@link Platform#runLater}. Progress is coalesced (at most one pending FX runnable per
 * task) so a fast task cannot flood the FX event queue and stall rendering.
 */
public final class FxTaskExecutor implements TaskExecutor {
  private final ExecutorService pool;
  /** Cancellation flags of the yielding tasks queued or running (see {@link BackgroundTask#yielding}). */
  private final Set<AtomicBoolean> yielding = ConcurrentHashMap.newKeySet();

  public FxTaskExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(() -> {
        // Workers yield to the FX and render threads so the UI stays smooth while the engine
        // saturates a small machine (Java priorities alone are ignored on Linux).
        BackgroundPriority.lowerCurrentThread();
        r.run();
      }, "masklet-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY - 1);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(threads, tf);
  }

  @Override
  public <T> TaskHandle submit(BackgroundTask<T> task) {
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<BackgroundTask.Progress> latest = new AtomicReference<>();
    AtomicBoolean progressScheduled = new AtomicBoolean();
    TaskContext ctx = new TaskContext() {
      private volatile double lastFraction = -1;
      private volatile String lastMessage = "";

      @Override
      public void updateProgress(double doneWork, double total) {
        lastFraction = total <= 0 ? -1 : Math.max(0, Math.min(1, doneWork / total));
        publish();
      }

      @Override
      public void updateMessage(String message) {
        lastMessage = message == null ? "" : message;
        publish();
      }

      private void publish() {
        latest.set(new BackgroundTask.Progress(lastFraction, lastMessage));
        if (progressScheduled.compareAndSet(false, true)) {
          Platform.runLater(() -> {
            progressScheduled.set(false);
            BackgroundTask.Progress p = latest.get();
            if (p != null && !done.get()) {
              task.progressed(p);
            }
          });
        }
      }

      @Override
      public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
      }
    };
    if (pool.isShutdown()) {
      // The app is closing (or a window outlived its executor): drop the work quietly instead
      // of throwing on the FX thread.
      cancelled.set(true);
      done.set(true);
      return TaskHandle.finished();
    }
    if (task.isYielding()) {
      yielding.add(cancelled);
    } else {
      yielding.forEach(flag -> flag.set(true));
    }
    pool.submit(() -> {
      try {
        T value = task.call(ctx);
        done.set(true);
        if (cancelled.get()) {
          Platform.runLater(task::cancelled);
        } else {
          Platform.runLater(() -> task.succeeded(value));
        }
      } catch (CancellationException e) {
        done.set(true);
        Platform.runLater(task::cancelled);
      } catch (Exception e) {
        done.set(true);
        Platform.runLater(() -> task.failed(e));
      } catch (Throwable t) {
        // Errors (OutOfMemoryError, native link errors) must reach the user too.
        done.set(true);
        Platform.runLater(() -> task.failed(new RuntimeException(t)));
      } finally {
        yielding.remove(cancelled);
      }
    });
    return new TaskHandle() {
      @Override
      public void cancel() {
        cancelled.set(true);
      }

      @Override
      public boolean isCancelled() {
        return cancelled.get();
      }

      @Override
      public boolean isDone() {
        return done.get();
      }
    };
  }

  @Override
  public void runOnUiThread(Runnable r) {
    if (Platform.isFxApplicationThread()) {
      r.run();
    } else {
      Platform.runLater(r);
    }
  }

  @Override
  public Runnable runOnUiThreadAfter(java.time.Duration delay, Runnable r) {
    AtomicBoolean cancelled = new AtomicBoolean();
    runOnUiThread(() -> {
      javafx.animation.PauseTransition wait =
          new javafx.animation.PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
      wait.setOnFinished(e -> {
        if (!cancelled.get()) {
          r.run();
        }
      });
      wait.play();
    });
    return () -> cancelled.set(true);
  }

  @Override
  public void shutdown() {
    pool.shutdownNow();
  }
}
