package io.masklet.model.project;

/** How a frame's mask came to be. */
public enum Provenance {
  /** Predicted on a frame the annotator prompted (a conditioning frame). */
  PROMPTED,
  /** Predicted by propagating memory from other frames. */
  PROPAGATED,
  /** Painted or corrected by hand, or imported from a dataset. */
  EDITED
}
