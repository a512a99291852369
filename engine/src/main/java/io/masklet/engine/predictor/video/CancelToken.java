package io.masklet.engine.predictor.video;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cooperative cancellation of a propagation, checked between frames. */
public final class CancelToken {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }
}
