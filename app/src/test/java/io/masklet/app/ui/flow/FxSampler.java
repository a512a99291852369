package io.masklet.app.ui.flow;

/**
 * Samples the FX thread's state while a propagation runs, to tell apart "our code keeps the FX
 * thread busy" from "the FX thread is idle but the process gets no CPU": the share of samples in
 * which the FX thread was running code rather than waiting for work or for the renderer.
 */
final class FxSampler extends Thread {
  private final Thread fx;
  private volatile boolean running = true;
  private int samples;
  private int busy;
  /** Busy samples by the innermost masklet frame on the FX stack (where our own code ran). */
  private final java.util.Map<String, Integer> busyAt = new java.util.HashMap<>();

  private final java.lang.management.ThreadMXBean cpu =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private final Thread renderer;
  private long wall0;
  private long fxCpu0;
  private long rendererCpu0;

  FxSampler(Thread fx) {
    this.fx = fx;
    this.renderer = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
    setDaemon(true);
  }

  @Override
  public synchronized void start() {
    wall0 = System.nanoTime();
    fxCpu0 = cpu.getThreadCpuTime(fx.threadId());
    rendererCpu0 = renderer == null ? 0 : cpu.getThreadCpuTime(renderer.threadId());
    super.start();
  }

  @Override
  public void run() {
    while (running) {
      StackTraceElement[] st = fx.getStackTrace();
      boolean waiting = st.length > 0 && (st[0].getMethodName().startsWith("wait")
          || st[0].getMethodName().equals("park"));
      synchronized (this) {
        samples++;
        if (!waiting) {
          busy++;
          busyAt.merge(ours(st), 1, Integer::sum);
        }
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The innermost three masklet frames on the stack (or the top JavaFX frame if none). */
  private static String ours(StackTraceElement[] st) {
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (StackTraceElement e : st) {
      if (e.getClassName().startsWith("io.masklet.") && n++ < 3) {
        b.append(n > 1 ? "<" : "").append(e.getClassName()
            .substring(e.getClassName().lastIndexOf('.') + 1)).append('.')
            .append(e.getMethodName());
      }
    }
    if (n > 0) {
      return b.toString();
    }
    return st.length == 0 ? "?" : "JavaFX " + st[0].getClassName()
        .substring(st[0].getClassName().lastIndexOf('.') + 1) + "." + st[0].getMethodName();
  }

  /** Stops sampling; returns "busy in X% of N samples" and the busiest places. */
  synchronized String finish() {
    running = false;
    StringBuilder top = new StringBuilder();
    busyAt.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
        .forEach(e -> top.append(top.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
            .append(e.getValue()));
    double wall = (System.nanoTime() - wall0) / 1e6;
    double fxCpu = (cpu.getThreadCpuTime(fx.threadId()) - fxCpu0) / 1e6;
    double rCpu = renderer == null ? 0
        : (cpu.getThreadCpuTime(renderer.threadId()) - rendererCpu0) / 1e6;
    return String.format("FX thread busy in %.0f%% of %d samples (top: %s); CPU over %.0f ms "
        + "wall: FX thread %.0f ms, renderer thread %.0f ms", 100.0 * busy / Math.max(1,
        samples), samples, top, wall, fxCpu, rCpu);
  }
}
