package io.masklet.app.ui.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.masklet.app.ui.MainViewModel;
import io.masklet.app.ui.MainWindow;
import io.masklet.app.ui.engine.Sam2SegmentationService;
import io.masklet.app.ui.export.ExportFormat;
import io.masklet.app.ui.project.RecoveryStore;
import io.masklet.app.ui.settings.AppSettings;
import io.masklet.app.ui.settings.MemoryStore;
import io.masklet.app.ui.task.FxTaskExecutor;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.engine.video.FrameSources;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.sav.SavJson;
import io.masklet.model.sav.SavVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The annotation loop on the real bedroom video with the real SAM 2.1 engine (micro fixture
 * checkpoint, random weights, so masks are arbitrary but the full pipeline runs): open, add an
 * object, click, propagate (F5) while recording FX pulse gaps, correct a later frame with a
 * click, re-propagate from there, undo/redo, export BMP+JSON and SA-V JSON and compare the
 * exported masks with the session's.
 */
@ExtendWith(ApplicationExtension.class)
class RealEngineFlowTest {
  static final Path SHARED = Path.of(System.getProperty("masklet.shared", "../shared"));
  static final Path CKPT = SHARED.resolve("fixtures/sam2.1_hiera_micro/checkpoint.pt");
  static final Path VIDEO = SHARED.resolve("data/videos/bedroom.mp4");
  static final int SPAN = 8;

  @TempDir static Path tmp;
  FxTaskExecutor io;
  FxTaskExecutor engineThread;
  Sam2SegmentationService engine;
  Workspace ws;
  MainViewModel vm;
  MainWindow window;

  @BeforeAll
  static void need() {
    assumeTrue(Files.isRegularFile(CKPT) && Files.isRegularFile(VIDEO),
        "micro fixture checkpoint or bedroom.mp4 absent under " + SHARED);
  }

