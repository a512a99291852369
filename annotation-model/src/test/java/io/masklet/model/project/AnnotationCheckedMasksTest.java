package io.masklet.model.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.rle.Rle;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AnnotationCheckedMasksTest {
  @Test
  void replacingAnObjectsMasksInstallsTheCheckedCopy() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    TreeMap<Integer, FrameMask> frames = new TreeMap<>(a.masks(1));
    FrameMask full = FrameMask.unscored(Rle.full(23, 31), Provenance.EDITED);
    frames.put(1, full);
    frames.remove(0);
    Annotation.CheckedMasks checked = a.checkMasks(1, frames);
    frames.clear(); // the checked masks are a copy
    Project before = a.snapshot(); // the masklet it shares must not outlive the replacement
    long rev = a.revision();
    a.replaceMasks(checked);
    assertTrue(a.revision() > rev);
    assertNull(a.mask(1, 0));
    assertEquals(full, a.mask(1, 1));
    assertEquals(full, a.snapshot().masklet(1).at(1));
    assertNull(a.snapshot().masklet(1).at(0));
    assertEquals(Fixtures.smallProject().masklet(1), before.masklet(1), "the earlier snapshot");
    assertEquals(Fixtures.smallProject().masklet(4), a.snapshot().masklet(4), "others kept");
    assertThrows(IllegalStateException.class, () -> a.replaceMasks(checked), "used once");
  }

  @Test
  void checkingRejectsWhatSetMaskRejects() {
    Annotation a = Annotation.of(Fixtures.smallProject());
    TreeMap<Integer, FrameMask> frames = new TreeMap<>();
    frames.put(0, FrameMask.unscored(Rle.empty(5, 5), Provenance.EDITED));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> a.checkMasks(1, frames))
        .getMessage().contains("is 5x5, media is 31x23"));
    frames.clear();
    frames.put(3, FrameMask.unscored(Rle.empty(23, 31), Provenance.EDITED));
    assertThrows(IllegalArgumentException.class, () -> a.checkMasks(1, frames));
    frames.clear();
    frames.put(0, null);
    assertThrows(NullPointerException.class, () -> a.checkMasks(1, frames));

    Annotation.CheckedMasks forGone = a.checkMasks(1, new TreeMap<>());
    a.removeObject(1);
    assertThrows(IllegalArgumentException.class, () -> a.replaceMasks(forGone));
    Annotation other = Annotation.of(Fixtures.smallProject());
    assertThrows(IllegalArgumentException.class,
        () -> other.replaceMasks(a.checkMasks(4, new TreeMap<>())), "another annotation");
  }
}
