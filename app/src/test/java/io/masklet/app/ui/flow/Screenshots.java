package io.masklet.app.ui.flow;

import io.masklet.app.ui.MainWindow;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes a snapshot of the main window (rendered by Monocle's software pipeline) as PNG: full
 * size, and a smaller 256-colour copy ({@code -small.png}) fit for the README.
 */
final class Screenshots {
  static final int SMALL_WIDTH = 1100;

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

    int w = Math.min(SMALL_WIDTH, rgb.getWidth());
    int h = (int) Math.round((double) rgb.getHeight() * w / rgb.getWidth());
    BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(rgb, 0, 0, w, h, null);
    g.dispose();
    BufferedImage indexed = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED);
    indexed.createGraphics().drawImage(scaled, 0, 0, null);
    String name = file.getFileName().toString().replace(".png", "-small.png");
    ImageIO.write(indexed, "png", file.resolveSibling(name).toFile());
  }
}
