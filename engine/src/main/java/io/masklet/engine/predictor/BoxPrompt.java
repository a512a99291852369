package io.masklet.engine.predictor;

/** A box (x0, y0) top-left – (x1, y1) bottom-right in original-image pixels (XYXY). */
public record BoxPrompt(float x0, float y0, float x1, float y1) {
  public BoxPrompt {
    if (!(Float.isFinite(x0) && Float.isFinite(y0) && Float.isFinite(x1) && Float.isFinite(y1))) {
      throw new IllegalArgumentException("box coordinates must be finite");
    }
  }
}
