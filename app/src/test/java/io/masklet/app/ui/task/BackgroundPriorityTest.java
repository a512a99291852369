package io.masklet.app.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {
  /** The nice value of the calling thread (field 19 of /proc/thread-self/stat). */
  private static int niceOfCurrentThread() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    // the command name (field 2) may hold spaces; fields after it are plain
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(f[16]); // field 19 counted from field 3
  }

  @Test
  void workerThreadsRunWithLowerLinuxPriorityThanTheUi() throws Exception {
    assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self"))
        && Files.isExecutable(Path.of("/usr/bin/renice")), "needs Linux /proc and renice");
    int before = niceOfCurrentThread();
    assumeTrue(before < BackgroundPriority.NICE, "test thread already runs at nice " + before);
    AtomicInteger nice = new AtomicInteger(-100);
    AtomicReference<Boolean> lowered = new AtomicReference<>();
    Thread t = new Thread(() -> {
      lowered.set(BackgroundPriority.lowerCurrentThread());
      try {
        nice.set(niceOfCurrentThread());
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    t.start();
    t.join();
    assertTrue(lowered.get());
    assertEquals(BackgroundPriority.NICE, nice.get());
    assertEquals(before, niceOfCurrentThread(), "only the worker thread was reniced");
  }
}
