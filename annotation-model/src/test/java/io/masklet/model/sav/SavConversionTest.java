package io.masklet.model.sav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.masklet.model.project.Annotation;
import io.masklet.model.project.Fixtures;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SA-V ⇄ project: frame numbering both ways, and what a project keeps of an SA-V file. */
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
  void theReleaseFileIsReadWithStrideFourAndComesBackWholeFromItsProject() throws Exception {
    SavVideo orig = SavJson.read(SavJsonTest.savFile());
    assertEquals(4, SavConversion.annotationStride(orig));
    Project p = SavConversion.toProject(orig, "sav_000001.mp4");
    assertEquals(483, p.source().frameCount());
    assertEquals(480, p.masklets().get(0).frames().lastKey());
    SavVideo again = SavConversion.fromProject(p, "sav_000001");
    assertEquals(orig, again);
  }

  @Test
  void theReleaseFileComesBackByteForByteThroughASavedAndReopenedProject() throws Exception {
    Path src = SavJsonTest.savFile();
    Path project = dir.resolve("sav_000001.masklet.json");
    ProjectFile.save(SavConversion.toProject(SavJson.read(src), "sav_000001.mp4"), project);
    Path out = dir.resolve("sav_000001_manual.json");
    SavJson.write(SavConversion.fromProject(ProjectFile.load(project), "sav_000001"), out);
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out),
        "environment, split, duration, edited-frame counts, types and masks kept");
  }

  @Test
  void aSavFileThroughAProjectKeepsItsDescriptionAndRecomputesWhatTheMasksGive()
      throws Exception {
    Path file = dir.resolve("sav_synthetic_auto.json");
    SavJson.write(Fixtures.savSynthetic(), file);
    Path project = dir.resolve("p.masklet.json");
    ProjectFile.save(SavConversion.toProject(SavJson.read(file), "sav_synthetic.mp4"), project);
    SavVideo back = SavConversion.fromProject(ProjectFile.load(project), "sav_synthetic");

    SavVideo orig = Fixtures.savSynthetic();
    assertEquals("Outdoor", back.videoEnvironment());
    assertEquals("val", back.videoSplit());
    assertEquals(2.613, back.videoDuration(), 0.0, "the file's duration, not 12 / (12 / 2.613)");
    assertEquals(orig.frames(), back.frames());
    for (int i = 0; i < 2; i++) {
      SavMasklet m = back.masklets().get(i), o = orig.masklets().get(i);
      SavStats st = orig.stats(i);
      assertEquals(o.id(), m.id());
      assertEquals(o.type(), m.type(), "type of masklet " + i);
      assertEquals(o.editedFrameCount(), m.editedFrameCount(), "edited frames of masklet " + i);
      assertEquals(o.stabilityScores(), m.stabilityScores(), "scores of masklet " + i);
      // the stale columns are recomputed from the masks, not copied
      assertEquals(new SavMasklet(o.id(), st.sizeRel(), st.sizeAbs(), st.sizeBucket(),
          st.visibilityChanges(), st.firstAppearedFrame(), st.frameCount(),
          o.editedFrameCount(), o.type(), o.stabilityScores()), m);
    }
    assertEquals(3, back.masklets().get(0).frameCount());
    assertEquals(1, back.masklets().get(1).firstAppearedFrame());
  }

  @Test
  void editsAfterTheImportUpdateTheCountsAndDropStaleScoresAndNewObjectsGetDefaults()
      throws Exception {
    Project imported = SavConversion.toProject(Fixtures.savSynthetic(), "sav_synthetic.mp4");
    Annotation a = Annotation.of(imported);
    // object 1 (masklet 0): a hand edit on video frame 4 and a propagated mask on frame 8
    a.setMask(1, 4, FrameMask.unscored(Fixtures.pixels(0, 9), Provenance.EDITED));
    a.setMask(1, 8, new FrameMask(Fixtures.pixels(1, 9), Provenance.PROPAGATED, 2.5));
    // object 2 (masklet 1): a click on frame 0, where the auto masklet was absent
    a.setMask(2, 0, new FrameMask(Fixtures.pixels(20, 2), Provenance.PROMPTED, 4.0));
    // an object added in the workstation, prompted on frame 4 and propagated to frame 8
    a.putObject(new TrackedObject(3, "cup", "#00ff00"));
    a.setMask(3, 4, new FrameMask(Fixtures.pixels(7, 1), Provenance.PROMPTED, 1.0));
    a.setMask(3, 8, new FrameMask(Fixtures.pixels(7, 2), Provenance.PROPAGATED, 1.0));
    Path project = dir.resolve("edited.masklet.json");
    ProjectFile.save(a.snapshot(), project);
    SavVideo back = SavConversion.fromProject(ProjectFile.load(project), "sav_synthetic");

    assertEquals("Outdoor", back.videoEnvironment());
    assertEquals(List.of(0, 1, 2), back.masklets().stream().map(SavMasklet::id).toList());
    SavMasklet m0 = back.masklets().get(0), m1 = back.masklets().get(1);
    SavMasklet m2 = back.masklets().get(2);
    assertEquals(2 + 1, m0.editedFrameCount(), "the file's 2 and the hand edit; propagation "
        + "is not an edit");
    assertEquals(0 + 1, m1.editedFrameCount(), "the click");
    assertEquals("auto", m1.type());
    assertEquals(null, m1.stabilityScores(), "the scores no longer describe the masks");
    assertEquals(back.stats(0).sizeAbs(), m0.sizeAbs(), 0.0);
    assertEquals(0, m1.firstAppearedFrame(), "visible from the click on, recomputed");
    assertEquals(new SavMasklet(2, back.stats(2).sizeRel(), back.stats(2).sizeAbs(),
        back.stats(2).sizeBucket(), back.stats(2).visibilityChanges(), 1, 3, 1, "manual", null),
        m2, "a new object: manual, its prompted frames counted as edited");
  }

  @Test
  void anObjectThatReusesADeletedObjectsIdDoesNotInheritItsSavFacts() {
    Annotation a = Annotation.of(SavConversion.toProject(Fixtures.savSynthetic(), "sav_synthetic.mp4"));
    TrackedObject auto = a.object(2);
    a.removeObject(2);
    a.putObject(new TrackedObject(2, "cup", "#00ff00"));
    a.setMask(2, 4, FrameMask.unscored(Fixtures.pixels(13, 2), Provenance.PROPAGATED));
    SavMasklet reused = SavConversion.fromProject(a.snapshot(), "v").masklets().get(1);
    assertEquals("manual", reused.type());
    assertEquals(0, reused.editedFrameCount());
    assertEquals(null, reused.stabilityScores());

    // an undone delete puts the object back as it was, SA-V facts included
    a.removeObject(2);
    a.putObject(auto);
    Project p = SavConversion.toProject(Fixtures.savSynthetic(), "sav_synthetic.mp4");
    p.masklet(2).frames().forEach((f, m) -> a.setMask(2, f, m));
    assertEquals(Fixtures.savSynthetic().masklets().get(1).stabilityScores(),
        SavConversion.fromProject(a.snapshot(), "v").masklets().get(1).stabilityScores());
  }

  @Test
  void aProjectWithoutSavOriginTakesTheGivenVideoIdAndEmptyDescription() {
    Project p = project(8, 0, 4);
    SavVideo sav = SavConversion.fromProject(p, SavConversion.videoIdOf(p, "clip"));
    assertEquals("clip", sav.videoId());
    assertEquals("", sav.videoEnvironment());
    assertEquals("", sav.videoSplit());
    assertEquals("manual", sav.masklets().get(0).type());
    Project fromSav = SavConversion.toProject(Fixtures.savSynthetic(), "elsewhere.mp4");
    assertEquals("sav_synthetic", SavConversion.videoIdOf(fromSav, "elsewhere"));
  }
}
