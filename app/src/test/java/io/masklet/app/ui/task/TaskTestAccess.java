package io.masklet.app.ui.task;

/** Lets test executors drive a task's package-private lifecycle. */
public final class TaskTestAccess {
  private TaskTestAccess() {}

  public static <T> T call(BackgroundTask<T> t, TaskContext ctx) throws Exception {
    return t.call(ctx);
  }

  public static <T> void succeeded(BackgroundTask<T> t, T v) {
    t.succeeded(v);
  }

  public static void failed(BackgroundTask<?> t, Exception e) {
    t.failed(e);
  }

  public static void cancelled(BackgroundTask<?> t) {
    t.cancelled();
  }

  public static void progressed(BackgroundTask<?> t, BackgroundTask.Progress p) {
    t.progressed(p);
  }
}
