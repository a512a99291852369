package io.masklet.model.project;

import io.masklet.model.rle.Rle;
import java.util.List;
import java.util.Objects;

/**
 * What the annotator gave the model for one object on one frame: clicks, optionally a box,
 * optionally a mask (a painted correction). The engine receives either points/box or a mask.
 *
 * @param box the box, or {@code null} when none was drawn
 * @param mask the mask prompt, or {@code null} when none was painted
 */
public record Prompt(int frame, int objectId, List<PointPrompt> points, BoxPrompt box, Rle mask) {
  public Prompt {
    if (frame < 0) {
      throw new IllegalArgumentException("prompt frame must be >= 0, got " + frame);
    }
    points = List.copyOf(Objects.requireNonNull(points, "points"));
    if (points.isEmpty() && box == null && mask == null) {
      throw new IllegalArgumentException("prompt for object " + objectId + " on frame " + frame
          + " has no points, box or mask");
    }
  }

  /** Whether this prompt says "the object is not on this frame": an empty mask, nothing else. */
  public boolean marksAbsent() {
    return mask != null && mask.isEmpty() && points.isEmpty() && box == null;
  }

  public static Prompt ofPoints(int frame, int objectId, List<PointPrompt> points) {
    return new Prompt(frame, objectId, points, null, null);
  }

  public static Prompt ofMask(int frame, int objectId, Rle mask) {
    return new Prompt(frame, objectId, List.of(), null, mask);
  }
}