  @Start
  void start(Stage stage) {
    io = new FxTaskExecutor(2);
    engineThread = new FxTaskExecutor(1);
    engine = new Sam2SegmentationService();
    ws = new Workspace(io, engineThread, engine, new AppSettings(new MemoryStore()));
    vm = new MainViewModel(ws, FrameSources::open, new RecoveryStore(tmp.resolve("recovery")));
    window = new MainWindow(stage, vm);
    window.show(1400, 860);
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      window.shutdown();
      return null;
    }).get();
    io.shutdown();
    engineThread.shutdown();
    engine.close();
  }

  private void waitFor(Callable<Boolean> cond, int seconds) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
          () -> WaitForAsyncUtils.asyncFx(cond).get());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out; status: " + fx(() -> ws.statusMessageProperty().get()),
          e);
    }
  }

  private <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
  }

  private Point2D screen(double x, double y) throws Exception {
    return fx(() -> window.canvasView().localToScreen(window.canvasView().toScreen(x, y)));
  }

  private double propagateRecording(String what) throws Exception {
    PulseRecorder pulses = new PulseRecorder();
    long gc0 = gcMillis();
    FxSampler sampler = new FxSampler(fx(Thread::currentThread));
    sampler.start();
    fx(() -> {
      pulses.begin();
      return null;
    });
    robot.type(KeyCode.F5);
    waitFor(() -> !ws.propagatingProperty().get() && ws.history().canUndoProperty().get()
        && ws.statusMessageProperty().get().contains("masks updated"), 300);
    fx(() -> {
      pulses.stop();
      return null;
    });
    long gc = gcMillis() - gc0;
    System.out.printf("FX pulse gaps during %s (real engine, micro checkpoint): worst %.1f ms "
        + "over %d pulses, %.1f frames/s; %s; GC %d ms; gaps > 50 ms: %s; load average %.1f%n",
        what, pulses.worstGapMs(), pulses.pulses(), fx(() -> ws.propagationFpsProperty().get()),
        sampler.finish(), gc,
        pulses.longGaps(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage());
    return pulses.worstGapMs();
  }

  FxRobot robot;

  /** Total time the JVM's collectors report (stop-the-world pauses stall the FX thread too). */
  private static long gcMillis() {
    long t = 0;
    for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, b.getCollectionTime());
    }
    return t;
  }

  @Test
  void clickPropagateCorrectRepropagateUndoRedoExport(FxRobot robot) throws Exception {
    this.robot = robot;
    fx(() -> {
      vm.project().open(VIDEO);
      vm.engine().loadCheckpoint(CKPT, null);
      vm.propagation().maxFramesProperty().set(SPAN);
      return null;
    });
    waitFor(() -> vm.canvas().displayedFrameProperty().get() == 0
        && ws.engineVideoReadyProperty().get(), 180);

    robot.clickOn("#addObjectButton");
    int id = fx(() -> ws.selectedObjectIdProperty().get());
    robot.clickOn(screen(480, 300), MouseButton.PRIMARY);
    waitFor(() -> ws.session().mask(id, 0) != null, 120);
    FrameMask first = fx(() -> ws.session().mask(id, 0));
    assertEquals(Provenance.PROMPTED, first.provenance());
    assertEquals(960, first.rle().width());

    propagateRecording("forward propagation of " + SPAN + " frames");
    for (int f = 1; f <= SPAN; f++) {
      int frame = f;
      assertEquals(Provenance.PROPAGATED, fx(() -> ws.session().mask(id, frame).provenance()),
          "frame " + f);
    }

    // correct frame 4 with a negative click, then re-propagate from there
    fx(() -> {
      vm.timeline().goTo(4);
      return null;
    });
    waitFor(() -> vm.canvas().displayedFrameProperty().get() == 4, 60);
    robot.clickOn(screen(300, 200), MouseButton.SECONDARY);
    waitFor(() -> ws.session().mask(id, 4).provenance() == Provenance.PROMPTED, 120);
    assertEquals(1, fx(() -> ws.session().prompts(id, 4).points().size()));
    FrameMask beforeRerun = fx(() -> ws.session().mask(id, SPAN));
    propagateRecording("re-propagation from the corrected frame");
    FrameMask afterRerun = fx(() -> ws.session().mask(id, SPAN));

    // undo the re-propagation and the correction, then redo both
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    waitFor(() -> ws.session().mask(id, SPAN).equals(beforeRerun), 30);
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    waitFor(() -> ws.session().mask(id, 4).provenance() == Provenance.PROPAGATED, 30);
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).type(KeyCode.Z)
        .release(KeyCode.SHIFT, KeyCode.CONTROL);
    waitFor(() -> ws.session().mask(id, 4).provenance() == Provenance.PROMPTED
        && ws.session().mask(id, SPAN).equals(afterRerun), 30);

    // a second object painted by hand, for the screenshot and the export
    robot.clickOn("#addObjectButton");
    int painted = fx(() -> ws.selectedObjectIdProperty().get());
    robot.type(KeyCode.B);
    fx(() -> {
      vm.canvas().brushRadiusProperty().set(30);
      return null;
    });
    robot.drag(screen(150, 420), MouseButton.PRIMARY).dropTo(screen(330, 440));
    waitFor(() -> ws.session().mask(painted, 4) != null, 30);

    Path dataset = tmp.resolve("dataset");
    Path sav = tmp.resolve("bedroom_manual.json");
    AtomicReference<Path> done = new AtomicReference<>();
    fx(() -> {
      vm.export().export(ExportFormat.BMP_JSON, dataset,
          p -> vm.export().export(ExportFormat.SAV_JSON, sav, done::set));
      return null;
    });
    waitFor(() -> done.get() != null, 120);
    Project exported = BmpJsonDataset.read(dataset);
    Project session = fx(() -> ws.session().snapshot());
    for (Map.Entry<Integer, FrameMask> e : session.masklet(id).frames().entrySet()) {
      assertEquals(e.getValue().rle(), exported.masklet(id).at(e.getKey()).rle(),
          "exported mask of frame " + e.getKey());
    }
    assertEquals(fx(() -> ws.session().mask(painted, 4).rle()),
        exported.masklet(painted).at(4).rle());
    SavVideo savVideo = SavJson.read(sav);
    assertEquals(960, savVideo.videoWidth());

    fx(() -> {
      window.canvasView().fit();
      return null;
    });
    Screenshots.save(robot, window, Path.of("target", "screenshots", "real-engine.png"));
  }
}
