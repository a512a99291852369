package io.masklet.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ChunkedTest {
  @Test
  void updateRowsWritesEachSliceIntoTheArrayItself() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      m.getEngine().setRandomSeed(3);
      NDArray x = m.randomNormal(new Shape(1000, 12));
      NDArray w = m.randomNormal(new Shape(12, 12));
      NDArray expected = x.add(x.matMul(w).tanh());
      int arraysBefore = m.getManagedArrays().size();
      // 1000 rows in slices of 64: the last slice is short
      NDArray out = Chunked.updateRows(x, 64, t -> t.addi(t.matMul(w).tanh()));
      assertSame(x, out);
      assertEquals(arraysBefore, m.getManagedArrays().size(), "slice temporaries are freed");
      assertEquals(0f, x.sub(expected).abs().max().getFloat(), "bit-identical to the unchunked residual");
    }
  }

  @Test
  void overRangesConcatenatesResultsInTheOwner() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray x = m.arange(0f, 100f).reshape(50, 2);
      NDArray out = Chunked.alongFirstAxis(x, 7, t -> t.mul(2));
      assertEquals(new Shape(50, 2), out.getShape());
      assertTrue(out.contentEquals(x.mul(2)));
      assertSame(m, out.getManager());
    }
  }
}
