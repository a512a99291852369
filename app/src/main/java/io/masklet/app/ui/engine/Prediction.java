package io.masklet.app.ui.engine;

import io.masklet.app.ui.session.BinaryMask;

/**
 * The engine's answer for one object on one frame: the binary mask at frame resolution and the
 * object-score logit (negative = the model thinks the object is not visible).
 */
public record Prediction(int frame, int objectId, BinaryMask mask, float objectScore) {}
