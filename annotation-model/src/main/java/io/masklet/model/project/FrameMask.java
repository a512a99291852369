package io.masklet.model.project;

import io.masklet.model.rle.Rle;
import java.util.Objects;

/**
 * One object's mask on one frame.
 *
 * @param objectScore the engine's object-presence logit for this frame (positive: object
 *     visible); {@code NaN} when the mask was not scored by the model (hand edits, imports)
 */
public record FrameMask(Rle rle, Provenance provenance, double objectScore) {
  public FrameMask {
    Objects.requireNonNull(rle, "rle");
    Objects.requireNonNull(provenance, "provenance");
  }

  /** A mask not scored by the model. */
  public static FrameMask unscored(Rle rle, Provenance provenance) {
    return new FrameMask(rle, provenance, Double.NaN);
  }

  public boolean hasScore() {
    return !Double.isNaN(objectScore);
  }

  @Override
  public boolean equals(Object o) {
    // Double.compare treats NaN == NaN, so unscored masks compare equal
    return o instanceof FrameMask f && f.rle.equals(rle) && f.provenance == provenance
        && Double.compare(f.objectScore, objectScore) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rle, provenance, Double.hashCode(objectScore));
  }
}
