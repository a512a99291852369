package io.masklet.app.ui.objects;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.ChangedFrames;
import io.masklet.app.ui.session.ObjectChange;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.app.ui.session.SessionListener;
import io.masklet.model.project.TrackedObject;
import io.masklet.app.ui.task.TaskExecutor;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ObservableList;

/**
 * The object list: rows with colour, label, visibility, mask counts and crowd marking; add,
 * rename, recolour, mark as a crowd, hide, delete and select. Counts are refreshed at most once per UI pulse during propagation.
 */
public final class ObjectListViewModel {
  /**
   * Objects whose rows are recounted one by one at a pulse; when more changed at once (a
   * propagation of many objects), one rebuild replaces the stretch of rows that differs.
   */
  private static final int FEW = 32;

  private final Workspace ws;
  private final AnnotationEditor editor;
  private final TaskExecutor ui;
  private final RowList rows = new RowList();
  /** Objects whose masks or prompts changed since their rows were last counted. */
  private final Set<Integer> recount = new LinkedHashSet<>();
  private boolean recountPending;
  private long rowsBuilt;

  private final SessionListener listener = new SessionListener() {
    @Override
    public void objectsChanged() {
      refresh();
    }

    @Override
    public void objectChanged(ObjectChange change) {
      update(change);
    }

    @Override
    public void frameChanged(int objectId, int frame) {
      scheduleRecount(List.of(objectId));
    }

    @Override
    public void framesChanged(ChangedFrames changed) {
      scheduleRecount(changed.objectIds());
    }
  };

  public ObjectListViewModel(Workspace ws, AnnotationEditor editor) {
    this.ws = ws;
    this.editor = editor;
    this.ui = ws.ioExecutor();
    ws.followSessions(listener, this::refresh);
    ws.hiddenRevisionProperty().addListener(o -> refreshVisibility());
    refresh();
  }

  public ObservableList<ObjectRow> rows() {
    return rows;
  }

  public IntegerProperty selectedObjectIdProperty() {
    return ws.selectedObjectIdProperty();
  }

  /** Counts once per pulse, however many masks a propagation delivers meanwhile. */
  private void scheduleRecount(Collection<Integer> objectIds) {
    recount.addAll(objectIds);
    if (!recountPending) {
      recountPending = true;
      ui.runOnUiThread(() -> {
        recountPending = false;
        recountChanged();
      });
    }
  }

  private void recountChanged() {
    AnnotationSession s = ws.session();
    if (s == null || recount.size() > FEW) {
      refresh();
      return;
    }
    // by row position, so that the change's parts come in order
    TreeMap<Integer, Integer> idAt = new TreeMap<>();
    for (Integer id : recount) {
      int i = s.indexOfObject(id);
      if (i >= rows.size() || i >= 0 && rows.get(i).id() != id) {
        refresh(); // rows and session disagree: start afresh
        return;
      }
      if (i >= 0) { // a deleted object's row went with it
        idAt.put(i, id);
      }
    }
    recount.clear();
    rows.inOneChange(() -> idAt.forEach((i, id) -> rows.replace(i, row(s, s.object(id)))));
  }

  /** Changes the one row of an added, removed or updated object. */
  private void update(ObjectChange change) {
    AnnotationSession s = ws.session();
    if (s == null) {
      refresh();
      return;
    }
    int i = change.position();
    boolean inRows = i >= 0 && i < rows.size() && rows.get(i).id() == change.objectId();
    switch (change.kind()) {
      case ADDED -> {
        if (i >= 0 && i <= rows.size() && rows.size() == s.objectCount() - 1) {
          rows.insert(i, row(s, s.object(change.objectId())));
          return;
        }
      }
      case REMOVED -> {
        if (inRows && rows.size() == s.objectCount() + 1) {
          rows.removeAt(i);
          return;
        }
      }
      case UPDATED -> {
        if (inRows && rows.size() == s.objectCount()) {
          rows.replace(i, row(s, s.object(change.objectId())));
          return;
        }
      }
    }
    refresh();
  }

