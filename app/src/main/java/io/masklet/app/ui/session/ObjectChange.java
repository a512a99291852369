package io.masklet.app.ui.session;

/**
 * One object added to, removed from or changed in the object list (see
 * {@link SessionListener#objectChanged}). {@code position} is its index in list order: after the
 * change for an added or updated object, before it for a removed one.
 */
public record ObjectChange(Kind kind, int objectId, int position) {
  /** What happened to the object. */
  public enum Kind {
    /** Put into the list at {@code position} (new, or back after an undone delete). */
    ADDED,
    /** Taken out of the list from {@code position}, with its masks and prompts. */
    REMOVED,
    /** Renamed, recoloured or marked as a crowd; its masks and list position stay. */
    UPDATED
  }
}
