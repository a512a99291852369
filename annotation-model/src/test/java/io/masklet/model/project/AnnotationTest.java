package io.masklet.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
  void aSnapshotCopiesOnlyTheMaskletsOfObjectsEditedSinceTheLastOne() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    Project first = a.snapshot();
    Project second = a.snapshot();
    assertSame(first.masklet(1), second.masklet(1));
    assertSame(first.masklet(4), second.masklet(4));
    assertSame(first.log(), second.log());

    FrameMask edited = FrameMask.unscored(Rle.full(23, 31), Provenance.EDITED);
    a.setMask(4, 0, edited);
    Project third = a.snapshot();
    assertSame(second.masklet(1), third.masklet(1));
    assertNotSame(second.masklet(4), third.masklet(4));
    assertSame(edited, third.masklet(4).at(0));
    assertNull(second.masklet(4).at(0));

    a.removeMask(1, 2);
    Project fourth = a.snapshot();
    assertNotSame(third.masklet(1), fourth.masklet(1));
    assertNull(fourth.masklet(1).at(2));
    assertEquals(third.masklet(1).frames().size() - 1, fourth.masklet(1).frames().size());
    assertSame(third.masklet(4), fourth.masklet(4));
  }

  @Test
  void anObjectRemovedAndAddedAgainDoesNotGetBackItsOldMasks() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    TrackedObject one = a.object(1);
    Project before = a.snapshot();
    assertTrue(before.masklet(1) != null);
    a.removeObject(1);
    a.putObject(one);
    assertNull(a.snapshot().masklet(1));
    FrameMask m = FrameMask.unscored(Rle.full(23, 31), Provenance.EDITED);
    a.setMask(1, 1, m);
    assertEquals(1, a.snapshot().masklet(1).frames().size());
  }

  @Test
  void aSnapshotSeesEventsLoggedSinceTheLastOne() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    int before = a.snapshot().log().size();
    a.log(new InteractionEvent(java.time.Instant.EPOCH, 0, 1, InteractionEvent.Action.ADD_POINTS, null));
    assertEquals(before + 1, a.snapshot().log().size());
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
