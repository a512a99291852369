package io.masklet.app.ui.session;

import java.util.Objects;

/**
 * One object's mask on one frame, with its provenance and the engine's object-score logit
 * ({@code NaN} when the mask was painted by hand; negative = the model says the object is
 * absent on this frame).
 */
public record FrameMask(BinaryMask mask, MaskSource source, float objectScore) {
  public FrameMask {
    Objects.requireNonNull(mask, "mask");
    Objects.requireNonNull(source, "source");
  }

  public boolean absent() {
    return !Float.isNaN(objectScore) && objectScore <= 0;
  }
}
