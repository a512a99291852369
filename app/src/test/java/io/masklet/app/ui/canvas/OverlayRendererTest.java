package io.masklet.app.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.RgbColor;
import org.junit.jupiter.api.Test;

class OverlayRendererTest {
  @Test
  void fillIsTranslucentOutlineOpaqueOutsideTransparent() {
    BinaryMask m = new BinaryMask(5, 5);
    for (int y = 1; y <= 3; y++) {
      for (int x = 1; x <= 3; x++) {
        m.set(x, y, true);
      }
    }
    int[] out = new int[25];
    OverlayRenderer.render(m, new RgbColor(255, 0, 0), 0.5, true, 1.0, out);
    assertEquals(0, out[0], "outside is transparent");
    assertEquals(0xFFFF0000, out[1 * 5 + 1], "border pixel is the opaque outline");
    int centre = out[2 * 5 + 2];
    assertEquals(128, centre >>> 24, "inside has the fill alpha");
    assertEquals(128, (centre >> 16) & 0xFF, "premultiplied red");
  }

  @Test
  void withoutOutlineEverythingIsFill() {
    BinaryMask m = new BinaryMask(3, 3);
    m.set(1, 1, true);
    int[] out = new int[9];
    OverlayRenderer.render(m, new RgbColor(0, 0, 255), 1.0, false, 1.0, out);
    assertEquals(0xFF0000FF, out[4]);
  }
}
