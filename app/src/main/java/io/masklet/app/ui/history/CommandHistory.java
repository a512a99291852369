package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.MaskBatch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Undo/redo stacks over an {@link AnnotationSession}. Every edit goes through {@link #execute}
 * (or {@link #record} for work already applied live, like streamed propagation results).
 *
 * <p>Bounded twice: by a number of entries, and by the heap the undo entries keep alive for
 * their undo ({@link Command#undoBytes()}). The count alone does not bound memory: a click holds
 * one replaced mask, but a propagation over a 10,000-frame video with 20 objects holds the
 * ~200,000 masks it replaced (~270 MB of RLE runs and map entries for SA-V-sized masks), so a
 * few re-propagations of a long video within the last 200 edits would exhaust the heap. Past
 * the byte budget the oldest entries are dropped, the newest one always stays undoable.
 */
public final class CommandHistory {
  /** At most this many undo entries by default. */
  public static final int DEFAULT_LIMIT = 200;

  private final AnnotationSession session;
  private final int limit;
  private final long byteBudget;
  /** An entry with its {@link Command#undoBytes()}, computed once when it was pushed. */
  private record Entry(Command command, long bytes) {}

  private final Deque<Entry> undo = new ArrayDeque<>();
  private final Deque<Entry> redo = new ArrayDeque<>();
  /** Sum of the undo entries' bytes. */
  private long heldBytes;
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
  private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
  private ChangeListener afterChange = (c, kind) -> {};
  private DiscardListener onDiscard = c -> {};
  private TrimListener onTrim = (count, budget) -> {};
  private long changeCount;

  public CommandHistory(AnnotationSession session) {
    this(session, DEFAULT_LIMIT);
  }

  public CommandHistory(AnnotationSession session, int limit) {
    this(session, limit, defaultByteBudget());
  }

  /**
   * @param byteBudget what the undo entries may keep alive together
   *     ({@link Command#undoBytes()}) before the oldest are dropped
   */
  public CommandHistory(AnnotationSession session, int limit, long byteBudget) {
    this.session = Objects.requireNonNull(session);
    this.limit = limit;
    this.byteBudget = byteBudget;
  }

  /**
   * A quarter of the maximum heap (at least 64 MiB): the session's own masks, the decoded
   * overlays and the exports' working sets need the rest, and the engine's tensors live
   * outside the heap.
   */
  public static long defaultByteBudget() {
    return Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
  }

  /** How a command reached the session. */
  public enum ChangeKind {
    EXECUTE,
    UNDO,
    REDO
  }

  /** Told after every execute/undo/redo (not after {@link #record}). */
  @FunctionalInterface
  public interface ChangeListener {
    void changed(Command command, ChangeKind kind);
  }

  public void setAfterChange(ChangeListener listener) {
    this.afterChange = Objects.requireNonNull(listener);
  }

  /**
   * Told when a command leaves the history for good: a new edit cleared the redo stack it was
   * on, or it was the oldest entry beyond the limit. What is kept only for its undo or redo can
   * then be let go.
   */
  @FunctionalInterface
  public interface DiscardListener {
    void discarded(Command command);
  }

  /**
   * Told once per edit that pushed the oldest entries out for the byte budget (not for the
   * entry limit, which an annotator expects): the annotator should learn that edits they may
   * mean to undo are gone, and why.
   */
  @FunctionalInterface
  public interface TrimListener {
    void trimmed(int droppedEntries, long byteBudget);
  }

  public void setOnTrim(TrimListener listener) {
    this.onTrim = Objects.requireNonNull(listener);
  }

  public void setOnDiscard(DiscardListener listener) {
    this.onDiscard = Objects.requireNonNull(listener);
  }

  public void execute(Command c) {
    c.apply(session);
    push(c);
    afterChange.changed(c, ChangeKind.EXECUTE);
  }

  /** Pushes a command whose effect is already in the session. */
  public void record(Command c) {
    push(c);
  }

  private void push(Command c) {
    Entry e = new Entry(c, c.undoBytes());
    undo.push(e);
    heldBytes += e.bytes();
    redo.forEach(r -> onDiscard.discarded(r.command()));
    redo.clear();
    int droppedForBytes = 0;
    while (undo.size() > limit || heldBytes > byteBudget && undo.size() > 1) {
      if (undo.size() <= limit) {
        droppedForBytes++;
      }
      Entry oldest = undo.removeLast();
      heldBytes -= oldest.bytes();
      onDiscard.discarded(oldest.command());
    }
    if (droppedForBytes > 0) {
      onTrim.trimmed(droppedForBytes, byteBudget);
    }
    changeCount++;
    refresh();
  }

  public boolean undo() {
    Step s = undoStep();
    return s != null && s.finish();
  }

  public boolean redo() {
    Step s = redoStep();
    return s != null && s.finish();
  }

  /** The next undo, to take in two steps (see {@link Step}); null when there is none. */
  public Step undoStep() {
    Entry e = undo.peek();
    return e == null ? null : new Step(e, true, e.command().undoBatch(session));
  }

  /** The next redo, to take in two steps (see {@link Step}); null when there is none. */
  public Step redoStep() {
    Entry e = redo.peek();
    return e == null ? null : new Step(e, false, e.command().redoBatch(session));
  }

  /**
   * An undo or redo in two steps, for a command with more masks than the UI thread can write
   * at once ({@link Command#undoBatch}): {@link #prepare()} on a worker thread, then
   * {@link #finish()}, the undo (or redo) itself, on the UI thread, which then only swaps maps.
   * The caller holds other edits back in between. For other commands {@code prepare} does
   * nothing.
   */
  public final class Step {
    private final Entry entry;
    private final boolean undoing;
    private final MaskBatch batch;
    private boolean finished;

    private Step(Entry entry, boolean undoing, MaskBatch batch) {
      this.entry = entry;
      this.undoing = undoing;
      this.batch = batch;
    }

    public Command command() {
      return entry.command();
    }

    /** True for an undo, false for a redo. */
    public boolean isUndo() {
      return undoing;
    }

    /** Whether {@link #prepare()} has work worth a worker thread. */
    public boolean hasWork() {
      return batch != null;
    }

    /** Any thread: reads the session, changes nothing. */
    public void prepare() {
      if (batch != null) {
        batch.prepare();
      }
    }

    /**
     * Undoes (or redoes) the command; false, doing nothing, when it is no longer the next one
     * (the history changed meanwhile) or this step already finished.
     */
    public boolean finish() {
      Deque<Entry> from = undoing ? undo : redo;
      if (finished || from.peek() != entry) {
        return false;
      }
      finished = true;
      from.pop();
      Command c = entry.command();
      if (undoing) {
        heldBytes -= entry.bytes();
        if (batch != null) {
          session.apply(batch);
        } else {
          c.revert(session);
        }
        redo.push(entry);
      } else {
        if (batch != null) {
          session.apply(batch);
        } else {
          c.apply(session);
        }
        undo.push(entry);
        heldBytes += entry.bytes();
      }
      changeCount++;
      refresh();
      afterChange.changed(c, undoing ? ChangeKind.UNDO : ChangeKind.REDO);
      return true;
    }
  }

  /** What the undo entries keep alive for their undo ({@link Command#undoBytes()}), summed. */
  public long heldBytes() {
    return heldBytes;
  }

  public long byteBudget() {
    return byteBudget;
  }

  /** Entries that can be undone now. */
  public int undoDepth() {
    return undo.size();
  }

  /** Increases with every change; autosave compares it with the last saved value. */
  public long changeCount() {
    return changeCount;
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty undoTextProperty() {
    return undoText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty redoTextProperty() {
    return redoText.getReadOnlyProperty();
  }

  private void refresh() {
    canUndo.set(!undo.isEmpty());
    canRedo.set(!redo.isEmpty());
    undoText.set(undo.isEmpty() ? "Undo" : "Undo " + undo.peek().command().description());
    redoText.set(redo.isEmpty() ? "Redo" : "Redo " + redo.peek().command().description());
  }
}
