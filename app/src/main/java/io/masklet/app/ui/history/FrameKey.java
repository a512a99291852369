package io.masklet.app.ui.history;

/** One object on one frame. */
public record FrameKey(int objectId, int frame) {}
