package io.masklet.engine.modeling.backbones;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class WindowsTest {
  @Test
  void partitionPadsWithZerosAndUnpartitionRestoresTheMap() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.randomNormal(new Shape(2, 10, 9, 3));
      Windows.Partition p = Windows.partition(x, 4);
      // 10 x 9 padded to 12 x 12: 3 x 3 windows per image
      assertEquals(new Shape(18, 4, 4, 3), p.windows().getShape());
      assertEquals(12, p.paddedH());
      assertEquals(12, p.paddedW());
      // window (image 0, row 0, col 2) covers columns 8..11: column 8 real, 9..11 padding
      NDArray w = p.windows().get(2);
      assertArrayEquals(x.get("0, 0:4, 8:9, :").toFloatArray(), w.get(":, 0:1, :").toFloatArray());
      assertEquals(0f, w.get(":, 1:, :").abs().sum().getFloat());
      NDArray back = Windows.unpartition(p.windows(), 4, 12, 12, 10, 9);
      assertArrayEquals(x.toFloatArray(), back.toFloatArray());
    }
  }

  @Test
  void unpartitionAddEqualsShortcutPlusUnpartitionedWindowsExactly() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      // exact tiling (read through a strided view) and padded (unpartitioned, then cropped)
      for (long[] hw : new long[][] {{8, 12}, {10, 9}}) {
        NDArray x = m.randomNormal(new Shape(2, hw[0], hw[1], 5));
        NDArray shortcut = m.randomNormal(new Shape(2, hw[0], hw[1], 5));
        Windows.Partition p = Windows.partition(x, 4);
        // stands for the attention output: any values in window layout
        NDArray windows = p.windows().mul(3).add(1);
        NDArray expected = Windows.unpartition(windows, 4, p.paddedH(), p.paddedW(), hw[0], hw[1])
            .add(shortcut);
        NDArray sum = Windows.unpartitionAdd(windows, 4, p.paddedH(), p.paddedW(), shortcut);
        assertEquals(shortcut.getShape(), sum.getShape());
        assertArrayEquals(expected.toFloatArray(), sum.toFloatArray(), 0f);
      }
    }
  }
}
