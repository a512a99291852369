package io.masklet.app.ui.propagation;

import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_X;
import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.SQUARE;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.app.ui.timeline.LaneMark;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.project.Provenance;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropagationViewModelTest {
  static final int FRAMES = 12;
  @TempDir Path tmp;
  TestWorkspace t;
  int obj;

  @BeforeEach
  void clickOnFrameFour() throws Exception {
    t = new TestWorkspace(tmp, 64, 48, FRAMES).openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    t.ws.currentFrameProperty().set(4);
    t.vm.editor().addPoint(4, redX(4) + 2, RED_Y + 2, true);
    obj = t.ws.selectedObjectIdProperty().get();
  }

  private AnnotationSession s() {
    return t.ws.session();
  }

  @Test
  void forwardFillsLaterFramesAndKeepsThePromptedOne() {
    t.vm.propagation().propagate(Direction.FORWARD);
    assertFalse(t.ws.propagatingProperty().get());
    for (int f = 0; f < FRAMES; f++) {
      if (f < 4) {
        assertNull(s().mask(obj, f), "frame " + f + " is before the start");
      } else {
        BinaryMask m = s().decode(s().mask(obj, f));
        assertEquals(SQUARE * SQUARE, m.area(), "frame " + f);
        assertTrue(m.get(redX(f) + 1, RED_Y + 1), "mask follows the square on frame " + f);
        assertEquals(f == 4 ? Provenance.PROMPTED : Provenance.PROPAGATED,
            s().mask(obj, f).provenance());
      }
    }
    assertFalse(Double.isNaN(t.ws.propagationFpsProperty().get()));
  }

  @Test
  void bothWaysCoversEveryFrameAndOneUndoRemovesTheRun() {
    t.vm.propagation().propagate(Direction.BOTH);
    assertEquals(FRAMES, s().masks(obj).size());
    assertTrue(t.vm.editor().undo());
    assertEquals(1, s().masks(obj).size(), "only the prompted frame is left");
    assertTrue(t.vm.editor().redo());
    assertEquals(FRAMES, s().masks(obj).size());
  }

  @Test
  void undoingAPropagationMakesTheEngineForgetItsFrames() {
    t.vm.propagation().propagate(Direction.FORWARD);
    assertTrue(t.vm.editor().undo());
    assertEquals("forget o" + obj + " [5, 6, 7, 8, 9, 10, 11]", lastCall(),
        "the prompted frame 4 is not forgotten");
    assertEquals(java.util.Set.of(4), t.engine.tracked.get(obj));
  }

  @Test
  void redoingAnUndonePropagationGivesTheEngineBackWhatItForgot() {
    t.vm.propagation().propagate(Direction.FORWARD);
    java.util.Set<Integer> tracked = java.util.Set.copyOf(t.engine.tracked.get(obj));
    assertEquals(FRAMES - 4, tracked.size());
    assertTrue(t.vm.editor().undo());
    assertEquals(1, t.engine.heldSnapshots.size(), "kept while the redo can happen");
    assertTrue(t.vm.editor().redo());
    assertEquals("restore o" + obj + " [5, 6, 7, 8, 9, 10, 11]", lastCall());
    assertEquals(tracked, t.engine.tracked.get(obj), "the engine remembers the frames again");
    assertTrue(t.engine.heldSnapshots.isEmpty());
    // undone and redone again: the second undo keeps what the engine had after the redo
    assertTrue(t.vm.editor().undo());
    assertTrue(t.vm.editor().redo());
    assertEquals(tracked, t.engine.tracked.get(obj));
    assertTrue(t.engine.heldSnapshots.isEmpty());
  }

  @Test
  void aNewEditAfterUndoingAPropagationReleasesWhatTheEngineForgot() {
    t.vm.propagation().propagate(Direction.FORWARD);
    assertTrue(t.vm.editor().undo());
    t.vm.editor().addPoint(4, redX(4) + 4, RED_Y + 4, true);
    assertTrue(t.engine.calls.contains("release o" + obj + " [5, 6, 7, 8, 9, 10, 11]"),
        t.engine.calls.toString());
    assertTrue(t.engine.heldSnapshots.isEmpty(), "the redo entry is gone, and what it kept");
    assertFalse(t.vm.editor().redo());
    assertEquals(java.util.Set.of(4), t.engine.tracked.get(obj));
  }

  @Test
  void openingAnotherVideoReleasesWhatAnUndonePropagationKept() throws Exception {
    t.vm.propagation().propagate(Direction.FORWARD);
    assertTrue(t.vm.editor().undo());
    t.vm.project().open(Files.createFile(tmp.resolve("other.mp4")));
    assertTrue(t.engine.heldSnapshots.isEmpty());
    assertTrue(t.engine.calls.contains("release o" + obj + " [5, 6, 7, 8, 9, 10, 11]"));
  }

  @Test
  void aRedoAfterTheEngineStateWasRebuiltRestoresNothing() {
    t.vm.propagation().propagate(Direction.FORWARD);
    assertTrue(t.vm.editor().undo());
    // a checkpoint (re)load rebuilds the engine's tracking state from the session's prompts
    t.vm.engine().loadCheckpoint(tmp.resolve("model.pt"), null);
    assertTrue(t.vm.editor().redo());
    assertEquals(FRAMES - 4, s().masks(obj).size(), "the masks are back on screen");
    assertFalse(t.engine.calls.stream().anyMatch(c -> c.startsWith("restore")), "stale state");
    assertFalse(t.engine.tracked.containsKey(obj), "nothing of the old state came back");
    assertTrue(t.engine.heldSnapshots.isEmpty(), "and what was kept is released");
  }

  private String lastCall() {
    return t.engine.calls.get(t.engine.calls.size() - 1);
  }

  @Test
  void backwardLeavesLaterFramesAlone() {
    t.vm.propagation().propagate(Direction.BACKWARD);
    for (int f = 5; f < FRAMES; f++) {
      assertNull(s().mask(obj, f));
    }
    assertEquals(5, s().masks(obj).size());
  }

  @Test
  void cancelKeepsFinishedFramesAsOneUndoableStep() {
    // cancel once three frames have been streamed into the session
    s().addListener(new io.masklet.app.ui.session.SessionListener() {
      @Override
      public void frameChanged(int objectId, int frame) {
        if (frame == 7) {
          t.executor.cancelCurrent();
        }
      }
    });
    t.vm.propagation().propagate(Direction.FORWARD);
    assertFalse(t.ws.propagatingProperty().get());
    assertTrue(t.ws.statusMessageProperty().get().contains("cancelled"),
        t.ws.statusMessageProperty().get());
    int masks = s().masks(obj).size();
    assertTrue(masks >= 4 && masks < FRAMES - 4, "partial run kept: " + masks);
    t.vm.editor().undo();
    assertEquals(1, s().masks(obj).size());
  }

  @Test
  void correctionOnALaterFrameIsNotOverwrittenByRePropagation() {
    t.vm.propagation().propagate(Direction.FORWARD);
    BinaryMask fix = new BinaryMask(64, 48);
    fix.paintDisc(30, 30, 3, true);
    t.vm.editor().commitMaskEdit(8, obj, fix, "Paint");
    t.ws.currentFrameProperty().set(4);
    t.vm.propagation().propagate(Direction.FORWARD);
    assertEquals(Provenance.EDITED, s().mask(obj, 8).provenance());
    assertEquals(fix.area(), s().mask(obj, 8).rle().area());
  }

  @Test
  void erasingTheWholeMaskMarksTheObjectAbsentAndRePropagationKeepsItAbsent() {
    t.vm.propagation().propagate(Direction.FORWARD);
    BinaryMask erased = s().decode(s().mask(obj, 7)).copy();
    erased.paintDisc(redX(7) + SQUARE / 2.0, RED_Y + SQUARE / 2.0, SQUARE, false);
    assertEquals(0, erased.area(), "the stroke erased every pixel");
    t.vm.editor().commitMaskEdit(7, obj, erased, "Erase");

    assertEquals(Provenance.EDITED, s().mask(obj, 7).provenance());
    assertTrue(s().mask(obj, 7).rle().isEmpty());
    assertTrue(s().prompt(obj, 7).marksAbsent(), "kept as an absence prompt");
    assertEquals("mask f7 o" + obj + " area 0", t.engine.calls.get(t.engine.calls.size() - 1));

    t.ws.currentFrameProperty().set(4);
    t.vm.propagation().propagate(Direction.FORWARD);
    for (int f = 5; f < 7; f++) {
      assertEquals(SQUARE * SQUARE, s().mask(obj, f).rle().area(), "frame " + f);
    }
    for (int f = 7; f < FRAMES; f++) {
      assertTrue(AnnotationSession.absent(s().mask(obj, f)), "absent on frame " + f);
    }
    assertEquals(LaneMark.MARKED_ABSENT, t.vm.timeline().mark(obj, 7, 8));
    assertEquals(LaneMark.ABSENT, t.vm.timeline().mark(obj, 9, 10));
  }

  @Test
  void markingAbsentIsOneUndoableEditThatTheEngineFollows() {
    t.vm.propagation().propagate(Direction.FORWARD);
    t.ws.currentFrameProperty().set(9);
    t.vm.canvas().markSelectedAbsentOnFrame();
    assertTrue(s().mask(obj, 9).rle().isEmpty());
    assertEquals("mask f9 o" + obj + " area 0", t.engine.calls.get(t.engine.calls.size() - 1));
    int calls = t.engine.calls.size();
    t.vm.canvas().markSelectedAbsentOnFrame();
    assertEquals(calls, t.engine.calls.size(), "marking twice changes nothing");

    assertTrue(t.vm.editor().undo());
    assertEquals(SQUARE * SQUARE, s().mask(obj, 9).rle().area(), "the propagated mask is back");
    assertNull(s().prompt(obj, 9));
    assertEquals("clear f9 o" + obj, t.engine.calls.get(t.engine.calls.size() - 1));
  }

  @Test
  void erasingWhereNoMaskIsShownChangesNothing() {
    long before = t.ws.history().changeCount();
    t.vm.editor().commitMaskEdit(10, obj, new BinaryMask(64, 48), "Erase");
    assertNull(s().mask(obj, 10));
    assertNull(s().prompt(obj, 10));
    assertEquals(before, t.ws.history().changeCount());
  }

  @Test
  void theSelectedObjectAlonePropagatesAndTheOthersKeepTheirMasks() {
    int blue = t.vm.editor().addObject("blue");
    t.vm.editor().addPoint(4, BLUE_X + 2, BLUE_Y + 2, true);
    t.vm.propagation().propagate(Direction.FORWARD);
    var redMasks = java.util.Map.copyOf(s().masks(obj));
    var blueMasks = java.util.Map.copyOf(s().masks(blue));
    t.ws.currentFrameProperty().set(8);
    t.ws.selectedObjectIdProperty().set(obj);
    t.vm.editor().addPoint(8, redX(8) + 2, RED_Y + 2, true);
    long changes = t.ws.history().changeCount();

    t.vm.propagation().propagateSelected(Direction.FORWARD);

    assertEquals("propagate FORWARD from 8 objects [" + obj + "]", lastCall());
    assertEquals(blueMasks, s().masks(blue), "the other object is left as it was");
    for (int f = 9; f < FRAMES; f++) {
      assertTrue(s().mask(obj, f) != redMasks.get(f), "frame " + f + " propagated again");
    }
    assertTrue(t.ws.statusMessageProperty().get().startsWith(
        "Propagate forward (\u201cobject " + obj + "\u201d only): 3 masks updated"),
        t.ws.statusMessageProperty().get());
    assertEquals(changes + 1, t.ws.history().changeCount(), "one undoable step");
    assertTrue(t.vm.editor().undo());
    assertEquals("forget o" + obj + " [9, 10, 11]", lastCall());
    for (int f = 9; f < FRAMES; f++) {
      assertTrue(s().mask(obj, f) == redMasks.get(f), "frame " + f + " back as it was");
    }
  }

  @Test
  void theSelectedObjectWithoutPromptsIsNotPropagated() {
    int blue = t.vm.editor().addObject("blue");
    int calls = t.engine.calls.size();
    t.ws.selectedObjectIdProperty().set(blue);
    t.vm.propagation().propagateSelected(Direction.BOTH);
    assertEquals(calls, t.engine.calls.size(), "the engine was not asked");
    assertEquals("Nothing to propagate for \u201cblue\u201d: click on it or paint its mask on some"
        + " frame first.", t.ws.statusMessageProperty().get());
    t.ws.selectedObjectIdProperty().set(0);
    t.vm.propagation().propagateSelected(Direction.BOTH);
    assertEquals(calls, t.engine.calls.size());
    assertTrue(t.ws.statusMessageProperty().get().startsWith("Select the object to propagate"),
        t.ws.statusMessageProperty().get());
  }

  /**
   * Opens a BMP+JSON dataset as another tool writes it (masks, no prompts): object 1, the red
   * square, on frame 0 only; object 2, the blue one, on every frame.
   */
  private TestWorkspace openedDataset() throws Exception {
    TestWorkspace author = new TestWorkspace(tmp.resolve("a"), 64, 48, 8)
        .openWithModel(Files.createFile(tmp.resolve("clip.mp4")));
    int red = author.vm.editor().addObject("red");
    author.vm.editor().commitMaskEdit(0, red, square(redX(0), RED_Y), "Paint");
    int blue = author.vm.editor().addObject("blue");
    for (int f = 0; f < 8; f++) {
      author.vm.editor().commitMaskEdit(f, blue, square(BLUE_X, BLUE_Y), "Paint");
    }
    Path dataset = tmp.resolve("dataset");
    BmpJsonDataset.write(author.ws.session().snapshot(), dataset, "clip",
        f -> new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB));

    TestWorkspace opened = new TestWorkspace(tmp.resolve("b"), 64, 48, 8);
    opened.vm.project().open(dataset);
    opened.vm.engine().loadCheckpoint(tmp.resolve("model.pt"), null);
    return opened;
  }

  @Test
  void anOpenedMaskIsAdoptedEvenWhenTheObjectHasAPromptElsewhere() throws Exception {
    TestWorkspace opened = openedDataset();
    int red = 1;
    opened.ws.selectedObjectIdProperty().set(red);
    opened.ws.currentFrameProperty().set(5);
    opened.vm.canvas().markSelectedAbsentOnFrame();
    opened.ws.currentFrameProperty().set(0);
    opened.vm.propagation().propagate(Direction.FORWARD);
    assertTrue(opened.engine.calls.contains("mask f0 o" + red + " area " + SQUARE * SQUARE),
        opened.engine.calls.toString());
    AnnotationSession ds = opened.ws.session();
    assertTrue(ds.decode(ds.mask(red, 3)).get(redX(3) + 1, RED_Y + 1), "tracked up to the mark");
    assertTrue(AnnotationSession.absent(ds.mask(red, 6)), "absent after it");
  }

  @Test
  void propagationAskedForWhileAClickIsComputedRunsAfterTheClickLands() throws Exception {
    TestWorkspace opened = openedDataset();
    int red = 1;
    opened.ws.selectedObjectIdProperty().set(red);
    opened.ws.currentFrameProperty().set(0);
    opened.executor.holdTasks(); // the click's mask is still being computed
    opened.vm.editor().addPoint(0, redX(0) + 2, RED_Y + 2, true);
    opened.vm.propagation().propagate(Direction.FORWARD);
    assertFalse(opened.engine.calls.stream().anyMatch(c -> c.startsWith("propagate")),
        "nothing runs before the click's mask is back");
    opened.executor.runHeldTasks();
    // the click is the frame's prompt, in the session and in the engine: the imported mask
    // was not adopted over it
    assertEquals(1, opened.ws.session().prompt(red, 0).points().size());
    assertFalse(opened.engine.calls.contains("mask f0 o" + red + " area " + SQUARE * SQUARE),
        opened.engine.calls.toString());
    int click = opened.engine.calls.indexOf("predict f0 o" + red + " n1");
    int run = opened.engine.calls.indexOf("propagate FORWARD from 0");
    assertTrue(click >= 0 && run > click, opened.engine.calls.toString());
  }

  @Test
  void propagatingFromAFrameOfAnOpenedDatasetUsesItsMasksThereAsPrompts() throws Exception {
    TestWorkspace opened = openedDataset();
    int red = 1;
    int blue = 2;
    AnnotationSession ds = opened.ws.session();
    assertTrue(ds.promptedFrames(red).isEmpty(), "a dataset carries no prompts");
    opened.ws.currentFrameProperty().set(0);
    opened.vm.propagation().propagate(Direction.FORWARD);

    assertTrue(opened.engine.calls.contains("mask f0 o" + red + " area " + SQUARE * SQUARE),
        opened.engine.calls.toString());
    assertTrue(opened.engine.calls.contains("mask f0 o" + blue + " area " + SQUARE * SQUARE));
    for (int f = 1; f < 8; f++) {
      BinaryMask m = ds.decode(ds.mask(red, f));
      assertEquals(Provenance.PROPAGATED, ds.mask(red, f).provenance(), "frame " + f);
      assertTrue(m.get(redX(f) + 1, RED_Y + 1), "the red square is followed on frame " + f);
      assertEquals(Provenance.EDITED, ds.mask(blue, f).provenance(), "opened masks are kept");
    }
    assertEquals(ds.mask(red, 0).rle(), ds.prompt(red, 0).mask(),
        "the frame's mask became its prompt (saved with the project, undoable)");
  }

  private static BinaryMask square(int x0, int y0) {
    BinaryMask m = new BinaryMask(64, 48);
    for (int y = y0; y < y0 + SQUARE; y++) {
      for (int x = x0; x < x0 + SQUARE; x++) {
        m.set(x, y, true);
      }
    }
    return m;
  }

  @Test
  void nothingToPropagateExplainsWhy() throws Exception {
    TestWorkspace fresh = new TestWorkspace(tmp, 64, 48, 5)
        .openWithModel(tmp.resolve("v.mp4"));
    fresh.vm.propagation().propagate(Direction.FORWARD);
    assertTrue(fresh.ws.statusMessageProperty().get().startsWith("Nothing to propagate"));
    assertFalse(fresh.engine.calls.stream().anyMatch(c -> c.startsWith("propagate")));
  }
}
