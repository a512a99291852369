package io.masklet.app.ui.timeline;

import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_X;
import static io.masklet.app.ui.testing.SyntheticFrameSource.BLUE_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.RED_Y;
import static io.masklet.app.ui.testing.SyntheticFrameSource.redX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.testing.TestWorkspace;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineViewModelTest {
  @TempDir Path tmp;
  TestWorkspace t;
  TimelineViewModel tl;

  @BeforeEach
  void open() throws Exception {
    t = new TestWorkspace(tmp, 64, 48, 20).openWithModel(Files.createFile(tmp.resolve("v.mp4")));
    tl = t.vm.timeline();
  }

  @Test
  void stepsClampToTheVideo() {
    assertEquals(20, tl.frameCountProperty().get());
    tl.step(-1);
    assertEquals(0, t.ws.currentFrame());
    tl.step(10);
    tl.step(10);
    assertEquals(19, t.ws.currentFrame());
    tl.first();
    assertEquals(0, t.ws.currentFrame());
  }

  @Test
  void lanesMarkPromptedPropagatedEditedAndAbsentFrames() {
    t.ws.currentFrameProperty().set(2);
    t.vm.editor().addPoint(2, redX(2) + 1, RED_Y + 1, true);
    int id = t.ws.selectedObjectIdProperty().get();
    t.vm.propagation().propagate(Direction.FORWARD);
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(5, 40, 2, true);
    t.vm.editor().commitMaskEdit(10, id, paint, "Paint");
    assertEquals(LaneMark.NONE, tl.mark(id, 0, 1));
    assertEquals(LaneMark.PROMPTED, tl.mark(id, 2, 3));
    assertEquals(LaneMark.PROPAGATED, tl.mark(id, 5, 6));
    // a painted frame is also a (mask) prompt: shown as prompted
    assertEquals(LaneMark.PROMPTED, tl.mark(id, 10, 11));
    assertEquals(LaneMark.PROMPTED, tl.mark(id, 0, 20), "a column spanning frames shows the strongest");
  }

  @Test
  void absentFramesAreMarkedAbsent() throws Exception {
    TestWorkspace wide = new TestWorkspace(tmp, 40, 48, 30).openWithModel(tmp.resolve("v.mp4"));
    wide.vm.editor().addPoint(0, redX(0) + 1, RED_Y + 1, true);
    int id = wide.ws.selectedObjectIdProperty().get();
    wide.vm.propagation().propagate(Direction.FORWARD);
    // the red square has left a 40-pixel-wide frame by frame 20
    assertEquals(LaneMark.ABSENT, wide.vm.timeline().mark(id, 25, 26));
    assertEquals(LaneMark.PROPAGATED, wide.vm.timeline().mark(id, 3, 4));
  }

  @Test
  void movingThePlayheadRedrawsLanesFromWhatWasComputedAndAnEditRecomputesOnlyItsCell()
      throws Exception {
    TwoObjects two = twoPropagatedObjects(300);
    TestWorkspace w = two.w();
    TimelineViewModel lanes = w.vm.timeline();
    int red = two.red();
    int blue = two.blue();
    int cells = 100; // three frames a cell, as a narrow strip shows a long video

    redraw(lanes, cells, red, blue);
    long computed = lanes.laneCellsComputed();
    assertEquals(2 * cells, computed, "each lane computed once");
    for (int i = 0; i < 40; i++) {
      lanes.step(1);
      redraw(lanes, cells, red, blue);
    }
    assertEquals(computed, lanes.laneCellsComputed(), "a frame step reads no mask for the lanes");

    // a correction on frame 151 (cell 50): that cell alone is computed again, and shows it
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(BLUE_X + 3, BLUE_Y + 3, 3, true);
    w.vm.editor().commitMaskEdit(151, blue, paint, "Paint");
    redraw(lanes, cells, red, blue);
    assertEquals(computed + 1, lanes.laneCellsComputed());
    assertEquals(LaneMark.PROMPTED, lanes.laneMarks(blue, cells).get(50));
    w.vm.editor().undo();
    assertEquals(LaneMark.PROPAGATED, lanes.laneMarks(blue, cells).get(50));
    assertEquals(computed + 2, lanes.laneCellsComputed());
    assertLanesAsComputedAfresh(lanes, cells, red, blue);

    // a deleted object's lane goes, its undo brings it back as it was
    w.vm.editor().deleteObject(red);
    w.vm.editor().undo();
    assertLanesAsComputedAfresh(lanes, cells, red, blue);
    // another strip width starts over
    assertLanesAsComputedAfresh(lanes, 7, red, blue);
    assertEquals(300, lanes.laneMarks(red, 1000).size(), "at most one cell per frame");
  }

  private static void redraw(TimelineViewModel lanes, int cells, int... objects) {
    for (int id : objects) {
      assertEquals(cells, lanes.laneMarks(id, cells).size());
    }
  }

  private static void assertLanesAsComputedAfresh(TimelineViewModel lanes, int cells,
      int... objects) {
    int frames = lanes.frameCountProperty().get();
    for (int id : objects) {
      List<LaneMark> marks = lanes.laneMarks(id, cells);
      for (int i = 0; i < cells; i++) {
        assertEquals(lanes.mark(id, TimelineViewModel.cellStart(i, cells, frames),
            TimelineViewModel.cellStart(i + 1, cells, frames)), marks.get(i),
            "object " + id + ", cell " + i + " of " + cells);
      }
    }
  }

  @Test
  void cellOfFindsTheCellWhoseFramesHoldTheFrame() {
    for (int n = 1; n < 80; n++) {
      for (int c = 1; c <= n; c++) {
        for (int f = 0; f < n; f++) {
          int i = TimelineViewModel.cellOf(f, c, n);
          assertTrue(TimelineViewModel.cellStart(i, c, n) <= f
              && f < TimelineViewModel.cellStart(i + 1, c, n), n + " " + c + " " + f);
        }
      }
    }
  }

  @Test
  void keyFrameNavigationJumpsBetweenPromptedFrames() {
    t.vm.editor().addPoint(3, redX(3) + 1, RED_Y + 1, true);
    t.vm.editor().addPoint(12, redX(12) + 1, RED_Y + 1, true);
    tl.nextKeyFrame();
    assertEquals(3, t.ws.currentFrame());
    tl.nextKeyFrame();
    assertEquals(12, t.ws.currentFrame());
    tl.previousKeyFrame();
    assertEquals(3, t.ws.currentFrame());
  }

  @Test
  void keyFrameJumpsLookUpIndexesInsteadOfReadingEveryMask() throws Exception {
    TwoObjects two = twoPropagatedObjects(300);
    TestWorkspace w = two.w();
    TimelineViewModel lanes = w.vm.timeline();
    int blue = two.blue();
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(BLUE_X + 3, BLUE_Y + 3, 3, true);
    w.vm.editor().commitMaskEdit(120, blue, paint, "Paint");
    assertEquals(600, w.ws.session().masks(blue).size() + w.ws.session().masks(blue - 1).size());

    long before = lanes.keyFrameLookups();
    lanes.nextKeyFrame();
    assertEquals(120, w.ws.currentFrame());
    lanes.nextKeyFrame();
    assertEquals(120, w.ws.currentFrame(), "no key frame after the last one");
    lanes.previousKeyFrame();
    assertEquals(0, w.ws.currentFrame());
    // one look-up in the session's key-frame index a jump, where collecting the key frames
    // from every mask read 600 masks a jump
    assertEquals(3, lanes.keyFrameLookups() - before);
  }

  @Test
  void aKeyFrameJumpAmongManyObjectsIsOneLookUp() throws Exception {
    TestWorkspace w = new TestWorkspace(tmp, 64, 48, 3000)
        .openWithObjects(Files.createFile(tmp.resolve("many.mp4")), 2000);
    TimelineViewModel lanes = w.vm.timeline();
    // object i's imported mask on frame i is a hand-made one: frames 1..2000 are key frames
    java.util.Set<Integer> keys = new java.util.HashSet<>();
    for (int f = 1; f <= 2000; f++) {
      keys.add(f);
    }
    assertKeyFramesAsReadFromEveryMask(w, keys);
    w.ws.currentFrameProperty().set(2500);
    long before = lanes.keyFrameLookups();

    lanes.previousKeyFrame();
    assertEquals(2000, w.ws.currentFrame());
    w.vm.editor().markAbsent(2700, 5);
    lanes.nextKeyFrame();
    assertEquals(2700, w.ws.currentFrame());
    w.vm.editor().deleteObject(2000);
    lanes.previousKeyFrame();
    assertEquals(1999, w.ws.currentFrame());
    assertEquals(3, lanes.keyFrameLookups() - before, "one look-up a jump, not one per object");
    keys.remove(2000);
    keys.add(2700);
    assertKeyFramesAsReadFromEveryMask(w, keys);
    w.vm.editor().undo();
    keys.add(2000);
    assertKeyFramesAsReadFromEveryMask(w, keys);
  }

  @Test
  void keyFramesFollowEditsUndoAndRedo() throws Exception {
    TestWorkspace w = new TestWorkspace(tmp, 64, 48, 60)
        .openWithModel(Files.createFile(tmp.resolve("k.mp4")));
    TimelineViewModel lanes = w.vm.timeline();
    w.vm.editor().addPoint(5, redX(5) + 1, RED_Y + 1, true);
    int red = w.ws.selectedObjectIdProperty().get();
    w.ws.currentFrameProperty().set(5);
    w.vm.propagation().propagate(Direction.BOTH);
    BinaryMask paint = new BinaryMask(64, 48);
    paint.paintDisc(30, 30, 3, true);
    w.vm.editor().commitMaskEdit(40, red, paint, "Paint");
    w.vm.editor().markAbsent(50, red);
    w.vm.editor().clearFrame(40, red);
    assertKeyFramesAsReadFromEveryMask(w, java.util.Set.of(5, 50));
    w.vm.editor().undo(); // the clear: 40 is painted again
    assertKeyFramesAsReadFromEveryMask(w, java.util.Set.of(5, 40, 50));
    w.vm.editor().deleteObject(red);
    assertKeyFramesAsReadFromEveryMask(w, java.util.Set.of());
    w.vm.editor().undo();
    assertKeyFramesAsReadFromEveryMask(w, java.util.Set.of(5, 40, 50));
    w.vm.editor().undo();
    w.vm.editor().undo();
    w.vm.editor().undo(); // the propagation
    assertKeyFramesAsReadFromEveryMask(w, java.util.Set.of(5));
    w.vm.editor().redo();
    w.vm.editor().redo();
    assertKeyFramesAsReadFromEveryMask(w, java.util.Set.of(5, 40));
    w.ws.currentFrameProperty().set(20);
    lanes.nextKeyFrame();
    assertEquals(40, w.ws.currentFrame());
    lanes.previousKeyFrame();
    assertEquals(5, w.ws.currentFrame());
  }

  /** The key frames are {@code expected}, and what reading every prompt and mask finds. */
  private static void assertKeyFramesAsReadFromEveryMask(TestWorkspace w,
      java.util.Set<Integer> expected) {
    io.masklet.app.ui.session.AnnotationSession s = w.ws.session();
    java.util.TreeSet<Integer> read = new java.util.TreeSet<>();
    for (var o : s.objects()) {
      read.addAll(s.promptedFrames(o.id()));
      s.masks(o.id()).forEach((f, m) -> {
        if (m.provenance() == io.masklet.model.project.Provenance.EDITED) {
          read.add(f);
        }
      });
    }
    assertEquals(new java.util.TreeSet<>(expected), read);
    assertEquals(read, w.vm.timeline().keyFrames());
  }

  @Test
  void undoingAPropagationRedrawsTheLanesOnceNotOncePerMask() throws Exception {
    int frames = 1000;
    TwoObjects two = twoPropagatedObjects(frames);
    TestWorkspace w = two.w();
    TimelineViewModel lanes = w.vm.timeline();
    int red = two.red();
    int blue = two.blue();
    assertEquals(2 * frames, w.ws.session().masks(red).size() + w.ws.session().masks(blue).size());
    int cells = 250;
    redraw(lanes, cells, red, blue);
    int[] bumps = {0};
    lanes.lanesRevisionProperty().addListener((o, a, b) -> bumps[0]++);

    // 1,998 masks go back to none: the view is told once, and finds every lane up to date
    assertTrue(w.vm.editor().undo());
    assertEquals(1, bumps[0]);
    assertLanesAsComputedAfresh(lanes, cells, red, blue);
    assertEquals(LaneMark.NONE, lanes.laneMarks(blue, cells).get(100));
    assertTrue(w.vm.editor().redo());
    assertEquals(2, bumps[0]);
    assertLanesAsComputedAfresh(lanes, cells, red, blue);
    assertEquals(LaneMark.PROPAGATED, lanes.laneMarks(blue, cells).get(100));
  }

  @Test
  void playbackAdvancesOnlyWhenTheShownFrameCaughtUp() {
    tl.togglePlay();
    assertTrue(tl.playingProperty().get());
    long period = (long) (1e9 / 25);
    tl.tick(period);
    assertEquals(1, t.ws.currentFrame());
    tl.tick(period + 1000);
    assertEquals(1, t.ws.currentFrame(), "too early for the next frame");
    tl.tick(3 * period);
    assertEquals(2, t.ws.currentFrame());
    tl.last();
    tl.tick(10 * period);
    assertFalse(tl.playingProperty().get(), "stops at the end");
  }

  @Test
  void thumbnailsAreDownscaledAndCached() {
    AtomicReference<RgbFrame> ready = new AtomicReference<>();
    RgbFrame first = tl.thumbnail(5, ready::set);
    assertNotNull(ready.get(), "decoded (synchronously in tests) and announced");
    assertEquals(first == null ? ready.get() : first, tl.thumbnail(5, r -> { }));
    assertEquals(Math.min(TimelineViewModel.THUMB_HEIGHT, 48), ready.get().height());
    assertEquals(4, tl.thumbnailFrames(400, 100).size());
  }
  @Test
  void withManyObjectsOnlyTheLanesInViewAreComputedAndTheSelectionScrollsItsLaneIntoView()
      throws Exception {
    TestWorkspace w = new TestWorkspace(tmp, 64, 48, 50)
        .openWithModel(Files.createFile(tmp.resolve("many.mp4")));
    TimelineViewModel lanes = w.vm.timeline();
    for (int i = 0; i < 40; i++) {
      w.vm.editor().addObject(null);
    }
    List<Integer> ids = w.ws.session().objects().stream().map(o -> o.id()).toList();
    w.ws.selectedObjectIdProperty().set(ids.get(0));

    // what the view draws: the strip has room for 12 lanes of 50 cells
    List<Integer> drawn = redraw(lanes, 12);
    assertEquals(ids.subList(0, 12), drawn);
    assertEquals(12 * 50, lanes.laneCellsComputed(), "12 lanes of 50 cells, not 40");

    lanes.scrollLanes(3);
    assertEquals(ids.subList(3, 15), redraw(lanes, 12));
    assertEquals(15 * 50, lanes.laneCellsComputed(), "three lanes came into view");
    lanes.scrollLanes(1000);
    assertEquals(ids.subList(28, 40), redraw(lanes, 12), "the last lane at the bottom");
    lanes.scrollLanes(-1000);
    assertEquals(0, lanes.firstLaneProperty().get());

    // selecting an object out of view (in the list, or by adding one) scrolls to its lane
    w.ws.selectedObjectIdProperty().set(ids.get(30));
    assertTrue(redraw(lanes, 12).contains(ids.get(30)));
    int added = w.vm.editor().addObject(null);
    assertEquals(added, (int) redraw(lanes, 12).get(11));
    w.ws.selectedObjectIdProperty().set(ids.get(2));
    assertEquals(ids.get(2), redraw(lanes, 12).get(0));

    // deleting lanes scrolls back so the strip stays full
    lanes.scrollLanes(1000);
    for (int i = 0; i < 35; i++) {
      w.vm.editor().deleteObject(w.ws.session().objects().get(0).id());
    }
    assertEquals(w.ws.session().objects().stream().map(o -> o.id()).toList(),
        redraw(lanes, 12));
  }

  @Test
  void editingOneOfManyObjectsComputesNoLaneButOneThatComesIntoView() throws Exception {
    TestWorkspace w = new TestWorkspace(tmp, 64, 48, 50)
        .openWithObjects(Files.createFile(tmp.resolve("many.mp4")), 2000);
    TimelineViewModel lanes = w.vm.timeline();
    var ed = w.vm.editor();
    List<Integer> ids = w.ws.session().objects().stream().map(o -> o.id()).toList();
    assertEquals(ids.subList(0, 12), redraw(lanes, 12));
    long computed = lanes.laneCellsComputed();

    ed.renameObject(ids.get(3), "truck");
    ed.recolorObject(ids.get(3), io.masklet.app.ui.session.RgbColor.palette(5));
    w.vm.objects().toggleCrowd(ids.get(3));
    ed.undo();
    ed.deleteObject(ids.get(500));
    ed.undo();
    assertEquals(ids.subList(0, 12), redraw(lanes, 12));
    assertEquals(computed, lanes.laneCellsComputed(), "no lane in view changed");

    // a lane in view goes: the next one moves up into view, and is the only one computed
    ed.deleteObject(ids.get(3));
    List<Integer> drawn = redraw(lanes, 12);
    assertEquals(ids.get(12), drawn.get(11));
    assertEquals(computed + 50, lanes.laneCellsComputed());
    ed.undo();
    assertEquals(ids.subList(0, 12), redraw(lanes, 12));
    assertEquals(computed + 100, lanes.laneCellsComputed(), "the undone delete's lane afresh");
    assertLanesAsComputedAfresh(lanes, 50, ids.subList(0, 12).stream().mapToInt(i -> i).toArray());
  }

  /** The lanes TimelineView draws with room for {@code capacity}, their marks computed. */
  private static List<Integer> redraw(TimelineViewModel lanes, int capacity) {
    return lanes.lanesInView(capacity).stream().map(o -> {
      lanes.laneMarks(o.id(), 50);
      return o.id();
    }).toList();
  }

  /**
   * A workspace on a {@code frames}-frame video: the red and the blue square clicked on frame
   * 0, propagated forward.
   */
  private record TwoObjects(TestWorkspace w, int red, int blue) {}

  private TwoObjects twoPropagatedObjects(int frames) throws Exception {
    TestWorkspace w = new TestWorkspace(tmp, 64, 48, frames)
        .openWithModel(Files.createFile(tmp.resolve("long.mp4")));
    w.vm.editor().addPoint(0, redX(0) + 1, RED_Y + 1, true);
    int red = w.ws.selectedObjectIdProperty().get();
    w.vm.editor().addObject("blue");
    w.vm.editor().addPoint(0, BLUE_X + 1, BLUE_Y + 1, true);
    int blue = w.ws.selectedObjectIdProperty().get();
    w.vm.propagation().propagate(Direction.FORWARD);
    return new TwoObjects(w, red, blue);
  }
}
