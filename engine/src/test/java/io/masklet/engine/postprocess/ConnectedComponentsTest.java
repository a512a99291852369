package io.masklet.engine.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  @Test
  void diagonalNeighboursJoinOneComponent() {
    byte[] mask = {
        1, 0, 0, 0,
        0, 1, 0, 1,
        0, 0, 0, 1,
    };
    // (0,0)-(1,1) touch diagonally: one component of 2; (1,3)-(2,3) another of 2
    int[] areas = ConnectedComponents.componentAreas(mask, 3, 4);
    assertArrayEquals(new int[] {2, 0, 0, 0, 0, 2, 0, 2, 0, 0, 0, 2}, areas);
  }

  @Test
  void fillsSmallHolesAndRemovesSmallSprinklesFromTheOriginalLogits() {
    int h = 6, w = 8;
    float[] logits = new float[h * w];
    java.util.Arrays.fill(logits, -5f);
    // a 4x4 foreground square with a one-pixel hole, plus a lone foreground pixel
    for (int y = 1; y <= 4; y++) {
      for (int x = 1; x <= 4; x++) {
        logits[y * w + x] = 3f;
      }
    }
    logits[2 * w + 2] = -1f; // hole of area 1
    logits[0] = 2f; // touches the square diagonally at (1,1): not a sprinkle
    logits[5 * w + 5] = 4f; // touches (4,4) diagonally too
    logits[0 * w + 7] = 1f; // isolated sprinkle of area 1
    ConnectedComponents.removeSmallRegions(logits, h, w, 0f, 2, 2);
    assertEquals(10f, logits[2 * w + 2]);
    assertEquals(-10f, logits[7]);
    assertEquals(2f, logits[0]);
    assertEquals(4f, logits[5 * w + 5]);
    assertEquals(-5f, logits[3 * w + 0], "the large background stays");
  }
}
