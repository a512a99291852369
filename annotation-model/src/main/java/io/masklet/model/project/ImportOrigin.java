package io.masklet.model.project;

/**
 * What the file a project was converted from said that the project's own fields cannot hold
 * (dataset descriptions, the file's own ids and names): kept with the project so that an export
 * to that format writes it again. A project comes from at most one such file; a project made
 * in the workstation, or read from a format with nothing of the kind, has none.
 */
public sealed interface ImportOrigin permits SavOrigin, CocoOrigin {}
