package io.masklet.app.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandHistoryTest {
  static final int FRAMES = 200;
  static final int W = 64;
  static final int H = 48;
  AnnotationSession session;

  @BeforeEach
  void session() {
    session = AnnotationSession.create(
        new MediaSource(MediaSource.Kind.VIDEO, "v.mp4", FRAMES, 25, W, H));
    session.putObject(new TrackedObject(1, "a", "#ff0000"));
    session.putObject(new TrackedObject(2, "b", "#00ff00"));
  }

  /** A fresh mask (its own run array, as every propagated frame has) with some runs. */
  static FrameMask mask(int seed) {
    byte[] px = new byte[W * H];
    for (int i = seed % 7; i < px.length; i += 5 + seed % 3) {
      px[i] = 1;
    }
    return new FrameMask(Rle.encode(px, H, W), Provenance.PROPAGATED, 1.0);
  }

  /** Re-propagates both objects over every frame, as the workstation records it. */
  PropagationCommand propagate(CommandHistory h, int round) {
    Map<FrameKey, FrameMask> before = new HashMap<>();
    Map<FrameKey, FrameMask> after = new HashMap<>();
    for (int f = 0; f < FRAMES; f++) {
      for (int o = 1; o <= 2; o++) {
        FrameKey k = new FrameKey(o, f);
        before.put(k, session.mask(o, f));
        FrameMask m = mask(round * 31 + f + o);
        after.put(k, m);
        session.setMask(o, f, m);
      }
    }
    PropagationCommand c = new PropagationCommand("Propagate " + round, before, after);
    h.record(c);
    return c;
  }

  @Test
  void oldPropagationsAreDroppedOnceTheMasksTheyHoldExceedTheByteBudget() {
    // what one re-propagation keeps for its undo: every mask it replaced
    CommandHistory probe = new CommandHistory(session);
    propagate(probe, 0);
    long one = propagate(probe, 1).undoBytes();
    assertTrue(one > 2L * FRAMES * HeldBytes.MAP_ENTRY, "masks counted, not only map entries");

    long budget = 3 * one + one / 2;
    CommandHistory h = new CommandHistory(session, CommandHistory.DEFAULT_LIMIT, budget);
    List<Command> discarded = new ArrayList<>();
    h.setOnDiscard(discarded::add);
    List<PropagationCommand> runs = new ArrayList<>();
    for (int round = 2; round < 12; round++) {
      runs.add(propagate(h, round));
      assertTrue(h.heldBytes() <= budget, "round " + round + ": " + h.heldBytes() + " bytes held");
    }
    // ten runs of equal size, three fit: the seven oldest left, oldest first
    assertEquals(3, h.undoDepth());
    assertEquals(runs.subList(0, 7), discarded);
    // the kept ones still undo, newest first, back to the masks of the oldest kept run's start
    FrameMask beforeKept = runs.get(7).before().get(new FrameKey(1, 5));
    assertTrue(h.undo() && h.undo() && h.undo());
    assertSame(beforeKept, session.mask(1, 5));
    assertEquals(0, h.heldBytes(), "nothing left on the undo stack");
    assertTrue(!h.undo());
  }

  @Test
  void theNewestEntryStaysUndoableEvenAloneOverTheBudget() {
    CommandHistory h = new CommandHistory(session, CommandHistory.DEFAULT_LIMIT, 1);
    propagate(h, 1);
    PropagationCommand last = propagate(h, 2);
    assertEquals(1, h.undoDepth());
    FrameKey k = new FrameKey(2, 0);
    assertTrue(h.undo());
    assertSame(last.before().get(k), session.mask(2, 0));
    assertTrue(h.redo());
    assertSame(last.after().get(k), session.mask(2, 0));
  }

  @Test
  void aClickHoldsTheMaskItReplacedAndItsBytesFollowUndoAndRedo() {
    CommandHistory h = new CommandHistory(session);
    propagate(h, 1);
    long afterRun = h.heldBytes();
    FrameMask old = session.mask(1, 3);
    h.execute(new FrameEditCommand("Add point", 1, 3, old, mask(99), null, null));
    assertEquals(afterRun + HeldBytes.of(old), h.heldBytes());
    h.undo();
    assertEquals(afterRun, h.heldBytes());
    h.redo();
    assertEquals(afterRun + HeldBytes.of(old), h.heldBytes());
  }

  @Test
  void droppingEditsForTheByteBudgetIsReportedOncePerEditAndTheEntryLimitIsNot() {
    CommandHistory probe = new CommandHistory(session);
    propagate(probe, 0);
    long one = propagate(probe, 1).undoBytes();
    CommandHistory h = new CommandHistory(session, CommandHistory.DEFAULT_LIMIT, 2 * one + one / 2);
    List<Integer> trims = new ArrayList<>();
    h.setOnTrim((dropped, budget) -> trims.add(dropped));
    propagate(h, 2);
    propagate(h, 3);
    assertEquals(List.of(), trims, "two runs fit the budget");
    propagate(h, 4);
    assertEquals(List.of(1), trims, "the third run pushed the first out");

    // the entry limit drops old edits as it always did: no notice
    CommandHistory limited = new CommandHistory(session, 2, Long.MAX_VALUE);
    limited.setOnTrim((dropped, budget) -> trims.add(-dropped));
    for (int i = 0; i < 4; i++) {
      limited.execute(new FrameEditCommand("Add point", 1, i, session.mask(1, i), mask(i), null,
          null));
    }
    assertEquals(2, limited.undoDepth());
    assertEquals(List.of(1), trims);
  }
}
