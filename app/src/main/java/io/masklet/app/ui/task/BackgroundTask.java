package io.masklet.app.ui.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work that must not run on the FX thread (decoding, engine inference, file IO), with callbacks
 * that the {@link TaskExecutor} delivers on the UI thread. View-models build these and hand them
 * to an injected executor, so tests can run them synchronously.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {
  /** The body of a task; it may report progress and should poll cancellation. */
  @FunctionalInterface
  public interface Body<T> {
    T call(TaskContext context) throws Exception;
  }

  /** Progress as delivered to the UI: fraction in [0, 1] or -1 when indeterminate. */
  public record Progress(double fraction, String message) {}

  private final String title;
  private final Body<T> body;
  private Consumer<T> onSuccess = r -> {};
  private Consumer<Exception> onFailure = e -> {};
  private Runnable onCancelled = () -> {};
  private Runnable onFinished = () -> {};
  private Consumer<Progress> onProgress = p -> {};
  private boolean yielding;

  private BackgroundTask(String title, Body<T> body) {
    this.title = Objects.requireNonNull(title);
    this.body = Objects.requireNonNull(body);
  }

  public static <T> BackgroundTask<T> of(String title, Body<T> body) {
    return new BackgroundTask<>(title, body);
  }

  public static BackgroundTask<Void> ofRunnable(String title, ThrowingRunnable body) {
    return new BackgroundTask<>(title, ctx -> {
      body.run(ctx);
      return null;
    });
  }

  /** A task body without a result. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run(TaskContext context) throws Exception;
  }

  public BackgroundTask<T> onSuccess(Consumer<T> c) {
    this.onSuccess = Objects.requireNonNull(c);
    return this;
  }

  public BackgroundTask<T> onFailure(Consumer<Exception> c) {
    this.onFailure = Objects.requireNonNull(c);
    return this;
  }

  public BackgroundTask<T> onCancelled(Runnable r) {
    this.onCancelled = Objects.requireNonNull(r);
    return this;
  }

  /** Runs after success, failure or cancellation (to clear busy flags). */
  public BackgroundTask<T> onFinished(Runnable r) {
    this.onFinished = Objects.requireNonNull(r);
    return this;
  }

  public BackgroundTask<T> onProgress(Consumer<Progress> c) {
    this.onProgress = Objects.requireNonNull(c);
    return this;
  }

  /**
   * Marks optional work (a warm-up) that gives way to the executor's other work: submitting any
   * task that is not yielding cancels it, running or queued, so the body must poll
   * {@link TaskContext#isCancelled()} between short steps. A single-worker executor then starts
   * the new task at most one step later.
   */
  public BackgroundTask<T> yielding() {
    this.yielding = true;
    return this;
  }

  public boolean isYielding() {
    return yielding;
  }

  public String title() {
    return title;
  }

  T call(TaskContext context) throws Exception {
    return body.call(context);
  }

  void succeeded(T value) {
    try {
      onSuccess.accept(value);
    } finally {
      onFinished.run();
    }
  }

  void failed(Exception e) {
    try {
      onFailure.accept(e);
    } finally {
      onFinished.run();
    }
  }

  void cancelled() {
    try {
      onCancelled.run();
    } finally {
      onFinished.run();
    }
  }

  void progressed(Progress p) {
    onProgress.accept(p);
  }
}
