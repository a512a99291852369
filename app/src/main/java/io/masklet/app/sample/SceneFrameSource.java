package io.masklet.app.sample;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.RgbFrame;

/**
 * The sample scene as a {@link FrameSource} rendered on demand (no file, no decoder): the first
 * {@code frames} frames, pixel-exact. Benchmarks use it so that they measure the engine only.
 */
public final class SceneFrameSource implements FrameSource {
  private final SampleScene scene;
  private final int frames;

  public SceneFrameSource(SampleScene scene, int frames) {
    if (frames < 1 || frames > SampleScene.FRAMES) {
      throw new IllegalArgumentException("frames must be in 1.." + SampleScene.FRAMES + ", got " + frames);
    }
    this.scene = scene;
    this.frames = frames;
  }

  @Override
  public int frameCount() {
    return frames;
  }

  @Override
  public double fps() {
    return SampleScene.FPS;
  }

  @Override
  public int width() {
    return SampleScene.WIDTH;
  }

  @Override
  public int height() {
    return SampleScene.HEIGHT;
  }

  @Override
  public String location() {
    return "sample scene";
  }

  @Override
  public RgbFrame frame(int index) {
    if (index < 0 || index >= frames) {
      throw new IndexOutOfBoundsException("frame " + index + " of " + frames);
    }
    return RgbFrame.of(index, scene.render(index).rgb());
  }

  @Override
  public FrameSource reopen() {
    return new SceneFrameSource(scene, frames);
  }

  @Override
  public void close() {}
}
