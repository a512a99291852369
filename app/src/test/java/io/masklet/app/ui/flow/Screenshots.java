package io.masklet.app.ui.flow;

import io.masklet.app.ui.MainWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Writes a snapshot of the main window (rendered by Monocle's software pipeline) as PNG. */
final class Screenshots {
  private Screenshots() {}

  static void save(FxRobot robot, MainWindow window, Path file) throws Exception {
    WritableImage img = WaitForAsyncUtils.asyncFx(
        () -> window.canvasView().getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
    BufferedImage rgb = new BufferedImage(bi.getWidth(), bi.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    rgb.createGraphics().drawImage(bi, 0, 0, null);
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(rgb, "png", file.toFile());
  }
}
