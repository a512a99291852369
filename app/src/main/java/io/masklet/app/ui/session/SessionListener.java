package io.masklet.app.ui.session;

/** Notified (on the thread that changed the session: the UI thread) of session changes. */
public interface SessionListener {
  /** Objects were added, removed, renamed or recoloured. */
  default void objectsChanged() {}

  /** The mask or prompts of {@code objectId} on {@code frame} changed. */
  default void frameChanged(int objectId, int frame) {}
}
