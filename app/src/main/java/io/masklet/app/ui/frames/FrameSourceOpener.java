package io.masklet.app.ui.frames;

import io.masklet.engine.video.FrameSource;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a video file or image folder as frames (injected so tests can supply their own). */
@FunctionalInterface
public interface FrameSourceOpener {
  FrameSource open(Path path) throws IOException;
}
