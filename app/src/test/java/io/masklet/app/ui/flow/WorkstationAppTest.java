package io.masklet.app.ui.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.masklet.app.ui.WorkstationApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The production wiring ({@code ./masklet FILE}): the application starts with its real
 * executors, engine door, preferences and frame sources, and opens the file it is given. The
 * user's preferences and recovery folder are redirected to a temporary directory.
 */
class WorkstationAppTest {
  @TempDir Path tmp;

  @Test
  void startsAndOpensTheVideoGivenOnTheCommandLine() throws Exception {
    Path video = Path.of(System.getProperty("masklet.shared", "../shared"))
        .resolve("data/videos/bedroom.mp4");
    assumeTrue(Files.isRegularFile(video), "bedroom.mp4 absent");
    System.setProperty("java.util.prefs.userRoot", tmp.resolve("prefs").toString());
    System.setProperty("masklet.config.dir", tmp.resolve("config").toString());
    System.setProperty("masklet.cache.dir", tmp.resolve("cache").toString());
    Stage stage = FxToolkit.registerPrimaryStage();
    javafx.application.Application app =
        FxToolkit.setupApplication(WorkstationApp.class, video.toString());
    try {
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
          javafx.stage.Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
              && s.getTitle() != null && s.getTitle().startsWith("bedroom.mp4"))).get());
      assertTrue(stage != null);
    } finally {
      FxToolkit.cleanupApplication(app);
    }
  }
}
