package io.masklet.app.ui.session;

/** Where a frame's mask came from (shown in the timeline lanes, saved as provenance). */
public enum MaskSource {
  /** Produced by the engine from clicks or a box on this frame. */
  PROMPTED,
  /** Produced by propagation from other frames. */
  PROPAGATED,
  /** Painted or corrected by hand (brush/eraser). */
  EDITED
}
