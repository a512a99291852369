package io.masklet.app.ui.session;

/** A click in original-frame pixel coordinates; positive = "this is the object". */
public record PromptPoint(double x, double y, boolean positive) {}
