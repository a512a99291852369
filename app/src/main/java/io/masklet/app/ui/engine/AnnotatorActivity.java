package io.masklet.app.ui.engine;

import java.time.Duration;
import java.util.function.LongSupplier;
import javafx.beans.value.ObservableValue;

/**
 * Whether the annotator is moving through the video right now (scrubbing, stepping, playing):
 * then frames are decoded and drawn continuously and the UI needs a core of its own. Written on
 * the FX thread, read by the engine's thread.
 */
public final class AnnotatorActivity {
  /** How long after the last frame change the annotator still counts as moving. */
  public static final Duration WINDOW = Duration.ofMillis(1500);

  private final LongSupplier nanoClock;
  private volatile long lastMove = Long.MIN_VALUE;

  public AnnotatorActivity() {
    this(System::nanoTime);
  }

  AnnotatorActivity(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** The annotator moved to another frame. */
  public void moved() {
    lastMove = nanoClock.getAsLong();
  }

  /** Counts every change of {@code currentFrame} as a move. */
  public void follow(ObservableValue<? extends Number> currentFrame) {
    currentFrame.addListener((o, a, b) -> moved());
  }

  /** True within {@link #WINDOW} of the last move. */
  public boolean isMoving() {
    long last = lastMove;
    return last != Long.MIN_VALUE && nanoClock.getAsLong() - last < WINDOW.toNanos();
  }
}
