package io.masklet.app.ui.timeline;

/** What an object's timeline lane shows on one frame, in increasing priority. */
public enum LaneMark {
  /** No mask. */
  NONE,
  /** The model says the object is not visible (object score ≤ 0). */
  ABSENT,
  /** Mask from propagation. */
  PROPAGATED,
  /** The annotator marked the object as not on this frame (an empty mask prompt). */
  MARKED_ABSENT,
  /** Mask painted or corrected by hand. */
  EDITED,
  /** Frame with clicks or a box for this object (a conditioning frame). */
  PROMPTED
}
