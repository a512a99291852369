package io.masklet.app.ui;

import io.masklet.app.sample.SampleData;
import io.masklet.app.ui.engine.AnnotatorActivity;
import io.masklet.app.ui.engine.EngineThreads;
import io.masklet.app.ui.engine.FeatureDiskCache;
import io.masklet.app.ui.engine.SegmentationService;
import io.masklet.app.ui.engine.Sam2SegmentationService;
import io.masklet.app.ui.project.RecoveryStore;
import io.masklet.app.ui.settings.AppSettings;
import io.masklet.app.ui.settings.PreferencesStore;
import io.masklet.app.ui.task.FxTaskExecutor;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.engine.video.FrameSources;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The workstation's JavaFX application: wires executors, settings, engine and media opening
 * into the view-models and shows the main window. The first parameter, if any, is opened.
 */
public final class WorkstationApp extends Application {
  private FxTaskExecutor io;
  private FxTaskExecutor engineExecutor;
  private SegmentationService engine;
  private MainWindow window;

  @Override
  public void start(Stage stage) {
    io = new FxTaskExecutor(2);
    // One engine thread: the predictor's tracking state is single-threaded and ordered.
    engineExecutor = new FxTaskExecutor(1);
    AppSettings settings = new AppSettings(PreferencesStore.forUser());
    AnnotatorActivity activity = new AnnotatorActivity();
    engine = EngineServices.create(settings, activity);
    Workspace ws = new Workspace(io, engineExecutor, engine, settings);
    // a propagation leaves a core to the UI while the annotator scrubs or plays (EngineThreads)
    activity.follow(ws.currentFrameProperty());
    MainViewModel vm = new MainViewModel(ws, FrameSources::open, RecoveryStore.forUser());
    window = new MainWindow(stage, vm);
    window.show(1440, 900);
    stage.setOnCloseRequest(e -> window.shutdown());
    vm.engine().loadRemembered();

    List<String> args = getParameters().getRaw();
    if (!args.isEmpty()) {
      window.openWithRecovery(Path.of(args.get(0)));
    } else if (!vm.project().recoverable().isEmpty()) {
      window.offerRecovery();
    } else if (settings.recentFiles().isEmpty()) {
      SampleData.defaultVideo().ifPresent(window::openWithRecovery);
    }
  }

  @Override
  public void stop() {
    if (engineExecutor != null) {
      engineExecutor.shutdown();
    }
    if (io != null) {
      io.shutdown();
    }
    if (engine != null) {
      engine.close();
    }
  }

  /** Chooses the engine implementation of this build. */
  static final class EngineServices {
    private EngineServices() {}

    static SegmentationService create(AppSettings settings, AnnotatorActivity activity) {
      return new Sam2SegmentationService(() -> FeatureDiskCache.gib(
          FeatureDiskCache.defaultDirectory(), settings.featureDiskCacheGiB()),
          EngineThreads.forThisJvm(activity));
    }
  }
}
