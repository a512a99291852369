package io.masklet.app.ui.flow;

import javafx.animation.AnimationTimer;

/**
 * Records the longest gap between consecutive FX pulses while running: a pulse is what renders a
 * frame, so a long gap is the FX thread being blocked (or starved) for that long.
 */
final class PulseRecorder extends AnimationTimer {
  private long last;
  private long worst;
  private long pulses;
  private long first;
  private final java.util.List<String> longGaps = new java.util.ArrayList<>();

  @Override
  public void handle(long now) {
    if (last != 0) {
      worst = Math.max(worst, now - last);
      if (now - last > 50_000_000L) {
        longGaps.add(String.format("%.0f ms at +%.0f ms", (now - last) / 1e6, (last - first) / 1e6));
      }
    } else {
      first = now;
    }
    last = now;
    pulses++;
  }

  /** Must be called on the FX thread. */
  void begin() {
    last = 0;
    worst = 0;
    longGaps.clear();
    pulses = 0;
    start();
  }

  double worstGapMs() {
    return worst / 1e6;
  }

  /** Gaps over 50 ms with when they started (for the report). */
  java.util.List<String> longGaps() {
    return longGaps;
  }

  long pulses() {
    return pulses;
  }
}
