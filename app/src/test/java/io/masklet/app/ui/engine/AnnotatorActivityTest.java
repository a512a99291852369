package io.masklet.app.ui.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.SimpleIntegerProperty;
import org.junit.jupiter.api.Test;

class AnnotatorActivityTest {
  @Test
  void aFrameChangeCountsAsMovingForTheWindow() {
    AtomicLong now = new AtomicLong(5_000_000_000L);
    AnnotatorActivity a = new AnnotatorActivity(now::get);
    SimpleIntegerProperty frame = new SimpleIntegerProperty(0);
    a.follow(frame);
    assertFalse(a.isMoving(), "nothing happened yet");
    frame.set(7);
    assertTrue(a.isMoving());
    now.addAndGet(AnnotatorActivity.WINDOW.toNanos() - 1);
    assertTrue(a.isMoving(), "just inside the window");
    now.addAndGet(1);
    assertFalse(a.isMoving(), "the window has passed");
    frame.set(8);
    assertTrue(a.isMoving(), "moving again");
  }
}
