package io.masklet.app.ui.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the calling worker thread's scheduling priority (Linux nice 10) so the FX and render
 * threads win the CPU while the engine works. Java thread priorities are ignored on Linux, and
 * the engine's native (OpenMP) threads are created by the worker thread that first runs a
 * model, inheriting its nice value; so the worker renices itself before running any task.
 * Raising one's own nice value needs no privileges. Elsewhere, or when {@code renice} is
 * missing, nothing changes.
 */
public final class BackgroundPriority {
  /** Nice value of worker threads (0 = normal, 19 = lowest). */
  public static final int NICE = 10;

  private BackgroundPriority() {}

  /** Lowers the current thread's priority; true when it did. */
  public static boolean lowerCurrentThread() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return false;
    }
    try {
      // "/proc/thread-self" -> "PID/task/TID": the kernel id of this thread
      Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      String tid = self.getFileName().toString();
      Process p = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false; // no /proc or no renice: run at normal priority
    }
  }
}
