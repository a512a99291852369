package io.masklet.app.ui.objects;

import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.ChangedFrames;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.app.ui.session.SessionListener;
import io.masklet.model.project.TrackedObject;
import io.masklet.app.ui.task.TaskExecutor;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The object list: rows with colour, label, visibility, mask counts and crowd marking; add,
 * rename, recolour, mark as a crowd, hide, delete and select. Counts are refreshed at most once per UI pulse during propagation.
 */
public final class ObjectListViewModel {
  private final Workspace ws;
  private final AnnotationEditor editor;
  private final TaskExecutor ui;
  private final ObservableList<ObjectRow> rows = FXCollections.observableArrayList();
  private boolean refreshPending;

  private final SessionListener listener = new SessionListener() {
    @Override
    public void objectsChanged() {
      refresh();
    }

    @Override
    public void frameChanged(int objectId, int frame) {
      scheduleRefresh();
    }

    @Override
    public void framesChanged(ChangedFrames changed) {
      scheduleRefresh();
    }
  };

  public ObjectListViewModel(Workspace ws, AnnotationEditor editor) {
    this.ws = ws;
    this.editor = editor;
    this.ui = ws.ioExecutor();
    ws.followSessions(listener, this::refresh);
    ws.hiddenRevisionProperty().addListener(o -> refresh());
    refresh();
  }

  public ObservableList<ObjectRow> rows() {
    return rows;
  }

  public IntegerProperty selectedObjectIdProperty() {
    return ws.selectedObjectIdProperty();
  }

  private void scheduleRefresh() {
    if (!refreshPending) {
      refreshPending = true;
      ui.runOnUiThread(() -> {
        refreshPending = false;
        refresh();
      });
    }
  }

  /** Rebuilds the rows from the session. */
  public void refresh() {
    AnnotationSession s = ws.session();
    List<ObjectRow> next = new ArrayList<>();
    if (s != null) {
      for (TrackedObject o : s.objects()) {
        next.add(new ObjectRow(o.id(), o.label(), RgbColor.parse(o.color()), !ws.hiddenObjects().contains(o.id()),
            s.maskedFrameCount(o.id()), s.editedFrameCount(o.id()), o.crowdMarking()));
      }
    }
    if (!next.equals(rows)) {
      rows.setAll(next);
    }
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
