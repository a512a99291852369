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
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Tools ▸ Image-feature cache on disk… through the real window: the dialog offers the budgets
 * with the current one selected, and the choice is remembered. A snapshot of the dialog goes to
 * {@code target/screenshots/feature-disk-dialog.png}.
 */
@ExtendWith(ApplicationExtension.class)
class FeatureDiskCacheDialogTest {
  @TempDir static Path tmp;
  FxTaskExecutor io;
  FxTaskExecutor engineThread;
  AppSettings settings;
  MainWindow window;

  @Start
  void start(Stage stage) {
    io = new FxTaskExecutor(1);
    engineThread = new FxTaskExecutor(1);
    settings = new AppSettings(new MemoryStore());
    Workspace ws = new Workspace(io, engineThread, new ColorRegionEngine(), settings);
    MainViewModel vm = new MainViewModel(ws, p -> new SyntheticFrameSource(64, 48, 4),
        new RecoveryStore(tmp.resolve("recovery")));
    window = new MainWindow(stage, vm);
    window.show(1280, 800);
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      window.shutdown();
      return null;
    }).get();
    io.shutdown();
    engineThread.shutdown();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDialogShowsTheCurrentBudgetAndRemembersTheChoice(FxRobot robot) throws Exception {
    robot.clickOn("Tools");
    robot.clickOn("Image-feature cache on disk\u2026");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".choice-dialog").tryQuery().isPresent());
    DialogPane pane = robot.lookup(".choice-dialog").queryAs(DialogPane.class);
    ComboBox<String> box = robot.from(pane).lookup(".combo-box").queryAs(ComboBox.class);
    assertEquals("8 GiB", box.getValue(), "the default budget is selected");
    assertEquals("Off", box.getItems().get(0));
    assertTrue(pane.getHeaderText().contains("masklet-studio"), pane.getHeaderText());

    BufferedImage shot = WaitForAsyncUtils.asyncFx(() -> SwingFXUtils.fromFXImage(
        pane.getScene().snapshot(null), null)).get(10, TimeUnit.SECONDS);
    Path png = Path.of("target", "screenshots", "feature-disk-dialog.png");
    Files.createDirectories(png.getParent());
    ImageIO.write(shot, "png", png.toFile());

    WaitForAsyncUtils.asyncFx(() -> box.setValue("16 GiB")).get(10, TimeUnit.SECONDS);
    robot.clickOn("OK");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> settings.featureDiskCacheGiB() == 16);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
        () -> Window.getWindows().size() == 1).get());
  }
}
