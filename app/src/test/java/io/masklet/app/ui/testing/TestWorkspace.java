package io.masklet.app.ui.testing;

import io.masklet.app.ui.MainViewModel;
import io.masklet.app.ui.project.RecoveryStore;
import io.masklet.app.ui.settings.AppSettings;
import io.masklet.app.ui.settings.MemoryStore;
import io.masklet.app.ui.workspace.Workspace;
import java.nio.file.Path;

/** A workstation wired with synchronous executors, the colour-region engine and fake media. */
public final class TestWorkspace {
  public final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
  public final ColorRegionEngine engine = new ColorRegionEngine();
  public final AppSettings settings = new AppSettings(new MemoryStore());
  public final Workspace ws;
  public final MainViewModel vm;
  public SyntheticFrameSource lastOpened;

  public TestWorkspace(Path tempDir, int width, int height, int frames) {
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
}
