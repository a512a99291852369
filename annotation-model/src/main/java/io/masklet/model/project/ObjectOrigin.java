package io.masklet.model.project;

/**
 * What the file a project was converted from said about one object beyond its masks (its
 * {@link ImportOrigin}'s per-object part): kept on the object ({@link TrackedObject#origin()})
 * rather than beside it, so that it follows the object through renames, recolors and an undone
 * delete, and is never inherited by a new object that reuses a deleted one's id. An object's
 * origin matches its project's: a {@link SavMaskletOrigin} needs a {@link SavOrigin}, a
 * {@link CocoObjectOrigin} a {@link CocoOrigin}.
 */
public sealed interface ObjectOrigin permits SavMaskletOrigin, CocoObjectOrigin {}
