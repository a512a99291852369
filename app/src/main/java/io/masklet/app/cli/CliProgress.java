package io.masklet.app.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one way every command shows progress on long work: a me.tongfei progress bar on stderr
 * (stdout stays clean for results and pipes). Construct with one of the factories and close it
 * when the work ends, also on failure (try-with-resources).
 */
public final class CliProgress implements AutoCloseable {
  private static final int MIB = 1024 * 1024;
  private final ProgressBar bar;

  private CliProgress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A byte counter shown in MiB with speed, for downloads; {@code start} bytes already done. */
  public static CliProgress bytes(String task, long totalBytes, long startBytes) {
    ProgressBarBuilder b =
        base(task)
            .setInitialMax(totalBytes < 0 ? -1 : totalBytes)
            .setUnit(" MiB", MIB)
            .showSpeed()
            .startsFrom(Math.max(0, startBytes), java.time.Duration.ZERO);
    return new CliProgress(b.build());
  }

  /** A counter of items (frames, videos, images); {@code unit} names them, e.g. "frames". */
  public static CliProgress count(String task, long total, String unit) {
    return new CliProgress(base(task).setInitialMax(total).setUnit(" " + unit, 1).build());
  }

  private static ProgressBarBuilder base(String task) {
    PrintStream err = System.err;
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(err, 100));
  }

  public void stepBy(long n) {
    bar.stepBy(n);
  }

  public void stepTo(long n) {
    bar.stepTo(n);
  }

  public void step() {
    bar.step();
  }

  /** Grows or sets the total once it is known (e.g. after an HTTP response's headers). */
  public void maxHint(long total) {
    bar.maxHint(total);
  }

  /** A short note shown after the bar, e.g. the current file. */
  public void message(String text) {
    bar.setExtraMessage(text);
  }

  public long current() {
    return bar.getCurrent();
  }

  @Override
  public void close() {
    bar.close();
  }
}
