package io.masklet.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.rle.Rle;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotationTest {

  @Test
  void snapshotsAreUnaffectedByLaterEdits() {
    Project p = Fixtures.smallProject();
    Annotation a = Annotation.of(p);
    assertEquals(p, a.snapshot());
    a.setMask(4, 0, FrameMask.unscored(Rle.full(23, 31), Provenance.EDITED));
    assertNull(p.masklet(4).at(0));
    assertEquals(Rle.full(23, 31), a.snapshot().masklet(4).at(0).rle());
  }

  @Test
  void removingAnObjectDropsItsMasksAndPrompts() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    long rev = a.revision();
    a.removeObject(1);
    assertTrue(a.revision() > rev);
    assertTrue(a.masks(1).isEmpty());
    assertTrue(a.promptsAt(0).isEmpty());
    assertEquals(List.of(4), a.snapshot().masklets().stream().map(Masklet::objectId).toList());
    assertEquals(1, a.nextObjectId());
  }

  @Test
  void masksAtCollectsEveryObjectOnAFrame() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    assertEquals(List.of(1, 4), List.copyOf(a.masksAt(2).keySet()));
    assertEquals(List.of(1), List.copyOf(a.masksAt(0).keySet()));
  }

  @Test
  void rejectsMasksOfTheWrongSizeFrameOrObject() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    FrameMask small = FrameMask.unscored(Rle.empty(5, 5), Provenance.EDITED);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> a.setMask(1, 0, small))
        .getMessage().contains("is 5x5, media is 31x23"));
    FrameMask ok = FrameMask.unscored(Rle.empty(23, 31), Provenance.EDITED);
    assertThrows(IllegalArgumentException.class, () -> a.setMask(1, 3, ok));
    assertThrows(IllegalArgumentException.class, () -> a.setMask(9, 0, ok));
  }
}
