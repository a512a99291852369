package io.masklet.app.ui.engine;

/**
 * What the engine forgot when a propagation was undone ({@link
 * SegmentationService#forgetTracking}), kept with the undone history entry so that its redo can
 * give it back ({@link SegmentationService#restoreTracking}). It holds engine memory (native
 * arrays, spill-file space) until given back or closed: close it once the entry can no longer
 * be redone. Closing may wait for the engine's current call, so do it off the UI thread.
 */
public interface ForgottenTracking extends AutoCloseable {
  /** Frees what is held; safe to call more than once. */
  @Override
  void close();
}
