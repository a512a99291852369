package io.masklet.engine.predictor;

import java.util.Comparator;
import java.util.List;

/** The masks of one prompt set: 3 with multimask output, else 1. */
public record ImagePrediction(List<PredictedMask> masks) {
  public ImagePrediction {
    masks = List.copyOf(masks);
  }

  /** The mask with the highest predicted IoU. */
  public PredictedMask best() {
    return masks.stream().max(Comparator.comparingDouble(PredictedMask::iou)).orElseThrow();
  }

  public float[] iouScores() {
    float[] s = new float[masks.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = masks.get(i).iou();
    }
    return s;
  }
}
