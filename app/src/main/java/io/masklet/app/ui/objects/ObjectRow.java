package io.masklet.app.ui.objects;

import io.masklet.app.ui.session.RgbColor;
import io.masklet.model.project.TrackedObject.CrowdMarking;

/** One line of the object list. */
public record ObjectRow(int id, String label, RgbColor color, boolean visible,
    int maskedFrames, int editedFrames, CrowdMarking crowd) {}
