package io.masklet.app.ui.objects;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The object list's rows, read-only to everyone but {@link ObjectListViewModel}, which changes
 * only the rows that differ: with 10,000 objects (a COCO file from CVAT has one per annotation)
 * replacing every row after a rename made the filter and the list view redo all of them.
 */
final class RowList extends ObservableListBase<ObjectRow> {
  private final List<ObjectRow> rows = new ArrayList<>();

  @Override
  public ObjectRow get(int index) {
    return rows.get(index);
  }

  @Override
  public int size() {
    return rows.size();
  }

  void insert(int index, ObjectRow row) {
    beginChange();
    try {
      rows.add(index, row);
      nextAdd(index, index + 1);
    } finally {
      endChange();
    }
  }

  void removeAt(int index) {
    beginChange();
    try {
      nextRemove(index, rows.remove(index));
    } finally {
      endChange();
    }
  }

  /** Puts {@code row} at {@code index}; no change when the row there is equal. */
  void replace(int index, ObjectRow row) {
    ObjectRow old = rows.get(index);
    if (!old.equals(row)) {
      beginChange();
      try {
        rows.set(index, row);
        nextSet(index, old);
      } finally {
        endChange();
      }
    }
  }

  /** Runs {@code changes} (calls of this list's methods) as one change event for listeners. */
  void inOneChange(Runnable changes) {
    beginChange();
    try {
      changes.run();
    } finally {
      endChange();
    }
  }

  /**
   * Makes the rows equal to {@code next}, replacing only the stretch between the rows both
   * start with and the rows both end with, as one change (none when they are equal).
   */
  void update(List<ObjectRow> next) {
    int n = rows.size();
    int m = next.size();
    int head = 0;
    while (head < n && head < m && rows.get(head).equals(next.get(head))) {
      head++;
    }
    if (head == n && head == m) {
      return;
    }
    int tail = 0;
    while (tail < n - head && tail < m - head
        && rows.get(n - 1 - tail).equals(next.get(m - 1 - tail))) {
      tail++;
    }
    List<ObjectRow> middle = rows.subList(head, n - tail);
    List<ObjectRow> removed = List.copyOf(middle);
    middle.clear();
    middle.addAll(next.subList(head, m - tail));
    beginChange();
    try {
      if (removed.isEmpty()) {
        nextAdd(head, m - tail);
      } else if (head == m - tail) {
        nextRemove(head, removed);
      } else {
        nextReplace(head, m - tail, removed);
      }
    } finally {
      endChange();
    }
  }
}
