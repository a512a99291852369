package io.masklet.app.ui.export;

import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_X;
import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.model.coco.CocoInstances;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.png.PngMasks;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.rle.Rle;
import io.masklet.model.sav.SavConversion;
import io.masklet.model.sav.SavJson;
import io.masklet.model.sav.SavMasklet;
import io.masklet.model.sav.SavVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every export format writes the session's masks so that reading the files gives them back. */
class ExportViewModelTest {
  @TempDir Path tmp;
  TestWorkspace t;
  Project session;

  @BeforeEach
  void annotate() throws Exception {
    t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(Files.createFile(tmp.resolve("clip.mp4")));
    t.vm.editor().addPoint(0, redX(0) + 2, RED_Y + 2, true);
    t.vm.editor().addObject("blue");
    t.vm.editor().addPoint(0, BLUE_X + 2, BLUE_Y + 2, true);
    t.vm.propagation().propagate(Direction.FORWARD);
    session = t.ws.session().snapshot();
  }

  private Path export(ExportFormat f) {
    AtomicReference<Path> done = new AtomicReference<>();
    Path target = t.vm.export().suggestedTarget(f);
    t.vm.export().export(f, target, done::set);
    assertEquals(target, done.get(), t.ws.statusMessageProperty().get());
    return target;
  }

  private void assertSameMasks(Project read, Function<Integer, Integer> frameMap) {
    for (Masklet m : session.masklets()) {
      Masklet r = read.masklet(m.objectId());
      m.frames().forEach((f, mask) -> assertEquals(mask.rle(), r.at(frameMap.apply(f)).rle(),
          "object " + m.objectId() + " frame " + f));
    }
  }

  @Test
  void bmpJsonDataset() throws Exception {
    Path dir = export(ExportFormat.BMP_JSON);
    assertEquals(tmp.resolve("clip_dataset"), dir);
    assertSameMasks(BmpJsonDataset.read(dir), f -> f);
    assertTrue(Files.isRegularFile(BmpJsonDataset.imageFile(dir, "clip", 7)));
  }

  @Test
  void exportingAgainReplacesTheEarlierExportWhole() throws Exception {
    Path dir = export(ExportFormat.PNG_INDEXED);
    Path stale = Files.writeString(dir.resolve("0099.png"), "a frame of an earlier export");
    assertEquals(dir, export(ExportFormat.PNG_INDEXED));
    assertFalse(Files.exists(stale), "no frame of the earlier export stays");
    assertSameMasks(PngMasks.read(dir), f -> f);
  }

  @Test
  void aChosenFolderOfOtherFilesGetsTheExportInASubfolderAndKeepsItsFiles() throws Exception {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Path notes = Files.writeString(mine.resolve("notes.txt"), "mine");
    AtomicReference<Path> done = new AtomicReference<>();
    t.vm.export().export(ExportFormat.BMP_JSON, mine, done::set);
    assertEquals(mine.resolve("clip_dataset"), done.get(), t.ws.statusMessageProperty().get());
    assertEquals("mine", Files.readString(notes));
    assertSameMasks(BmpJsonDataset.read(done.get()), f -> f);
  }

  @Test
  void theFolderOfTheOpenMediaIsNeverReplacedEvenWhenItLooksLikeAnExport() throws Exception {
    // the open "video" is a folder of numbered frames, exactly what indexed PNG masks look like
    Path frames = Files.createDirectories(tmp.resolve("frames"));
    Path frame = Files.writeString(frames.resolve("00000.png"), "a frame");
    t.ws.mediaPathProperty().set(frames);
    AtomicReference<Path> done = new AtomicReference<>();
    t.vm.export().export(ExportFormat.PNG_INDEXED, frames, done::set);
    assertEquals(frames.resolve("frames_masks"), done.get(), t.ws.statusMessageProperty().get());
    assertEquals("a frame", Files.readString(frame));
  }

  @Test
  void cocoInstances() throws Exception {
    assertSameMasks(CocoInstances.read(export(ExportFormat.COCO)), f -> f);
  }

  @Test
  void pngMasksBothLayouts() throws Exception {
    assertSameMasks(PngMasks.read(export(ExportFormat.PNG_PER_OBJECT)), f -> f);
    // the two squares never overlap, so the indexed layout is exact too
    assertSameMasks(PngMasks.read(export(ExportFormat.PNG_INDEXED)), f -> f);
  }

  @Test
  void savJsonKeepsEveryFrameWhenNotOnTheStrideOfFour() throws Exception {
    Project read = SavConversion.toProject(SavJson.read(export(ExportFormat.SAV_JSON)), "clip");
    // frames 0..7 are not all multiples of 4, so the writer stores every frame (stride 1), and
    // the reader, finding a row per video frame, reads them back on the same frames
    assertSameMasks(read, f -> f);
  }

  @Test
  void aProjectFromSavIsExportedWithTheFilesFactsAfterARenameAndAnUndoneDelete()
      throws Exception {
    // an SA-V file of the 64x48, 8-frame clip annotated on frames 0 and 4, made into a project
    Rle empty = Rle.empty(48, 64);
    Rle a = session.masklet(1).at(0).rle(), b = session.masklet(2).at(4).rle();
    SavVideo file = new SavVideo("sav_clip", 8 / 24.0, 8, 48, 64, 48 * 64, "Outdoor", "test",
        List.of(List.of(a, empty), List.of(a, b)), List.of(
            new SavMasklet(0, 0, 0, "small", 0, 0, 2, 1, "manual", null),
            new SavMasklet(1, 0, 0, "small", 0, 1, 2, 0, "auto", List.of(0.5, 0.75))));
    Path project = tmp.resolve("clip.masklet.json");
    ProjectFile.save(SavConversion.toProject(file, "clip.mp4"), project);

    t.vm.project().open(project);
    assertEquals(project, t.ws.projectFileProperty().get(), t.ws.statusMessageProperty().get());
    t.vm.editor().renameObject(2, "dog");
    t.vm.editor().deleteObject(1);
    assertTrue(t.vm.editor().undo());
    t.vm.project().save();
    TestWorkspace u = new TestWorkspace(tmp, 64, 48, 8);
    u.vm.project().open(project);
    assertEquals("dog", u.ws.session().object(2).label());

    AtomicReference<Path> done = new AtomicReference<>();
    Path target = tmp.resolve("out_manual.json");
    u.vm.export().export(ExportFormat.SAV_JSON, target, done::set);
    assertEquals(target, done.get(), u.ws.statusMessageProperty().get());
    SavVideo back = SavJson.read(target);
    assertEquals("sav_clip", back.videoId(), "the file's id, not the media's name");
    assertEquals("Outdoor", back.videoEnvironment());
    assertEquals("test", back.videoSplit());
    assertEquals(List.of("manual", "auto"), back.masklets().stream().map(SavMasklet::type)
        .toList());
    assertEquals(List.of(1, 0), back.masklets().stream().map(SavMasklet::editedFrameCount)
        .toList());
    assertEquals(List.of(0.5, 0.75), back.masklets().get(1).stabilityScores());
    assertEquals(back.stats(1).sizeAbs(), back.masklets().get(1).sizeAbs(), 0.0,
        "sizes recomputed, not the file's 0");
  }
}
