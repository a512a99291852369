package io.masklet.app.ui.project;

import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.project.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectViewModelTest {
  @TempDir Path tmp;

  @Test
  void saveThenReopenRestoresObjectsMasksAndPrompts() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    t.vm.editor().addPoint(1, redX(1) + 2, RED_Y + 2, true);
    t.ws.currentFrameProperty().set(1);
    t.vm.propagation().propagate(Direction.FORWARD);
    Path file = tmp.resolve("clip.masklet.json");
    t.vm.project().saveAs(file);
    assertFalse(t.ws.dirtyProperty().get());
    Project saved = ProjectFile.load(file);
    assertEquals(1, saved.objects().size());
    assertEquals(7, saved.masklets().get(0).frames().size());

    TestWorkspace u = new TestWorkspace(tmp, 64, 48, 8);
    u.vm.project().open(file);
    int id = u.ws.session().objects().get(0).id();
    assertEquals(file, u.ws.projectFileProperty().get());
    assertEquals(video.toAbsolutePath(), u.ws.mediaPathProperty().get().toAbsolutePath());
    assertEquals(Provenance.PROMPTED, u.ws.session().mask(id, 1).provenance());
    assertEquals(Provenance.PROPAGATED, u.ws.session().mask(id, 5).provenance());
    assertEquals(1, u.ws.session().prompts(id, 1).points().size());
    assertEquals(t.ws.session().mask(id, 5).rle(), u.ws.session().mask(id, 5).rle());
  }

  @Test
  void loadingAModelAfterOpeningAProjectReplaysItsPrompts() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    t.vm.editor().addPoint(2, redX(2) + 2, RED_Y + 2, true);
    Path file = tmp.resolve("p.masklet.json");
    t.vm.project().saveAs(file);

    TestWorkspace u = new TestWorkspace(tmp, 64, 48, 8);
    u.vm.project().open(file);
    u.vm.engine().loadCheckpoint(tmp.resolve("m.pt"), null);
    assertTrue(u.engine.calls.contains("predict f2 o1 n1"), u.engine.calls.toString());
    assertTrue(u.ws.engineVideoReadyProperty().get());
  }

  @Test
  void autosaveWithoutProjectFileGoesToRecoveryAndIsOfferedBack() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    assertTrue(t.vm.project().recoveryFor(video).isEmpty());
    t.vm.editor().addPoint(0, redX(0) + 2, RED_Y + 2, true);
    t.vm.project().autosave();
    Path rec = t.vm.project().recoveryFor(video).orElseThrow();
    assertEquals(1, ProjectFile.load(rec).objects().size());

    // "crash": a new workstation opens the same video and recovers
    TestWorkspace u = new TestWorkspace(tmp, 64, 48, 8);
    u.vm.project().recover(video, rec);
    assertEquals(1, u.ws.session().objects().size());
    assertNull(u.ws.projectFileProperty().get(), "recovered work still needs a Save As");
    // saving as a project discards the recovery file
    u.vm.project().saveAs(tmp.resolve("saved.masklet.json"));
    assertTrue(u.vm.project().recoveryFor(video).isEmpty());
  }

  @Test
  void recoveryFilesAreListedNewestFirstWithTheirMedia() throws Exception {
    Path a = Files.createFile(tmp.resolve("a.mp4"));
    Path b = Files.createFile(tmp.resolve("b.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(a);
    t.vm.editor().addObject("x");
    t.vm.project().autosave();
    Thread.sleep(20);
    TestWorkspace u = new TestWorkspace(tmp, 64, 48, 8).openWithModel(b);
    u.vm.editor().addObject("y");
    u.vm.project().autosave();
    Files.setLastModifiedTime(u.vm.project().recoveryFor(b).orElseThrow(),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    var entries = new TestWorkspace(tmp, 64, 48, 8).vm.project().recoverable();
    assertEquals(2, entries.size());
    assertEquals(b.toAbsolutePath(), entries.get(0).media());
    assertEquals(a.toAbsolutePath(), entries.get(1).media());
  }

  @Test
  void exportedDatasetReopensWithItsMasks() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    t.vm.editor().addPoint(0, redX(0) + 2, RED_Y + 2, true);
    t.vm.propagation().propagate(Direction.FORWARD);
    Path dir = tmp.resolve("ds");
    t.vm.export().export(io.masklet.app.ui.export.ExportFormat.BMP_JSON, dir, p -> { });
    TestWorkspace u = new TestWorkspace(tmp, 64, 48, 8);
    u.vm.project().open(dir);
    assertEquals(dir.resolve("images"), u.ws.mediaPathProperty().get());
    int id = u.ws.session().objects().get(0).id();
    for (int f = 0; f < 8; f++) {
      assertEquals(t.ws.session().mask(id, f).rle(), u.ws.session().mask(id, f).rle());
      assertEquals(Provenance.EDITED, u.ws.session().mask(id, f).provenance());
    }
  }

  @Test
  void autosaveWritesTheProjectFileWhenThereIsOne() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    Path file = tmp.resolve("p.masklet.json");
    t.vm.project().saveAs(file);
    t.vm.editor().addObject("late");
    assertTrue(t.ws.dirtyProperty().get());
    t.vm.project().autosave();
    assertEquals("late", ProjectFile.load(file).objects().get(0).label());
    assertFalse(t.ws.dirtyProperty().get());
  }

  @Test
  void openingAnotherDocumentFirstWritesTheOpenOnesEdits() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    Path other = Files.createFile(tmp.resolve("other.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    Path file = tmp.resolve("p.masklet.json");
    t.vm.project().saveAs(file);
    t.vm.editor().addObject("unsaved");
    t.vm.project().open(other);
    assertEquals(other, t.ws.mediaPathProperty().get());
    assertEquals("unsaved", ProjectFile.load(file).objects().get(0).label());

    // without a project file the edits go to the recovery file, by any way in (here a project)
    t.vm.editor().addObject("unsaved too");
    t.vm.project().open(file);
    assertEquals("unsaved too",
        ProjectFile.load(t.vm.project().recoveryFor(other).orElseThrow()).objects().get(0).label());
  }

  @Test
  void projectWhoseVideoChangedSizeIsRefused() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    Path file = tmp.resolve("p.masklet.json");
    t.vm.project().saveAs(file);
    TestWorkspace other = new TestWorkspace(tmp, 32, 48, 8);
    other.vm.project().open(file);
    assertNull(other.ws.session());
    assertTrue(other.ws.statusMessageProperty().get().contains("expects 64x48"),
        other.ws.statusMessageProperty().get());
  }

  @Test
  void missingFileIsReportedNotThrown() {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8);
    t.vm.project().open(tmp.resolve("nope.mp4"));
    assertTrue(t.ws.statusMessageProperty().get().contains("no such file"));
  }

  @Test
  void projectsSaveAsMaskletJsonAndOpenUnderEitherInstallerExtension() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 8).openWithModel(video);
    assertEquals(tmp.resolve("clip.masklet.json").toAbsolutePath(),
        t.vm.project().suggestedProjectFile(), "new projects are <media>.masklet.json");
    t.vm.editor().addPoint(1, redX(1) + 2, RED_Y + 2, true);
    // the Windows installer associates the single extension .masklet
    Path windows = tmp.resolve("clip.masklet");
    t.vm.project().saveAs(windows);
    assertTrue(ProjectViewModel.isProjectFile(windows));

    TestWorkspace u = new TestWorkspace(tmp, 64, 48, 8);
    u.vm.project().open(windows);
    assertEquals(windows, u.ws.projectFileProperty().get(), ".masklet opened as a project");
    assertEquals(1, u.ws.session().objects().size());
    assertEquals(video.toAbsolutePath(), u.ws.mediaPathProperty().get().toAbsolutePath());
    // saving again keeps the name it was opened under
    u.vm.project().save();
    assertEquals(windows, u.ws.projectFileProperty().get());
    assertFalse(ProjectViewModel.isProjectFile(video));
  }

  @Test
  void saveDialogNamesGetTheProjectSuffix() {
    assertEquals(tmp.resolve("a.masklet.json"),
        ProjectViewModel.projectFileFor(tmp.resolve("a.masklet.json")));
    assertEquals(tmp.resolve("a.masklet"), ProjectViewModel.projectFileFor(tmp.resolve("a.masklet")));
    assertEquals(tmp.resolve("a.masklet.json"), ProjectViewModel.projectFileFor(tmp.resolve("a")));
    assertEquals(tmp.resolve("a.masklet.json"),
        ProjectViewModel.projectFileFor(tmp.resolve("a.json")));
    assertEquals(tmp.resolve("a.mp4.masklet.json"),
        ProjectViewModel.projectFileFor(tmp.resolve("a.mp4")));
  }
}
