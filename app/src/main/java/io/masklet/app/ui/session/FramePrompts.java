package io.masklet.app.ui.session;

import io.masklet.model.project.BoxPrompt;
import io.masklet.model.project.PointPrompt;
import io.masklet.model.project.Prompt;
import java.util.ArrayList;
import java.util.List;

/**
 * The clicks and box of one object on one frame, as the canvas edits them. The engine is always
 * given the whole set (clearing the frame's old points), so undoing a click is re-sending the
 * smaller set.
 */
public record FramePrompts(List<PointPrompt> points, BoxPrompt box) {
  public static final FramePrompts EMPTY = new FramePrompts(List.of(), null);

  public FramePrompts {
    points = List.copyOf(points);
  }

  /** The clicks and box of a stored prompt ({@link #EMPTY} for none or a mask-only prompt). */
  public static FramePrompts of(Prompt p) {
    return p == null ? EMPTY : new FramePrompts(p.points(), p.box());
  }

  public boolean isEmpty() {
    return points.isEmpty() && box == null;
  }

  public FramePrompts withPoint(PointPrompt p) {
    List<PointPrompt> next = new ArrayList<>(points);
    next.add(p);
    return new FramePrompts(next, box);
  }

  public FramePrompts withBox(BoxPrompt b) {
    return new FramePrompts(points, b);
  }

  /** As a stored prompt, or null when empty. */
  public Prompt toPrompt(int frame, int objectId) {
    return isEmpty() ? null : new Prompt(frame, objectId, points, box, null);
  }
}
