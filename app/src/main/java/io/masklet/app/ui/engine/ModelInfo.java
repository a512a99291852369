package io.masklet.app.ui.engine;

import java.nio.file.Path;

/** What the status bar shows about the loaded model. */
public record ModelInfo(String name, Path checkpoint, String device, int imageSize) {}
