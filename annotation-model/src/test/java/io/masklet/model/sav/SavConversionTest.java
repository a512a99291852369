package io.masklet.model.sav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.masklet.model.project.Annotation;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SA-V ⇄ project: frame numbering both ways, and what a project cannot carry. */
class SavConversionTest {
  @TempDir Path dir;

  private static Project project(int frameCount, int... maskedFrames) {
    Annotation a = new Annotation(new MediaSource(MediaSource.Kind.VIDEO, "v.mp4", frameCount,
        30, 6, 4));
    a.putObject(new TrackedObject(1, "object", "#ff0000"));
    for (int f : maskedFrames) {
      byte[] m = new byte[24];
      m[f % 24] = 1;
      a.setMask(1, f, FrameMask.unscored(Rle.encode(m, 4, 6), Provenance.PROPAGATED));
    }
    return a.snapshot();
  }

  @Test
  void aFileWrittenForMasksOnEveryFrameReadsBackOnTheSameFrames() throws Exception {
    Project p = project(10, 0, 1, 2, 3, 5, 9);
    Path file = dir.resolve("v_manual.json");
    SavJson.write(SavConversion.fromProject(p, "v"), file);
    SavVideo sav = SavJson.read(file);
    assertEquals(10, sav.frames().size(), "one row per video frame");
    assertEquals(1, SavConversion.annotationStride(sav));
    Project back = SavConversion.toProject(sav, "v.mp4");
    assertEquals(10, back.source().frameCount());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
        List.copyOf(back.masklet(1).frames().keySet()), "every row is a frame, none stretched");
    for (int f : new int[] {0, 1, 2, 3, 5, 9}) {
      assertEquals(p.masklet(1).at(f).rle(), back.masklet(1).at(f).rle(), "frame " + f);
    }
  }

  @Test
  void aSavVideoWithADuplicatedMaskletIdDoesNotConvert() {
    SavVideo one = SavConversion.fromProject(project(4, 0), "v");
    SavMasklet m = one.masklets().get(0);
    List<Rle> row = one.frames().get(0);
    SavVideo twice = new SavVideo("v", 0, 4, 4, 6, 24, "", "",
        List.of(List.of(row.get(0), row.get(0))), List.of(m, m));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavConversion.toProject(twice, "v.mp4"));
    // object 1 of the project is masklet 0 in SA-V
    assertEquals("masklet id 0 is used twice", e.getMessage());
  }

  @Test
  void masksOnMultiplesOfFourKeepTheReleaseStride() throws Exception {
    Project p = project(10, 0, 4, 8);
    SavVideo sav = SavConversion.fromProject(p, "v");
    assertEquals(3, sav.frames().size());
    assertEquals(4, SavConversion.annotationStride(sav));
    Project back = SavConversion.toProject(sav, "v.mp4");
    assertEquals(10, back.source().frameCount());
    assertEquals(List.of(0, 4, 8), List.copyOf(back.masklet(1).frames().keySet()));
  }

  @Test
  void theReleaseFileIsReadWithStrideFourAndKeepsItsMetadataThroughAProject() throws Exception {
    SavVideo orig = SavJson.read(SavJsonTest.savFile());
    assertEquals(4, SavConversion.annotationStride(orig));
    Project p = SavConversion.toProject(orig, "sav_000001.mp4");
    assertEquals(483, p.source().frameCount());
    assertEquals(480, p.masklets().get(0).frames().lastKey());
    SavVideo again = SavConversion.withMetadataOf(SavConversion.fromProject(p, "sav_000001"), orig);
    assertEquals(orig.videoEnvironment(), again.videoEnvironment());
    assertEquals(orig.videoSplit(), again.videoSplit());
    assertEquals(orig.masklets(), again.masklets());
    assertEquals(orig.frames(), again.frames());
  }
}
