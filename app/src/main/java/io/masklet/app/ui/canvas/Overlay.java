package io.masklet.app.ui.canvas;

import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.RgbColor;

/** One object's mask to draw on the displayed frame. */
public record Overlay(int objectId, RgbColor color, BinaryMask mask, boolean selected) {}
