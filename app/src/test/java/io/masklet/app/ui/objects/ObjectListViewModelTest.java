package io.masklet.app.ui.objects;

import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_X;
import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.project.TrackedObject.CrowdMarking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectListViewModelTest {
  @TempDir Path tmp;

  @Test
  void rowCountsFollowEveryEditAndAnEditLooksOnlyAtTheMasksItChanges() throws Exception {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 200)
        .openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    t.vm.editor().addPoint(0, redX(0) + 1, RED_Y + 1, true);
    int red = t.ws.selectedObjectIdProperty().get();
    t.vm.editor().addObject("blue");
    t.vm.editor().addPoint(0, BLUE_X + 1, BLUE_Y + 1, true);
    int blue = t.ws.selectedObjectIdProperty().get();
    t.vm.propagation().propagate(Direction.FORWARD);
    AnnotationSession s = t.ws.session();
    assertRowsCountAfresh(t);
    assertTrue(row(t, red).maskedFrames() < 200, "the red square leaves the picture");

    // a correction on one frame of a 200-frame object: its old and new mask, nothing else
    long counted = s.masksCounted();
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(BLUE_X + 3, BLUE_Y + 3, 3, true);
    t.vm.editor().commitMaskEdit(100, blue, paint, "Paint");
    t.vm.objects().refresh();
    assertEquals(counted + 2, s.masksCounted());
    assertRowsCountAfresh(t);
    t.vm.editor().undo();
    t.vm.objects().refresh();
    assertEquals(counted + 4, s.masksCounted());
    assertRowsCountAfresh(t);

    t.vm.editor().markAbsent(10, red);
    assertRowsCountAfresh(t);
    t.vm.editor().clearFrame(10, red);
    assertRowsCountAfresh(t);
    t.vm.editor().deleteObject(blue);
    assertRowsCountAfresh(t);
    t.vm.editor().undo();
    assertRowsCountAfresh(t);
    t.vm.editor().undo(); // the clear
    t.vm.editor().undo(); // the absence
    assertRowsCountAfresh(t);
    t.vm.editor().undo(); // the whole propagation
    assertRowsCountAfresh(t);
    assertEquals(1, row(t, blue).maskedFrames(), "only the clicked frame is left");
  }

  @Test
  void anObjectIsMarkedAsACrowdAndUnmarkedUndoablyWithoutLoggingIt() throws Exception {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 10)
        .openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    t.vm.editor().addPoint(0, redX(0) + 1, RED_Y + 1, true);
    int red = t.ws.selectedObjectIdProperty().get();
    int logged = t.ws.session().snapshot().log().size();
    assertEquals(CrowdMarking.NONE, row(t, red).crowd());

    t.vm.objects().toggleCrowd(red);
    assertEquals(CrowdMarking.ALL, row(t, red).crowd());
    assertTrue(t.ws.session().object(red).crowd());
    assertTrue(t.ws.session().snapshot().objects().get(0).crowdOn(0), "what an export sees");
    t.vm.objects().toggleCrowd(red);
    assertEquals(CrowdMarking.NONE, row(t, red).crowd());

    t.vm.editor().undo();
    assertEquals(CrowdMarking.ALL, row(t, red).crowd());
    t.vm.editor().undo();
    assertEquals(CrowdMarking.NONE, row(t, red).crowd());
    t.vm.editor().redo();
    assertEquals(CrowdMarking.ALL, row(t, red).crowd());
    assertEquals("Redo Unmark '" + t.ws.session().object(red).label() + "' as a crowd",
        t.ws.history().redoTextProperty().get());
    var actions = t.ws.session().snapshot().log().subList(logged,
        t.ws.session().snapshot().log().size()).stream().map(e -> e.action()).toList();
    assertTrue(actions.stream().allMatch(a -> a == io.masklet.model.project.InteractionEvent
        .Action.UNDO || a == io.masklet.model.project.InteractionEvent.Action.REDO),
        actions.toString());
  }

  @Test
  void undoingAPropagationRecountsTheRowsOnceNotOncePerMask() throws Exception {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 500)
        .openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    t.vm.editor().addPoint(0, redX(0) + 1, RED_Y + 1, true);
    t.vm.editor().addObject("blue");
    t.vm.editor().addPoint(0, BLUE_X + 1, BLUE_Y + 1, true);
    int blue = t.ws.selectedObjectIdProperty().get();
    t.vm.propagation().propagate(Direction.FORWARD);
    AnnotationSession s = t.ws.session();
    assertRowsCountAfresh(t);
    int[] rowChanges = {0};
    t.vm.objects().rows().addListener(
        (javafx.collections.ListChangeListener<ObjectRow>) c -> rowChanges[0]++);
    long counted = s.masksCounted();

    t.vm.editor().undo(); // 998 propagated masks go
    assertEquals(1, rowChanges[0]);
    assertRowsCountAfresh(t);
    assertEquals(1, row(t, blue).maskedFrames());
    assertEquals(counted + 998, s.masksCounted(), "each replaced mask looked at once");
    t.vm.editor().redo();
    assertEquals(2, rowChanges[0]);
    assertRowsCountAfresh(t);
    assertEquals(500, row(t, blue).maskedFrames());
  }

  @Test
  void hidingAndShowingEveryObjectRebuildsTheRowsAndOverlaysOnceNotOncePerObject()
      throws Exception {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 10)
        .openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    t.vm.editor().addPoint(0, redX(0) + 1, RED_Y + 1, true);
    for (int i = 0; i < 40; i++) {
      t.vm.editor().addObject(null);
    }
    t.vm.objects().setVisible(t.ws.session().objects().get(5).id(), false);
    int[] rowChanges = {0};
    int[] overlayChanges = {0};
    int[] laneBumps = {0};
    t.vm.objects().rows().addListener(
        (javafx.collections.ListChangeListener<ObjectRow>) c -> rowChanges[0]++);
    t.vm.canvas().overlays().addListener(
        (javafx.collections.ListChangeListener<Object>) c -> overlayChanges[0]++);
    t.vm.timeline().lanesRevisionProperty().addListener(o -> laneBumps[0]++);
    assertEquals(1, t.vm.canvas().overlays().size());

    t.vm.objects().toggleAllVisible(); // one was hidden, others shown: hides all
    assertEquals(1, rowChanges[0]);
    assertEquals(1, overlayChanges[0]);
    assertEquals(1, laneBumps[0]);
    assertTrue(t.vm.objects().rows().stream().noneMatch(ObjectRow::visible));
    assertEquals(0, t.vm.canvas().overlays().size());
    assertEquals(41, t.ws.hiddenObjects().size());

    t.vm.objects().toggleAllVisible();
    assertEquals(2, rowChanges[0]);
    assertEquals(2, overlayChanges[0]);
    assertEquals(2, laneBumps[0]);
    assertTrue(t.vm.objects().rows().stream().allMatch(ObjectRow::visible));
    assertEquals(1, t.vm.canvas().overlays().size());

    // one object at a time still reaches every view
    int red = t.ws.session().objects().get(0).id();
    t.vm.objects().setVisible(red, false);
    assertEquals(3, rowChanges[0]);
    assertEquals(0, t.vm.canvas().overlays().size());
    assertEquals(3, laneBumps[0]);
  }

  @Test
  void anEditOfOneOfManyObjectsBuildsAndChangesOnlyThatObjectsRow() throws Exception {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 100)
        .openWithObjects(Files.createFile(tmp.resolve("v.mp4")), 2000);
    AnnotationEditor ed = t.vm.editor();
    ObjectListViewModel objects = t.vm.objects();
    assertRowsAsRebuilt(t);

    // object 3 is the third row
    assertRowChanges(t, () -> ed.renameObject(3, "truck"), 1, "replace 2 (1 by 1)");
    assertRowChanges(t, () -> ed.recolorObject(3, RgbColor.palette(7)), 1, "replace 2 (1 by 1)");
    assertRowChanges(t, () -> objects.toggleCrowd(3), 1, "replace 2 (1 by 1)");
    assertRowChanges(t, ed::undo, 1, "replace 2 (1 by 1)");
    assertRowChanges(t, () -> objects.setVisible(5, false), 0, "replace 4 (1 by 1)");
    assertRowChanges(t, () -> ed.addObject("new"), 1, "add 2000 (1)");
    assertRowChanges(t, ed::undo, 0, "remove 2000 (1)");
    assertRowChanges(t, ed::redo, 1, "add 2000 (1)");
    assertRowChanges(t, () -> ed.deleteObject(10), 0, "remove 9 (1)");
    // back in its place, then its mask back in its counts
    assertRowChanges(t, ed::undo, 2, "add 9 (1)", "replace 9 (1 by 1)");
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(20, 20, 3, true);
    // the prompt and the mask it sets: two recounts (the test executor runs each at once)
    assertRowChanges(t, () -> ed.commitMaskEdit(50, 7, paint, "Paint"), 2,
        "replace 6 (1 by 1)");
    assertEquals(2, row(t, 7).maskedFrames());
  }

  private static ObjectRow row(TestWorkspace t, int id) {
    return t.vm.objects().rows().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
  }

  /**
   * Runs {@code edit}, which changes the rows in the events {@code expected} describes (one
   * string per event) while building {@code built} rows, and leaves the rows a rebuild makes.
   */
  private static void assertRowChanges(TestWorkspace t, Runnable edit, long built,
      String... expected) {
    List<String> events = new ArrayList<>();
    ListChangeListener<ObjectRow> recorder = c -> {
      List<String> parts = new ArrayList<>();
      while (c.next()) {
        parts.add(c.wasReplaced()
            ? "replace " + c.getFrom() + " (" + c.getRemovedSize() + " by " + c.getAddedSize() + ")"
            : c.wasAdded() ? "add " + c.getFrom() + " (" + c.getAddedSize() + ")"
            : c.wasRemoved() ? "remove " + c.getFrom() + " (" + c.getRemovedSize() + ")"
            : c.toString());
      }
      events.add(String.join("; ", parts));
    };
    long before = t.vm.objects().rowsBuilt();
    t.vm.objects().rows().addListener(recorder);
    try {
      edit.run();
    } finally {
      t.vm.objects().rows().removeListener(recorder);
    }
    assertEquals(List.of(expected), events);
    assertEquals(built, t.vm.objects().rowsBuilt() - before, "rows built");
    assertRowsAsRebuilt(t);
  }

  /** The rows are, in list order, what reading every object and mask of the session makes. */
  private static void assertRowsAsRebuilt(TestWorkspace t) {
    AnnotationSession s = t.ws.session();
    List<ObjectRow> expected = new ArrayList<>();
    for (TrackedObject o : s.objects()) {
      int masked = 0;
      int edited = 0;
      for (FrameMask m : s.masks(o.id()).values()) {
        masked += AnnotationSession.absent(m) ? 0 : 1;
        edited += m.provenance() != Provenance.PROPAGATED ? 1 : 0;
      }
      expected.add(new ObjectRow(o.id(), o.label(), RgbColor.parse(o.color()),
          !t.ws.hiddenObjects().contains(o.id()), masked, edited, o.crowdMarking()));
    }
    assertEquals(expected, List.copyOf(t.vm.objects().rows()));
  }

  /** The rows' counts equal a count over every mask of the session. */
  private static void assertRowsCountAfresh(TestWorkspace t) {
    AnnotationSession s = t.ws.session();
    assertEquals(s.objects().size(), t.vm.objects().rows().size());
    for (ObjectRow r : t.vm.objects().rows()) {
      int masked = 0;
      int edited = 0;
      for (FrameMask m : s.masks(r.id()).values()) {
        masked += AnnotationSession.absent(m) ? 0 : 1;
        edited += m.provenance() != Provenance.PROPAGATED ? 1 : 0;
      }
      assertEquals(masked, r.maskedFrames(), "masked frames of object " + r.id());
      assertEquals(edited, r.editedFrames(), "edited frames of object " + r.id());
    }
  }
}
