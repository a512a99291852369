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

  FxSampler(Thread fx) {
    this.fx = fx;
    setDaemon(true);
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
        }
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops sampling; returns "busy in X% of N samples". */
  synchronized String finish() {
    running = false;
    return String.format("FX thread busy in %.0f%% of %d samples", 100.0 * busy / Math.max(1,
        samples), samples);
  }
}
