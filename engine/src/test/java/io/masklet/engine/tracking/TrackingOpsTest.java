package io.masklet.engine.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingOpsTest {
  @Test
  void holesUpToTheAreaAreFilledWithPointOneUsingEightConnectivity() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] v = new float[8 * 8];
      java.util.Arrays.fill(v, 5f);
      // a 2x2 background hole (area 4) and two diagonal background pixels touching corners
      // (8-connected: one component of area 2)
      v[1 * 8 + 1] = -1f;
      v[1 * 8 + 2] = -1f;
      v[2 * 8 + 1] = -1f;
      v[2 * 8 + 2] = 0f; // score 0 counts as background
      v[5 * 8 + 5] = -3f;
      v[6 * 8 + 6] = -3f;
      NDArray out = MaskOps.fillHoles(m.create(v, new Shape(1, 1, 8, 8)), 3);
      float[] o = out.toFloatArray();
      assertEquals(-1f, o[1 * 8 + 1], "area-4 hole is larger than 3 and stays");
      assertEquals(0.1f, o[5 * 8 + 5], "diagonal pair is one 8-connected hole of area 2");
      assertEquals(0.1f, o[6 * 8 + 6]);
      assertEquals(5f, o[0]);
    }
  }

  @Test
  void bfloat16RoundingIsRoundToNearestEven() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // 1 + 2^-8 is halfway between bf16 neighbours 1 and 1 + 2^-7: ties go to even (1)
      float tie = 1f + (float) Math.pow(2, -8);
      float above = Math.nextUp(tie);
      float[] r = MaskOps.roundToBfloat16(m.create(new float[] {tie, above, -3.14159f})).toFloatArray();
      assertEquals(1f, r[0]);
      assertEquals(1f + (float) Math.pow(2, -7), r[1]);
      assertEquals(-3.140625f, r[2]);
    }
  }

  @Test
  void closestConditioningFramesAreTheNearestBeforeAndAfterThenByDistance() {
    Map<Integer, FrameOutput> cond = new LinkedHashMap<>();
    for (int t : new int[] {0, 10, 20, 30, 40}) {
      cond.put(t, null);
    }
    var sel = CondFrameSelection.selectClosest(22, cond, 3);
    assertEquals(List.of(20, 30, 10), List.copyOf(sel.selected().keySet()));
    assertEquals(List.of(0, 40), List.copyOf(sel.unselected().keySet()));
    var all = CondFrameSelection.selectClosest(22, cond, -1);
    assertEquals(5, all.selected().size());
  }

  @Test
  void sinePositionEncodingIsSinesThenCosinesOverGeometricFrequencies() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] pe = MaskOps.sinePe1d(m.create(new float[] {0.5f}), 8).toFloatArray();
      // pe_dim 4: dim_t = 10000^(2*floor(i/2)/4) = 1, 1, 100, 100
      double[] dimT = {1, 1, 100, 100};
      for (int i = 0; i < 4; i++) {
        assertEquals(Math.sin(0.5 / dimT[i]), pe[i], 1e-6);
        assertEquals(Math.cos(0.5 / dimT[i]), pe[4 + i], 1e-6);
      }
    }
  }
}
