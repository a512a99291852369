package io.masklet.app.ui.canvas;

import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.session.RgbColor;

/** One object's prompts on the displayed frame, drawn as point and box glyphs. */
public record PromptGlyphs(int objectId, RgbColor color, FramePrompts prompts, boolean selected) {}
