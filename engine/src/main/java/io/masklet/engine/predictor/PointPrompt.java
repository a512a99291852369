package io.masklet.engine.predictor;

/**
 * A click at ({@code x}, {@code y}) in original-image pixels. {@code label} follows SAM:
 * {@link #POSITIVE} (1) or {@link #NEGATIVE} (0); 2 and 3 are box corners as the official
 * predictor encodes boxes, -1 a padding point.
 */
public record PointPrompt(float x, float y, int label) {
  public static final int POSITIVE = 1;
  public static final int NEGATIVE = 0;

  public PointPrompt {
    if (label < -1 || label > 3) {
      throw new IllegalArgumentException("point label must be -1..3 (1 positive, 0 negative), got " + label);
    }
    if (!Float.isFinite(x) || !Float.isFinite(y)) {
      throw new IllegalArgumentException("point coordinates must be finite, got (" + x + ", " + y + ")");
    }
  }

  public static PointPrompt positive(float x, float y) {
    return new PointPrompt(x, y, POSITIVE);
  }

  public static PointPrompt negative(float x, float y) {
    return new PointPrompt(x, y, NEGATIVE);
  }
}
