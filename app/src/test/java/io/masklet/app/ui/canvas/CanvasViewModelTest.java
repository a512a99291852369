package io.masklet.app.ui.canvas;

import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_X;
import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanvasViewModelTest {
  @TempDir Path tmp;
  TestWorkspace t;
  CanvasViewModel c;

  @BeforeEach
  void open() throws Exception {
    t = new TestWorkspace(tmp, 64, 48, 6).openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    c = t.vm.canvas();
  }

  @Test
  void showsTheCurrentFrameAndFollowsTheCursor() {
    assertEquals(0, c.displayedFrameProperty().get());
    assertNotNull(c.frameImageProperty().get());
    t.ws.currentFrameProperty().set(3);
    assertEquals(3, c.displayedFrameProperty().get());
    assertEquals(3, c.frameImageProperty().get().index());
  }

  @Test
  void clickShowsOverlayAndPointGlyph() {
    c.click(redX(0) + 2, RED_Y + 2, false);
    assertEquals(1, c.overlays().size());
    Overlay o = c.overlays().get(0);
    assertTrue(o.selected());
    assertTrue(o.mask().get(redX(0) + 5, RED_Y + 5));
    assertEquals(1, c.glyphs().size());
    assertTrue(c.glyphs().get(0).prompts().points().get(0).positive());
  }

  @Test
  void hiddenObjectsHaveNoOverlay() {
    c.click(redX(0) + 2, RED_Y + 2, false);
    int id = t.ws.selectedObjectIdProperty().get();
    t.vm.objects().setVisible(id, false);
    assertTrue(c.overlays().isEmpty());
    assertTrue(c.glyphs().isEmpty());
    t.vm.objects().setVisible(id, true);
    assertEquals(1, c.overlays().size());
  }

  @Test
  void boxIsNormalisedAndClampedToTheFrame() {
    c.box(redX(0) + 14, RED_Y + 14, -20, -5);
    int id = t.ws.selectedObjectIdProperty().get();
    var box = t.ws.session().prompts(id, 0).box();
    assertEquals(0, box.x0());
    assertEquals(0, box.y0());
    assertEquals(redX(0) + 14, box.x1());
    assertEquals(1, t.ws.session().masks(id).size());
  }

  @Test
  void tinyDragIsNotABox() {
    c.box(10, 10, 11, 11);
    assertTrue(t.ws.session().objects().isEmpty());
  }

  @Test
  void brushStrokePaintsLiveThenCommitsOneEdit() {
    c.brushRadiusProperty().set(2);
    c.beginStroke(10, 30, false);
    c.strokeTo(20, 30);
    int id = t.ws.selectedObjectIdProperty().get();
    assertNull(t.ws.session().mask(id, 0), "nothing committed mid-stroke");
    BinaryMask live = c.overlays().get(0).mask();
    assertTrue(live.get(15, 30), "the segment between the points is painted");
    c.endStroke();
    assertEquals(Provenance.EDITED, t.ws.session().mask(id, 0).provenance());
    // erase the middle with a right-drag
    c.beginStroke(15, 30, true);
    c.endStroke();
    assertTrue(!t.ws.session().decode(t.ws.session().mask(id, 0)).get(15, 30));
    t.vm.editor().undo();
    assertTrue(t.ws.session().decode(t.ws.session().mask(id, 0)).get(15, 30));
  }

  @Test
  void recolourChangesTheOverlayColour() {
    c.click(redX(0) + 2, RED_Y + 2, false);
    int id = t.ws.selectedObjectIdProperty().get();
    t.vm.objects().recolor(id, RgbColor.parse("#00FF00"));
    assertEquals(RgbColor.parse("#00ff00"), c.overlays().get(0).color());
  }

  @Test
  void overlayPixelsArePreparedWithTheFrameOffTheUiThread() {
    c.click(redX(0) + 2, RED_Y + 2, false);
    t.vm.propagation().propagate(io.masklet.app.ui.engine.SegmentationService.Direction.FORWARD);
    t.ws.currentFrameProperty().set(3);
    assertEquals(1, c.overlays().size());
    Overlay o = c.overlays().get(0);
    OverlayPixels.Style style = OverlayPixels.Style.of(c.overlayOpacityProperty().get(),
        c.outlinesProperty().get(), o.selected());
    // the frame's background task decoded the RLE and rendered the pixels the view will take
    int[] prepared = c.overlayPixels().take(o.mask(), o.color(), style);
    assertNotNull(prepared, "pixels prepared with frame 3");
    assertTrue(java.util.Arrays.equals(OverlayPixels.render(o.mask(), o.color(), style),
        prepared));
    assertNull(c.overlayPixels().take(o.mask(), o.color(), style), "a buffer is handed over once");

    // a new prediction on the shown frame is prepared in the background too
    c.click(redX(3) + 4, RED_Y + 4, false);
    Overlay after = c.overlays().get(0);
    assertNotNull(c.overlayPixels().take(after.mask(), after.color(), OverlayPixels.Style.of(
        c.overlayOpacityProperty().get(), c.outlinesProperty().get(), after.selected())));
  }

  @Test
  void editingOrSelectingOneOfManyObjectsChangesOnlyItsOverlay() throws Exception {
    TestWorkspace w = new TestWorkspace(tmp, 64, 48, 50)
        .openWithObjects(Files.createFile(tmp.resolve("many.mp4")), 2000);
    CanvasViewModel canvas = w.vm.canvas();
    var ed = w.vm.editor();
    // frame 0 shows objects 50, 100, ..., 2000; object 1 is selected
    assertEquals(40, canvas.overlays().size());
    List<String> events = new ArrayList<>();
    canvas.overlays().addListener((ListChangeListener<Overlay>) c -> {
      while (c.next()) {
        events.add(c.wasReplaced() ? "replace " + c.getFrom() + " (" + c.getRemovedSize()
            + " by " + c.getAddedSize() + ")"
            : c.wasRemoved() ? "remove " + c.getFrom() + " (" + c.getRemovedSize() + ")"
            : c.toString());
      }
    });

    ed.renameObject(100, "truck"); // shown, and drawn as before
    ed.recolorObject(7, RgbColor.palette(3)); // not on this frame
    w.vm.objects().toggleCrowd(150);
    ed.deleteObject(9);
    ed.undo();
    ed.addObject(null); // selected: neither it nor object 1 is drawn here
    assertEquals(List.of(), events);
    assertOverlaysAsRebuilt(w);

    ed.recolorObject(100, RgbColor.palette(3));
    assertEquals(List.of("replace 1 (1 by 1)"), events);
    events.clear();
    w.ws.selectedObjectIdProperty().set(200);
    assertEquals(List.of("replace 3 (1 by 1)"), events);
    events.clear();
    w.ws.selectedObjectIdProperty().set(250);
    assertEquals(List.of("replace 3 (1 by 1)", "replace 4 (1 by 1)"), events);
    events.clear();
    ed.deleteObject(300);
    assertEquals(List.of("remove 5 (1)"), events);
    assertOverlaysAsRebuilt(w);
  }

  @Test
  void editsOnTheShownFrameLookAtTheObjectsOnItNotAtEveryObject() throws Exception {
    TestWorkspace w = new TestWorkspace(tmp, 64, 48, 500)
        .openWithObjects(Files.createFile(tmp.resolve("many.mp4")), 2000);
    w.vm.engine().loadCheckpoint(tmp.resolve("model.pt"), null);
    CanvasViewModel canvas = w.vm.canvas();
    var ed = w.vm.editor();
    // frame 0 shows objects 500, 1000, 1500 and 2000
    w.ws.selectedObjectIdProperty().set(1000);
    long before = canvas.objectsLookedAt();

    canvas.click(redX(0) + 2, RED_Y + 2, false);
    canvas.click(redX(0) + 4, RED_Y + 4, true);
    ed.undo();
    w.ws.selectedObjectIdProperty().set(7); // on frame 7, not here: its stroke is drawn here
    canvas.beginStroke(BLUE_X + 2, BLUE_Y + 2, false);
    canvas.strokeTo(BLUE_X + 6, BLUE_Y + 2);
    canvas.endStroke();
    ed.undo();
    ed.redo();
    w.vm.objects().setVisible(1500, false);
    long looked = canvas.objectsLookedAt() - before;
    // some 50 refreshes of the few objects on the frame; before, each read all 2,000
    assertTrue(looked < 2000, looked + " objects looked at");
    assertOverlaysAsRebuilt(w);
    assertGlyphsAsRebuilt(w);
    assertTrue(canvas.overlays().stream().anyMatch(o -> o.objectId() == 7));

    // another frame: every object is read once to find those on it
    before = canvas.objectsLookedAt();
    w.ws.currentFrameProperty().set(1);
    assertTrue(canvas.objectsLookedAt() - before < 2 * 2000,
        canvas.objectsLookedAt() - before + " objects looked at");
    assertOverlaysAsRebuilt(w);
    w.ws.currentFrameProperty().set(0);
    assertOverlaysAsRebuilt(w);
    assertGlyphsAsRebuilt(w);
  }

  /** The prompt glyphs are, in list order, those of the shown frame in their objects' colours. */
  private static void assertGlyphsAsRebuilt(TestWorkspace w) {
    AnnotationSession s = w.ws.session();
    int frame = w.vm.canvas().displayedFrameProperty().get();
    List<PromptGlyphs> expected = new ArrayList<>();
    for (TrackedObject o : s.objects()) {
      var p = w.vm.editor().latestPrompts(o.id(), frame);
      if (!p.isEmpty() && !w.ws.hiddenObjects().contains(o.id())) {
        expected.add(new PromptGlyphs(o.id(), RgbColor.parse(o.color()), p,
            o.id() == w.ws.selectedObjectIdProperty().get()));
      }
    }
    assertEquals(expected, List.copyOf(w.vm.canvas().glyphs()));
  }

  /** The overlays are, in list order, the shown frame's visible masks in their colours. */
  private static void assertOverlaysAsRebuilt(TestWorkspace w) {
    AnnotationSession s = w.ws.session();
    int frame = w.vm.canvas().displayedFrameProperty().get();
    List<Overlay> expected = new ArrayList<>();
    for (TrackedObject o : s.objects()) {
      FrameMask m = s.mask(o.id(), frame);
      if (m != null && !AnnotationSession.absent(m) && !w.ws.hiddenObjects().contains(o.id())) {
        expected.add(new Overlay(o.id(), RgbColor.parse(o.color()), s.decode(m),
            o.id() == w.ws.selectedObjectIdProperty().get()));
      }
    }
    assertEquals(expected, List.copyOf(w.vm.canvas().overlays()));
  }
}
