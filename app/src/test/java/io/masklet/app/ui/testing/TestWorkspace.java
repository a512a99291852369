package io.masklet.app.ui.testing;

import io.masklet.app.ui.MainViewModel;
import io.masklet.app.ui.project.RecoveryStore;
import io.masklet.app.ui.settings.AppSettings;
import io.masklet.app.ui.settings.MemoryStore;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A workstation wired with synchronous executors, the colour-region engine and fake media. */
public final class TestWorkspace {
  public final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  public final ColorRegionEngine engine = new ColorRegionEngine();
  public final AppSettings settings = new AppSettings(new MemoryStore());
  public final Workspace ws;
  public final MainViewModel vm;
  public SyntheticFrameSource lastOpened;
  private final int width;
  private final int height;
  private final int frames;

  public TestWorkspace(Path tempDir, int width, int height, int frames) {
    this.width = width;
    this.height = height;
    this.frames = frames;
    ws = new Workspace(executor, executor, engine, settings);
    vm = new MainViewModel(ws, path -> {
      lastOpened = new SyntheticFrameSource(width, height, frames);
      return lastOpened;
    }, new RecoveryStore(tempDir.resolve("recovery")));
  }

  /** Opens a (synthetic) video whose path is {@code media} and loads the test "model". */
  public TestWorkspace openWithModel(Path media) {
    vm.project().open(media);
    vm.engine().loadCheckpoint(media.resolveSibling("model.pt"), null);
    return this;
  }

  /**
   * Opens a (synthetic) video with {@code count} objects, object {@code i} (ids from 1) with one
   * imported mask, on frame {@code i % frames}: what a COCO file from CVAT becomes, one object
   * per annotation.
   */
  public TestWorkspace openWithObjects(Path media, int count) {
    MediaSource source = new MediaSource(MediaSource.Kind.VIDEO, media.toString(), frames, 25,
        width, height);
    List<TrackedObject> objects = new ArrayList<>();
    List<Masklet> masklets = new ArrayList<>();
    byte[] px = new byte[width * height];
    for (int i = 0; i < 4; i++) {
      px[i] = 1;
    }
    for (int id = 1; id <= count; id++) {
      objects.add(new TrackedObject(id, "car " + id, RgbColor.palette(id).hex()));
      masklets.add(new Masklet(id, new TreeMap<>(Map.of(id % frames,
          FrameMask.unscored(Rle.encode(px, height, width), Provenance.EDITED)))));
    }
    vm.project().openMedia(media, new Project(source, objects, masklets, List.of(), List.of()),
        null);
    return this;
  }
}
