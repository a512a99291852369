package io.masklet.app.ui.session;

/** Notified (on the thread that changed the session: the UI thread) of session changes. */
public interface SessionListener {
  /** Objects were added, removed, renamed or recoloured. */
  default void objectsChanged() {}

  /** The mask or prompts of {@code objectId} on {@code frame} changed. */
  default void frameChanged(int objectId, int frame) {}

  /**
   * The masks of many frames changed at once (an undo or redo of a propagation, see
   * {@link MaskBatch}). A listener whose work per event is more than a few operations handles
   * the batch as a whole: one event for 200,000 masks must not cost 200,000 reactions. By
   * default, {@link #frameChanged} for each changed frame.
   */
  default void framesChanged(ChangedFrames changed) {
    changed.forEach(this::frameChanged);
  }
}
