package io.masklet.engine.predictor;

import java.util.List;

/**
 * The prompts of one prediction: any of clicks, a box and a low-resolution mask (from an earlier
 * prediction). Coordinates are in original-image pixels.
 */
public record ImagePrompt(List<PointPrompt> points, BoxPrompt box, MaskLogits maskInput) {
  public ImagePrompt {
    points = points == null ? List.of() : List.copyOf(points);
  }

  public static ImagePrompt of(PointPrompt... points) {
    return new ImagePrompt(List.of(points), null, null);
  }

  public static ImagePrompt ofBox(BoxPrompt box) {
    return new ImagePrompt(List.of(), box, null);
  }

  public ImagePrompt withBox(BoxPrompt newBox) {
    return new ImagePrompt(points, newBox, maskInput);
  }

  public ImagePrompt withMaskInput(MaskLogits mask) {
    return new ImagePrompt(points, box, mask);
  }

  public boolean isEmpty() {
    return points.isEmpty() && box == null && maskInput == null;
  }

  /** Prompts with the same key can be batched through the decoder together. */
  String batchKey() {
    return points.size() + (box != null ? "b" : "") + (maskInput != null ? "m" : "");
  }
}
