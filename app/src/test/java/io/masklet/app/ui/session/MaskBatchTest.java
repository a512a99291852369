package io.masklet.app.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.history.DeleteObjectCommand;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class MaskBatchTest {
  static final int FRAMES = 40;
  static final int W = 16;
  static final int H = 12;

  /** One write of a batch. */
  record Write(int objectId, int frame, FrameMask mask) {}

  /** Objects 1 and 2 with propagated, prompted, edited and absent masks on some frames. */
  static AnnotationSession session() {
    AnnotationSession s = AnnotationSession.create(
        new MediaSource(MediaSource.Kind.VIDEO, "v.mp4", FRAMES, 25, W, H));
    s.putObject(new TrackedObject(1, "a", "#ff0000"));
    s.putObject(new TrackedObject(2, "b", "#00ff00"));
    for (int f = 0; f < FRAMES; f += 2) {
      s.setMask(1, f, mask(f, f % 10 == 0 ? Provenance.EDITED : Provenance.PROPAGATED));
      s.setMask(2, f + 1, mask(f + 1, f == 4 ? Provenance.PROMPTED : Provenance.PROPAGATED));
    }
    return s;
  }

  /** A mask with {@code seed} pixels set (none: absent), or scored not visible for seed 7. */
  static FrameMask mask(int seed, Provenance p) {
    byte[] px = new byte[W * H];
    for (int i = 0; i < seed % 13; i++) {
      px[i * 11 % px.length] = 1;
    }
    return new FrameMask(Rle.encode(px, H, W), p, seed == 7 ? -1.0 : 1.0);
  }

  /** Replaces, adds and removes masks of both objects and writes for a deleted object 3. */
  static List<Write> writes() {
    List<Write> w = new ArrayList<>();
    for (int f = 0; f < FRAMES; f++) {
      w.add(new Write(1, f, f % 3 == 0 ? null : mask(f + 5, f % 8 == 0 ? Provenance.EDITED
          : Provenance.PROPAGATED)));
      if (f % 4 == 1) {
        w.add(new Write(2, f, mask(f + 2, Provenance.PROPAGATED)));
      }
      w.add(new Write(3, f, mask(f, Provenance.PROPAGATED)));
    }
    return w;
  }

  static MaskBatch.Writes of(List<Write> writes) {
    return sink -> writes.forEach(w -> sink.write(w.objectId(), w.frame(), w.mask()));
  }

  /** What listeners heard: "frame o/f" per frame event, "batch n" per batched one. */
  static List<String> listen(AnnotationSession s) {
    List<String> heard = new ArrayList<>();
    s.addListener(new SessionListener() {
      @Override
      public void frameChanged(int objectId, int frame) {
        heard.add("frame " + objectId + "/" + frame);
      }

      @Override
      public void framesChanged(ChangedFrames changed) {
        heard.add("batch " + changed.size());
      }
    });
    return heard;
  }

  static void assertSameState(AnnotationSession expected, AnnotationSession actual) {
    for (int id = 1; id <= 2; id++) {
      assertEquals(expected.masks(id), actual.masks(id), "masks of " + id);
      assertEquals(expected.maskedFrameCount(id), actual.maskedFrameCount(id), "masked " + id);
      assertEquals(expected.editedFrameCount(id), actual.editedFrameCount(id), "edited " + id);
      assertEquals(expected.editedMaskFrames(id), actual.editedMaskFrames(id), "key frames " + id);
    }
    assertEquals(expected.masksCounted(), actual.masksCounted());
    assertEquals(expected.snapshot().masklets(), actual.snapshot().masklets());
    assertEquals(editedFramesOfEveryMask(actual), actual.keyFrames());
    assertEquals(expected.keyFrames(), actual.keyFrames());
  }

  /** The frames where some mask of objects 1 and 2 is EDITED, read from every mask. */
  static java.util.Set<Integer> editedFramesOfEveryMask(AnnotationSession s) {
    java.util.Set<Integer> frames = new java.util.TreeSet<>();
    for (int id = 1; id <= 2; id++) {
      s.masks(id).forEach((f, m) -> {
        if (m.provenance() == Provenance.EDITED) {
          frames.add(f);
        }
      });
    }
    return frames;
  }

  @Test
  void aBatchWritesWhatSetMaskWouldWithOneEvent() {
    AnnotationSession oneByOne = session();
    AnnotationSession batched = session();
    List<String> heard = listen(batched);
    List<String> heardOneByOne = listen(oneByOne);
    for (Write w : writes()) {
      if (oneByOne.hasObject(w.objectId())) {
        oneByOne.setMask(w.objectId(), w.frame(), w.mask());
      }
    }
    batched.apply(batched.batch(of(writes())));
    assertSameState(oneByOne, batched);
    int written = (int) writes().stream().filter(w -> w.objectId() != 3).count();
    assertEquals(written, heardOneByOne.size());
    assertEquals(List.of("batch " + written), heard, "one event for all, none per frame");
  }

  @Test
  void theBatchedEventNamesEveryWrittenFrameAndListenersThatTakeFramesOneByOneGetThemAll() {
    AnnotationSession s = session();
    ChangedFrames[] seen = new ChangedFrames[1];
    List<String> oneByOne = new ArrayList<>();
    s.addListener(new SessionListener() {
      @Override
      public void framesChanged(ChangedFrames changed) {
        seen[0] = changed;
      }
    });
    s.addListener(new SessionListener() {
      @Override
      public void frameChanged(int objectId, int frame) {
        oneByOne.add(objectId + "/" + frame);
      }
    });
    s.apply(s.batch(of(writes())));
    ChangedFrames c = seen[0];
    assertEquals(List.of(1, 2), List.copyOf(c.objectIds()));
    for (int f = 0; f < FRAMES; f++) {
      assertTrue(c.contains(1, f));
      assertEquals(f % 4 == 1, c.contains(2, f), "frame " + f);
    }
    assertEquals(1, c.nextFrame(2, 0));
    assertEquals(5, c.nextFrame(2, 2));
    assertEquals(-1, c.nextFrame(2, 38));
    assertEquals(-1, c.nextFrame(3, 0), "the deleted object's writes were skipped");
    List<String> expected = new ArrayList<>();
    c.forEach((o, f) -> expected.add(o + "/" + f));
    assertEquals(expected, oneByOne);
    assertEquals(c.size(), oneByOne.size());
  }

  @Test
  void preparedOnAWorkerThreadTheBatchIsSwappedIn() throws Exception {
    AnnotationSession expected = session();
    expected.apply(expected.batch(of(writes())));
    AnnotationSession s = session();
    MaskBatch b = s.batch(of(writes()));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      worker.submit(b::prepare).get();
    } finally {
      worker.shutdown();
    }
    FrameMask before = s.mask(1, 1);
    assertEquals(before, session().mask(1, 1), "preparing wrote nothing");
    s.apply(b);
    assertSameState(expected, s);
  }

  @Test
  void aBatchPreparedBeforeTheSessionChangedIsWorkedOutAgain() {
    AnnotationSession s = session();
    MaskBatch b = s.batch(of(writes()));
    b.prepare();
    // after the preparation: a write the batch overwrites, one it does not touch
    s.setMask(1, 4, mask(3, Provenance.EDITED));
    s.setMask(2, 6, mask(9, Provenance.EDITED));
    s.apply(b);

    AnnotationSession expected = session();
    expected.setMask(1, 4, mask(3, Provenance.EDITED));
    expected.setMask(2, 6, mask(9, Provenance.EDITED));
    for (Write w : writes()) {
      if (w.objectId() != 3) {
        expected.setMask(w.objectId(), w.frame(), w.mask());
      }
    }
    assertEquals(expected.masks(1), s.masks(1));
    assertEquals(expected.masks(2), s.masks(2));
    assertEquals(expected.maskedFrameCount(2), s.maskedFrameCount(2));
    assertEquals(expected.editedMaskFrames(2), s.editedMaskFrames(2));
    assertTrue(s.editedMaskFrames(2).contains(6));
    assertEquals(editedFramesOfEveryMask(s), s.keyFrames());
  }

  @Test
  void aMaskThatDoesNotFitTheMediaFailsTheWholeBatchAndChangesNothing() {
    AnnotationSession s = session();
    List<String> heard = listen(s);
    Map<Integer, Object> masks = new HashMap<>();
    masks.put(1, List.copyOf(s.masks(1).entrySet()));
    masks.put(2, List.copyOf(s.masks(2).entrySet()));
    List<Write> writes = new ArrayList<>(writes());
    writes.add(new Write(2, 3, FrameMask.unscored(Rle.empty(5, 5), Provenance.EDITED)));
    assertThrows(IllegalArgumentException.class, () -> s.apply(s.batch(of(writes))));
    List<Write> outside = List.of(new Write(1, FRAMES, null));
    assertThrows(IllegalArgumentException.class, () -> s.apply(s.batch(of(outside))));
    assertEquals(masks.get(1), List.copyOf(s.masks(1).entrySet()));
    assertEquals(masks.get(2), List.copyOf(s.masks(2).entrySet()));
    assertSameState(session(), s);
    assertEquals(List.of(), heard);
  }

  @Test
  void aBatchIsForTheSessionThatMadeIt() {
    AnnotationSession s = session();
    MaskBatch b = session().batch(of(writes()));
    assertThrows(IllegalArgumentException.class, () -> s.apply(b));
  }

  @Test
  void undoingTheDeleteOfOneOfManyObjectsTakesTheStateOfThatObjectOnly() {
    AnnotationSession s = session();
    AnnotationSession expected = session();
    for (int id = 3; id <= 2000; id++) {
      s.putObject(new TrackedObject(id, "o" + id, "#0000ff"));
      expected.putObject(new TrackedObject(id, "o" + id, "#0000ff"));
    }
    DeleteObjectCommand delete = DeleteObjectCommand.capture(s, 1);
    delete.apply(s);
    List<String> heard = listen(s);
    long taken = s.batchBasisObjects();

    delete.revert(s);
    assertEquals(taken + 1, s.batchBasisObjects(), "object 1's state, not 2,000 objects'");
    assertEquals(List.of("batch " + expected.masks(1).size()), heard);
    assertEquals(0, s.indexOfObject(1));
    assertEquals(expected.masks(1), s.masks(1));
    assertEquals(expected.maskedFrameCount(1), s.maskedFrameCount(1));
    assertEquals(expected.editedFrameCount(1), s.editedFrameCount(1));
    assertEquals(expected.keyFrames(), s.keyFrames());
    // such a batch writes the objects it names only
    List<Write> other = List.of(new Write(2, 0, null));
    assertThrows(IllegalArgumentException.class,
        () -> s.apply(s.batch(List.of(1), of(other))));
    assertEquals(expected.masks(2), s.masks(2));
  }
}
