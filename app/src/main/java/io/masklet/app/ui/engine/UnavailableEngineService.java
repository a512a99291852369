package io.masklet.app.ui.engine;

import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.engine.video.FrameSource;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine door of a build whose SAM 2.1 video predictor is not available: no model can be
 * loaded (the attempt explains why), so the workstation runs in its no-checkpoint mode where
 * manual brush annotation, timeline, project files and export all work.
 */
public final class UnavailableEngineService implements SegmentationService {
  private final String reason;

  public UnavailableEngineService(String reason) {
    this.reason = reason;
  }

  @Override
  public ModelInfo loadCheckpoint(Path checkpoint, Path config, TaskContext ctx)
      throws IOException {
    throw new IOException(reason);
  }

  @Override
  public ModelInfo model() {
    return null;
  }

  @Override
  public void openVideo(FrameSource frames, TaskContext ctx) throws IOException {
    frames.close();
  }

  @Override
  public Prediction predict(int frame, int objectId, FramePrompts prompts, TaskContext ctx)
      throws IOException {
    throw new IOException(reason);
  }

  @Override
  public void setMaskPrompt(int frame, int objectId, Rle mask, TaskContext ctx)
      throws IOException {
    throw new IOException(reason);
  }

  @Override
  public void clearPrompts(int frame, int objectId, TaskContext ctx) throws IOException {
    throw new IOException(reason);
  }

  @Override
  public void removeObject(int objectId, TaskContext ctx) throws IOException {
    throw new IOException(reason);
  }

  @Override
  public void propagate(int startFrame, Direction direction, int maxFrames, PropagationSink sink,
      TaskContext ctx) throws IOException {
    throw new IOException(reason);
  }

  @Override
  public void resetState(TaskContext ctx) {}

  @Override
  public void close() {}
}
