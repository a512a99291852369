package io.masklet.app.ui.session;

import java.util.ArrayList;
import java.util.List;

/**
 * All prompts of one object on one frame. The engine is always given the whole set (clearing
 * the frame's old points), so undoing a click is re-sending the smaller set.
 */
public record FramePrompts(List<PromptPoint> points, PromptBox box) {
  public static final FramePrompts EMPTY = new FramePrompts(List.of(), null);

  public FramePrompts {
    points = List.copyOf(points);
  }

  public boolean isEmpty() {
    return points.isEmpty() && box == null;
  }

  public FramePrompts withPoint(PromptPoint p) {
    List<PromptPoint> next = new ArrayList<>(points);
    next.add(p);
    return new FramePrompts(next, box);
  }

  public FramePrompts withBox(PromptBox b) {
    return new FramePrompts(points, b);
  }
}
