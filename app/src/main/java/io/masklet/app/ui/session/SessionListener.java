package io.masklet.app.ui.session;

/** Notified (on the thread that changed the session: the UI thread) of session changes. */
public interface SessionListener {
  /**
   * Objects were added, removed, renamed or recoloured, in a way not told object by object
   * (see {@link #objectChanged}): listeners look at the whole list again.
   */
  default void objectsChanged() {}

  /**
   * One object was added, removed or updated. A listener whose work for
   * {@link #objectsChanged} covers every object handles this one only: a COCO file from CVAT
   * makes one object per annotation, and with 10,000 of them rebuilding every row, lane and
   * overlay made each rename, add or undo cost the UI thread tens of milliseconds. By default,
   * {@link #objectsChanged}.
   */
  default void objectChanged(ObjectChange change) {
    objectsChanged();
  }

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
