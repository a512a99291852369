package io.masklet.app.ui.history;

import io.masklet.app.ui.session.AnnotationSession;
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
 */
public final class CommandHistory {
  /** Bounded so an eight-hour session cannot exhaust memory with old mask snapshots. */
  public static final int DEFAULT_LIMIT = 200;

  private final AnnotationSession session;
  private final int limit;
  private final Deque<Command> undo = new ArrayDeque<>();
  private final Deque<Command> redo = new ArrayDeque<>();
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
  private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
  private ChangeListener afterChange = (c, kind) -> {};
  private DiscardListener onDiscard = c -> {};
  private long changeCount;

  public CommandHistory(AnnotationSession session) {
    this(session, DEFAULT_LIMIT);
  }

  public CommandHistory(AnnotationSession session, int limit) {
    this.session = Objects.requireNonNull(session);
    this.limit = limit;
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
    undo.push(c);
    while (undo.size() > limit) {
      onDiscard.discarded(undo.removeLast());
    }
    redo.forEach(onDiscard::discarded);
    redo.clear();
    changeCount++;
    refresh();
  }

  public boolean undo() {
    Command c = undo.poll();
    if (c == null) {
      return false;
    }
    c.revert(session);
    redo.push(c);
    changeCount++;
    refresh();
    afterChange.changed(c, ChangeKind.UNDO);
    return true;
  }

  public boolean redo() {
    Command c = redo.poll();
    if (c == null) {
      return false;
    }
    c.apply(session);
    undo.push(c);
    changeCount++;
    refresh();
    afterChange.changed(c, ChangeKind.REDO);
    return true;
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
    undoText.set(undo.isEmpty() ? "Undo" : "Undo " + undo.peek().description());
    redoText.set(redo.isEmpty() ? "Redo" : "Redo " + redo.peek().description());
  }
}
