package io.masklet.app.ui.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.MainViewModel;
import io.masklet.app.ui.MainWindow;
import io.masklet.app.ui.project.RecoveryStore;
import io.masklet.app.ui.settings.AppSettings;
import io.masklet.app.ui.settings.MemoryStore;
import io.masklet.app.ui.task.FxTaskExecutor;
import io.masklet.app.ui.testing.ColorRegionEngine;
import io.masklet.app.ui.testing.SyntheticFrameSource;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.model.project.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Without a checkpoint the window opens, says how to get one, refuses clicks with an
 * explanation, and the brush still annotates; F1 lists the shortcuts.
 */
@ExtendWith(ApplicationExtension.class)
class NoCheckpointTest {
  @TempDir static Path tmp;
  FxTaskExecutor io;
  Workspace ws;
  MainViewModel vm;
  MainWindow window;

  @Start
  void start(Stage stage) {
    io = new FxTaskExecutor(1);
    // the engine double is never given a checkpoint here, so no model is loaded
    ws = new Workspace(io, io, new ColorRegionEngine(), new AppSettings(new MemoryStore()));
    vm = new MainViewModel(ws, p -> new SyntheticFrameSource(200, 120, 5),
        new RecoveryStore(tmp.resolve("recovery")));
    window = new MainWindow(stage, vm);
    window.show(1100, 700);
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      window.shutdown();
      return null;
    }).get();
    io.shutdown();
  }

  private <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }

  @Test
  void explainsCheckpointsAndTheBrushStillWorks(FxRobot robot) throws Exception {
    NotificationPane pane = robot.lookup(".notification-pane").queryAs(NotificationPane.class);
    assertTrue(fx(pane::isShowing));
    assertTrue(fx(pane::getText).contains("No SAM 2.1 checkpoint"), fx(pane::getText));

    Path video = Files.createFile(tmp.resolve("v.mp4"));
    fx(() -> {
      vm.project().open(video);
      return null;
    });
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> fx(() -> vm.canvas().displayedFrameProperty().get() == 0));

    robot.clickOn(fx(() -> window.canvasView().localToScreen(window.canvasView().toScreen(50, 50))));
    assertTrue(fx(() -> ws.statusMessageProperty().get()).contains("checkpoint"));
    assertTrue(fx(() -> ws.session().objects().isEmpty()));

    robot.type(KeyCode.B);
    robot.drag(fx(() -> window.canvasView().localToScreen(window.canvasView().toScreen(40, 60))),
        MouseButton.PRIMARY)
        .dropTo(fx(() -> window.canvasView().localToScreen(window.canvasView().toScreen(90, 60))));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !ws.session().objects().isEmpty()
        && ws.session().mask(ws.session().objects().get(0).id(), 0) != null));
    int id = fx(() -> ws.session().objects().get(0).id());
    assertEquals(Provenance.EDITED, fx(() -> ws.session().mask(id, 0).provenance()));

    robot.type(KeyCode.F1);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(robot.lookup("#helpDialog").tryQuery().isPresent(), "F1 opens the help");
    boolean listsPropagate = robot.lookup(".label").queryAllAs(Label.class).stream()
        .anyMatch(l -> "Propagate forward from this frame".equals(l.getText()));
    assertTrue(listsPropagate, "the help lists the propagation shortcut");
  }
}
