package io.masklet.app.ui.engine;

import io.masklet.model.rle.Rle;

/**
 * The engine's answer for one object on one frame: the mask at frame resolution (encoded on the worker thread) and the
 * object-score logit (negative = the model thinks the object is not visible).
 */
public record Prediction(int frame, int objectId, Rle mask, float objectScore) {}
