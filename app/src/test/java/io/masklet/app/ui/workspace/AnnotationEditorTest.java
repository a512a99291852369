package io.masklet.app.ui.workspace;

import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_X;
import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.SQUARE;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.SessionListener;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.InteractionEvent;
import io.masklet.model.project.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationEditorTest {
  @TempDir Path tmp;
  TestWorkspace t;
  AnnotationEditor editor;

  @BeforeEach
  void open() throws Exception {
    Path video = Files.createFile(tmp.resolve("clip.mp4"));
    t = new TestWorkspace(tmp, 64, 48, 10).openWithModel(video);
    editor = t.vm.editor();
  }

  private AnnotationSession s() {
    return t.ws.session();
  }

  @Test
  void clickWithoutObjectCreatesOneAndStoresPromptedMask() {
    editor.addPoint(0, redX(0) + 3, RED_Y + 3, true);
    assertEquals(1, s().objects().size());
    int id = s().objects().get(0).id();
    assertEquals(id, t.ws.selectedObjectIdProperty().get());
    FrameMask m = s().mask(id, 0);
    assertEquals(Provenance.PROMPTED, m.provenance());
    assertEquals(SQUARE * SQUARE, m.rle().area());
    assertEquals(1, s().prompts(id, 0).points().size());
    assertFalse(Double.isNaN(t.ws.clickLatencyMsProperty().get()), "latency measured");
    assertTrue(editor.pendingPrompts().isEmpty());
  }

  @Test
  void undoWhileAClickIsComputedUndoesThatClickAndKeepsTheEngineInStep() {
    t.vm.editor().addPoint(0, redX(0) + 2, RED_Y + 2, true);
    int id = t.ws.session().objects().get(0).id();
    t.executor.holdTasks(); // the engine is still computing the second click's mask
    t.vm.editor().addPoint(0, redX(0) + 4, RED_Y + 4, true);
    assertTrue(t.vm.editor().undo(), "accepted");
    assertEquals(1, t.ws.session().prompt(id, 0).points().size(), "nothing undone yet");
    t.executor.runHeldTasks();
    // the second click landed, then the undo took it back: one point, in the session and in
    // the engine (which was last asked with that one point)
    assertEquals(1, t.ws.session().prompt(id, 0).points().size());
    String last = t.engine.calls.get(t.engine.calls.size() - 1);
    assertEquals("predict f0 o" + id + " n1", last, t.engine.calls.toString());
    assertTrue(t.ws.history().canRedoProperty().get());
  }

  @Test
  void clearingAFrameWhileItsClickIsComputedClearsTheClicksResult() {
    t.vm.editor().addPoint(0, redX(0) + 2, RED_Y + 2, true);
    int id = t.ws.session().objects().get(0).id();
    t.executor.holdTasks();
    t.vm.editor().addPoint(0, redX(0) + 4, RED_Y + 4, true);
    t.vm.editor().clearFrame(0, id);
    t.executor.runHeldTasks();
    assertNull(t.ws.session().prompt(id, 0));
    assertNull(t.ws.session().mask(id, 0));
    assertEquals("clear f0 o" + id, t.engine.calls.get(t.engine.calls.size() - 1));
  }

  @Test
  void secondClickSendsBothPointsAndUndoResendsTheFirstOnly() {
    editor.addPoint(0, redX(0) + 3, RED_Y + 3, true);
    int id = t.ws.selectedObjectIdProperty().get();
    editor.addPoint(0, 1, 1, false);
    assertEquals(2, s().prompts(id, 0).points().size());
    assertEquals("predict f0 o" + id + " n2", last());

    assertTrue(editor.undo());
    assertEquals(1, s().prompts(id, 0).points().size());
    assertEquals("predict f0 o" + id + " n1", last(), "engine re-synced with one point");
    assertTrue(editor.undo());
    assertNull(s().mask(id, 0));
    assertTrue(s().prompts(id, 0).isEmpty());
    assertEquals("clear f0 o" + id, last());
    assertTrue(editor.redo());
    assertEquals(SQUARE * SQUARE, s().mask(id, 0).rle().area());
  }

  @Test
  void brushStrokeBecomesEditedMaskAndMaskPrompt() {
    int id = editor.addObject("paint");
    BinaryMask m = new BinaryMask(64, 48);
    m.paintDisc(20, 20, 3, true);
    editor.commitMaskEdit(2, id, m, "Paint");
    FrameMask fm = s().mask(id, 2);
    assertEquals(Provenance.EDITED, fm.provenance());
    assertEquals(m.area(), fm.rle().area());
    assertNotNull(s().prompt(id, 2).mask(), "a painted mask is the frame's mask prompt");
    assertTrue(last().startsWith("mask f2 o" + id), last());
    assertTrue(editor.undo());
    assertNull(s().mask(id, 2));
    assertEquals("clear f2 o" + id, last());
  }

  @Test
  void brushWorksWithoutAModel() throws Exception {
    TestWorkspace noModel = new TestWorkspace(tmp, 64, 48, 10);
    noModel.vm.project().open(tmp.resolve("clip.mp4"));
    AnnotationEditor ed = noModel.vm.editor();
    ed.addPoint(0, 5, 5, true);
    assertTrue(noModel.ws.session().objects().isEmpty(), "no click without a model");
    assertTrue(noModel.ws.statusMessageProperty().get().contains("checkpoint"));
    int id = ed.addObject(null);
    BinaryMask m = new BinaryMask(64, 48);
    m.paintDisc(10, 10, 4, true);
    ed.commitMaskEdit(0, id, m, "Paint");
    assertEquals(m.area(), noModel.ws.session().mask(id, 0).rle().area());
    assertTrue(noModel.engine.calls.isEmpty(), "engine untouched: " + noModel.engine.calls);
  }

  @Test
  void deleteObjectUndoRestoresMasksPromptsAndListPosition() {
    int a = editor.addObject("a");
    editor.addPoint(0, redX(0) + 1, RED_Y + 1, true);
    int b = editor.addObject("b");
    editor.addPoint(0, BLUE_X + 1, BLUE_Y + 1, true);
    editor.deleteObject(a);
    assertEquals("remove o" + a, last());
    assertEquals(1, s().objects().size());
    assertTrue(editor.undo());
    assertEquals(a, s().objects().get(0).id(), "back at the top of the list");
    assertEquals(b, s().objects().get(1).id());
    assertEquals(SQUARE * SQUARE, s().mask(a, 0).rle().area());
    assertEquals(1, s().prompts(a, 0).points().size());
    assertEquals("predict f0 o" + a + " n1", last(), "engine got the prompts back");
    // what is saved and exported keeps the list order too (object order of the project file,
    // of COCO categories and of PNG layers)
    var saved = s().snapshot();
    assertEquals(List.of(a, b), saved.objects().stream().map(o -> o.id()).toList());
    assertEquals(List.of(a, b), saved.masklets().stream().map(m -> m.objectId()).toList());
  }

  @Test
  void renameAndRecolourAreUndoableAndLogged() {
    int id = editor.addObject("car");
    editor.renameObject(id, "truck");
    editor.recolorObject(id, io.masklet.app.ui.session.RgbColor.parse("#102030"));
    assertEquals("truck", s().object(id).label());
    assertEquals("#102030", s().object(id).color());
    editor.undo();
    assertEquals("truck", s().object(id).label());
    assertEquals(io.masklet.app.ui.session.RgbColor.palette(id - 1).hex().toLowerCase(),
        s().object(id).color());
    editor.undo();
    assertEquals("car", s().object(id).label());
    var actions = s().snapshot().log().stream().map(InteractionEvent::action).toList();
    assertTrue(actions.contains(InteractionEvent.Action.RENAME_OBJECT), actions.toString());
    assertTrue(actions.contains(InteractionEvent.Action.UNDO), actions.toString());
  }

  @Test
  void clearFrameRemovesMaskAndPrompts() {
    editor.addPoint(3, redX(3) + 2, RED_Y + 2, true);
    int id = t.ws.selectedObjectIdProperty().get();
    editor.clearFrame(3, id);
    assertNull(s().mask(id, 3));
    assertNull(s().prompt(id, 3));
    editor.undo();
    assertNotNull(s().mask(id, 3));
  }

  private String last() {
    return t.engine.calls.get(t.engine.calls.size() - 1);
  }

  @Test
  void deletingOrClearingIsRefusedWhilePropagationStreamsMasksIn() {
    editor.addPoint(0, redX(0) + 3, RED_Y + 3, true);
    int id = t.ws.selectedObjectIdProperty().get();
    long edits = t.ws.history().changeCount();
    // a propagation running on the engine thread (its command is recorded when it ends, after
    // any edit made meanwhile: its undo would then write masks of a deleted object)
    t.ws.propagatingProperty().set(true);
    editor.deleteObject(id);
    editor.clearFrame(0, id);
    assertTrue(s().hasObject(id), "object kept");
    assertNotNull(s().mask(id, 0), "frame kept");
    assertEquals(edits, t.ws.history().changeCount());
    assertTrue(t.ws.statusMessageProperty().get().contains("cancel it (Esc)"),
        t.ws.statusMessageProperty().get());
    t.ws.propagatingProperty().set(false);
    editor.deleteObject(id);
    assertFalse(s().hasObject(id));
    editor.undo();
    assertTrue(s().hasObject(id));
  }

  @Test
  void editsDroppedFromTheUndoHistoryToBoundItsMemoryAreAnnouncedInTheStatusLine() {
    // a budget no two clicks fit in: the second click pushes the first one's undo out
    t.ws.historyProperty().set(new io.masklet.app.ui.history.CommandHistory(s(),
        io.masklet.app.ui.history.CommandHistory.DEFAULT_LIMIT, 1));
    editor.addPoint(0, redX(0) + 3, RED_Y + 3, true);
    assertFalse(t.ws.statusMessageProperty().get().contains("can no longer be undone"));
    editor.addPoint(0, redX(0) + 4, RED_Y + 4, true);
    assertEquals(1, t.ws.history().undoDepth());
    assertTrue(t.ws.statusMessageProperty().get().matches(
        "Undo history: the \\d+ oldest edits? can no longer be undone \\(the history keeps at"
            + " most 1 KB of replaced masks.*"),
        t.ws.statusMessageProperty().get());
  }

  @Test
  void undoAndRedoOfAPropagationArePreparedOffTheUiThreadAndSwappedInAtOnce() {
    editor.addPoint(0, redX(0) + 2, RED_Y + 2, true);
    int id = t.ws.selectedObjectIdProperty().get();
    t.vm.propagation().propagate(Direction.FORWARD);
    assertEquals(10, s().masks(id).size());
    t.ws.currentFrameProperty().set(5);
    assertEquals(5, t.vm.canvas().displayedFrameProperty().get());
    assertEquals(1, t.vm.canvas().overlays().size());
    List<Integer> changed = new ArrayList<>();
    s().addListener(new SessionListener() {
      @Override
      public void frameChanged(int objectId, int frame) {
        changed.add(frame);
      }
    });

    t.executor.holdTasks(); // the worker has not run yet
    assertTrue(editor.undo());
    assertEquals(10, s().masks(id).size(), "the UI thread wrote nothing yet");
    assertEquals(List.of(), changed);
    assertTrue(t.ws.history().canUndoProperty().get());
    t.executor.runHeldTasks();
    assertEquals(List.of(0), List.copyOf(s().masks(id).keySet()));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), changed);
    assertTrue(t.ws.history().canRedoProperty().get());
    assertEquals(0, t.vm.canvas().overlays().size(), "the shown frame's mask went");
    assertEquals("forget o" + id + " [1, 2, 3, 4, 5, 6, 7, 8, 9]",
        t.engine.calls.get(t.engine.calls.size() - 1));

    changed.clear();
    t.executor.holdTasks();
    assertTrue(editor.redo());
    assertEquals(1, s().masks(id).size());
    t.executor.runHeldTasks();
    assertEquals(10, s().masks(id).size());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), changed);
    assertEquals(Provenance.PROPAGATED, s().mask(id, 9).provenance());
    assertEquals(1, t.vm.canvas().overlays().size());
    assertEquals(List.of(InteractionEvent.Action.UNDO, InteractionEvent.Action.REDO),
        s().snapshot().log().stream().map(InteractionEvent::action)
            .filter(a -> a == InteractionEvent.Action.UNDO || a == InteractionEvent.Action.REDO)
            .toList());
  }

  @Test
  void editsAskedForWhileAnUndoIsPreparedWaitForItAndKeepTheirOrder() {
    editor.addPoint(0, redX(0) + 2, RED_Y + 2, true);
    int id = t.ws.selectedObjectIdProperty().get();
    t.vm.propagation().propagate(Direction.FORWARD);
    t.executor.holdTasks();
    editor.undo(); // the propagation: prepared by the worker
    editor.undo(); // the click: waits for it
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(20, 20, 3, true);
    editor.commitMaskEdit(3, id, paint, "Paint"); // waits too
    assertEquals(10, s().masks(id).size());
    t.executor.runHeldTasks();
    assertEquals(List.of(3), List.copyOf(s().masks(id).keySet()));
    assertEquals(Provenance.EDITED, s().mask(id, 3).provenance());
    assertTrue(s().prompts(id, 0).isEmpty(), "the click was undone");
    assertFalse(t.ws.history().canRedoProperty().get(), "the paint cleared the redo stack");
    editor.undo();
    assertTrue(s().masks(id).isEmpty());
  }

  @Test
  void anEditThatCannotWaitFinishesThePreparedUndoFirst() {
    int depth = propagateThenUndoWithThePreparationHeld();
    int id = t.ws.selectedObjectIdProperty().get();
    editor.renameObject(id, "car"); // returns at once, so the undo lands before it
    assertEquals(1, s().masks(id).size());
    assertEquals("car", s().object(id).label());
    assertEquals(depth, t.ws.history().undoDepth(), "one undone, the rename added");
    t.executor.runHeldTasks(); // the worker's late result changes nothing
    assertEquals(1, s().masks(id).size());
    assertEquals(depth, t.ws.history().undoDepth());
    assertFalse(t.ws.history().canRedoProperty().get());
    editor.undo();
    assertEquals("object 1", s().object(id).label());
    assertEquals(1, s().masks(id).size());
  }

  @Test
  void markingACrowdWhileAnUndoIsPreparedLandsTheUndoFirst() {
    int depth = propagateThenUndoWithThePreparationHeld();
    int id = t.ws.selectedObjectIdProperty().get();
    editor.setCrowd(id, true);
    assertEquals(1, s().masks(id).size());
    assertTrue(s().object(id).crowd());
    assertEquals(depth, t.ws.history().undoDepth(), "one undone, the marking added");
    t.executor.runHeldTasks();
    assertFalse(t.ws.history().canRedoProperty().get());
    editor.undo();
    assertFalse(s().object(id).crowd());
    assertEquals(1, s().masks(id).size());
  }

  /**
   * Clicks the red square, propagates, and asks for the propagation's undo while the worker
   * that prepares it is held; returns the history's depth before that undo.
   */
  private int propagateThenUndoWithThePreparationHeld() {
    editor.addPoint(0, redX(0) + 2, RED_Y + 2, true);
    t.vm.propagation().propagate(Direction.FORWARD);
    int depth = t.ws.history().undoDepth();
    t.executor.holdTasks();
    editor.undo();
    return depth;
  }
}