  /** Hiding or showing changes no label or count: only the rows whose switch flips. */
  private void refreshVisibility() {
    List<ObjectRow> next = new ArrayList<>(rows);
    for (int i = 0; i < next.size(); i++) {
      ObjectRow r = next.get(i);
      boolean visible = !ws.hiddenObjects().contains(r.id());
      if (r.visible() != visible) {
        next.set(i, new ObjectRow(r.id(), r.label(), r.color(), visible, r.maskedFrames(),
            r.editedFrames(), r.crowd()));
      }
    }
    rows.update(next);
  }

  /**
   * Rebuilds the rows from the session; the list changes only where they differ from the rows
   * shown.
   */
  public void refresh() {
    recount.clear();
    AnnotationSession s = ws.session();
    List<ObjectRow> next = new ArrayList<>();
    if (s != null) {
      for (TrackedObject o : s.objects()) {
        next.add(row(s, o));
      }
    }
    rows.update(next);
  }

  /**
   * Rows built from the session so far, for tests: an edit of one object builds that object's
   * row, whatever the number of objects.
   */
  public long rowsBuilt() {
    return rowsBuilt;
  }

  private ObjectRow row(AnnotationSession s, TrackedObject o) {
    rowsBuilt++;
    return new ObjectRow(o.id(), o.label(), RgbColor.parse(o.color()),
        !ws.hiddenObjects().contains(o.id()), s.maskedFrameCount(o.id()),
        s.editedFrameCount(o.id()), o.crowdMarking());
  }

  public boolean hasDocument() {
    return ws.session() != null;
  }

  public void add(String label) {
    if (ws.session() == null) {
      ws.status("Open a video or image folder first.");
      return;
    }
    editor.addObject(label);
  }

  public void select(int id) {
    ws.selectedObjectIdProperty().set(id);
  }

  public void rename(int id, String label) {
    editor.renameObject(id, label);
  }

  public void recolor(int id, RgbColor color) {
    editor.recolorObject(id, color);
  }

  public void setVisible(int id, boolean visible) {
    if (visible) {
      ws.hiddenObjects().remove(id);
    } else {
      ws.hiddenObjects().add(id);
    }
  }

  public void toggleVisible(int id) {
    setVisible(id, ws.hiddenObjects().contains(id));
  }

  /** Hides every object when any is shown (to see the picture), else shows them all. */
  public void toggleAllVisible() {
    AnnotationSession s = ws.session();
    if (s == null) {
      return;
    }
    List<Integer> ids = s.objects().stream().map(TrackedObject::id).toList();
    ws.setHidden(ids, ids.stream().anyMatch(id -> !ws.hiddenObjects().contains(id)));
  }

  public void delete(int id) {
    editor.deleteObject(id);
  }

  /**
   * Marks every mask of the object as a crowd, or, when all already are, none (a COCO track
   * that was a crowd on some frames only becomes a crowd on all).
   */
  public void toggleCrowd(int id) {
    AnnotationSession s = ws.session();
    TrackedObject o = s == null ? null : s.object(id);
    if (o != null) {
      editor.setCrowd(id, o.crowdMarking() != TrackedObject.CrowdMarking.ALL);
    }
  }

  /** Selects the object {@code delta} rows below (or above) the selected one. */
  public void selectRelative(int delta) {
    if (rows.isEmpty()) {
      return;
    }
    int idx = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).id() == ws.selectedObjectIdProperty().get()) {
        idx = i + delta;
        break;
      }
    }
    idx = Math.floorMod(idx, rows.size());
    select(rows.get(idx).id());
  }

  /** Selects the n-th object (1-based, as the number keys do). */
  public void selectNumber(int n) {
    if (n >= 1 && n <= rows.size()) {
      select(rows.get(n - 1).id());
    }
  }
}
