package io.masklet.app.ui.objects;

import io.masklet.app.ui.session.RgbColor;
import io.masklet.model.project.TrackedObject.CrowdMarking;
import java.util.Locale;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.control.textfield.CustomTextField;

/** Side panel listing the objects (masklets) with their colour, visibility and counts. */
public final class ObjectListView extends VBox {
  private final ObjectListViewModel vm;
  private final ListView<ObjectRow> list = new ListView<>();
  private boolean syncingSelection;

  public ObjectListView(ObjectListViewModel vm) {
    this.vm = vm;
    setId("objectList");
    setPadding(new Insets(6));
    setSpacing(6);
    setPrefWidth(290);
    setMinWidth(220);

    Label title = new Label("Objects");
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button add = new Button("+ Add");
    add.setId("addObjectButton");
    add.setTooltip(new Tooltip("Add an object (N)"));
    add.setOnAction(e -> vm.add(null));
    Button delete = new Button("Delete");
    delete.setId("deleteObjectButton");
    delete.setTooltip(new Tooltip("Delete the selected object and all its masks (Shift+Delete)"));
    delete.setOnAction(e -> selectedId(id -> vm.delete(id)));
    HBox header = new HBox(6, title, spacer, add, delete);
    header.setAlignment(Pos.CENTER_LEFT);

    CustomTextField filter = new CustomTextField();
    filter.setPromptText("Filter by label");
    filter.setLeft(new Label(" \u2315"));
    FilteredList<ObjectRow> filtered = new FilteredList<>(vm.rows());
    filter.textProperty().addListener((o, a, t) -> {
      String q = t == null ? "" : t.strip().toLowerCase(Locale.ROOT);
      filtered.setPredicate(r -> q.isEmpty() || r.label().toLowerCase(Locale.ROOT).contains(q));
    });

    list.setItems(filtered);
    list.setCellFactory(v -> new RowCell());
    list.setPlaceholder(new Label("No objects yet.\nClick on the frame or press N."));
    VBox.setVgrow(list, Priority.ALWAYS);
    list.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
      if (!syncingSelection && row != null) {
        vm.select(row.id());
      }
    });
    vm.selectedObjectIdProperty().addListener((o, a, id) -> syncSelection());
    vm.rows().addListener((javafx.collections.ListChangeListener<ObjectRow>) c ->
        syncSelection());
    list.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.F2) {
        selectedId(id -> list.edit(list.getSelectionModel().getSelectedIndex()));
        e.consume();
      }
    });
    list.setEditable(true);

    Label legend = new Label("Lanes: \u25ae prompted \u00b7 \u2581 propagated \u00b7 "
        + "underline = edited \u00b7 \u2500 absent \u00b7 \u25ad\u2500 marked absent");
    legend.setStyle("-fx-font-size: 10px; -fx-text-fill: #888;");
    legend.setWrapText(true);
    getChildren().addAll(header, filter, list, legend);
  }

  private void syncSelection() {
    syncingSelection = true;
    try {
      int id = vm.selectedObjectIdProperty().get();
      for (int i = 0; i < list.getItems().size(); i++) {
        if (list.getItems().get(i).id() == id) {
          list.getSelectionModel().select(i);
          list.scrollTo(i);
          return;
        }
      }
      list.getSelectionModel().clearSelection();
    } finally {
      syncingSelection = false;
    }
  }

  private void selectedId(java.util.function.IntConsumer action) {
    ObjectRow r = list.getSelectionModel().getSelectedItem();
    if (r != null) {
      action.accept(r.id());
    }
  }

  /** Starts editing the selected object's label in place. */
  public void renameSelected() {
    int i = list.getSelectionModel().getSelectedIndex();
    if (i >= 0) {
      list.edit(i);
    }
  }

  private static Color fx(RgbColor c) {
    return Color.rgb(c.red(), c.green(), c.blue());
  }

  /** A row: colour button, label (editable), counts, visibility switch. */
  private final class RowCell extends ListCell<ObjectRow> {
    private final ColorPicker color = new ColorPicker();
    private final Label label = new Label();
    private final Label counts = new Label();
    private final ToggleSwitch visible = new ToggleSwitch();
    private final TextField editor = new TextField();
    // COCO's iscrowd: training code treats a crowd region apart from single instances
    private final CheckMenuItem crowd = new CheckMenuItem("Crowd region (COCO iscrowd)");
    private final HBox box;
    private boolean updating;

    RowCell() {
      color.getStyleClass().add(ColorPicker.STYLE_CLASS_BUTTON);
      color.setMaxWidth(34);
      color.setPrefWidth(34);
      color.setTooltip(new Tooltip("Colour"));
      color.setOnAction(e -> {
        if (!updating && getItem() != null) {
          Color c = color.getValue();
          vm.recolor(getItem().id(), new RgbColor((int) Math.round(c.getRed() * 255),
              (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255)));
        }
      });
      counts.setStyle("-fx-font-size: 10px; -fx-text-fill: #888;");
      VBox text = new VBox(1, label, counts);
      HBox.setHgrow(text, Priority.ALWAYS);
      visible.setTooltip(new Tooltip("Show / hide (H)"));
      visible.selectedProperty().addListener((o, a, on) -> {
        if (!updating && getItem() != null) {
          vm.setVisible(getItem().id(), on);
        }
      });
      box = new HBox(8, color, text, visible);
      box.setAlignment(Pos.CENTER_LEFT);
      // cells take the list's width instead of their content's (no horizontal scroll bar)
      setPrefWidth(0);
      label.setMinWidth(0);
      counts.setMinWidth(0);
      editor.setOnAction(e -> commitEdit(getItem()));
      editor.setOnKeyPressed(e -> {
        if (e.getCode() == KeyCode.ESCAPE) {
          cancelEdit();
        }
      });
      setOnMouseClicked(e -> {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
          startEdit();
        }
      });
      MenuItem rename = new MenuItem("Rename\u2026 (F2)");
      rename.setOnAction(e -> startEdit());
      MenuItem hide = new MenuItem("Show / hide (H)");
      hide.setOnAction(e -> {
        if (getItem() != null) {
          vm.toggleVisible(getItem().id());
        }
      });
      crowd.setOnAction(e -> {
        if (getItem() != null) {
          vm.toggleCrowd(getItem().id());
        }
      });
      MenuItem del = new MenuItem("Delete");
      del.setOnAction(e -> {
        if (getItem() != null) {
          vm.delete(getItem().id());
        }
      });
      setContextMenu(new ContextMenu(rename, hide, crowd, del));
    }

    @Override
    protected void updateItem(ObjectRow row, boolean empty) {
      super.updateItem(row, empty);
      updating = true;
      try {
        if (empty || row == null) {
          setGraphic(null);
          setText(null);
          return;
        }
        color.setValue(fx(row.color()));
        label.setText(row.label());
        counts.setText(row.maskedFrames() + " masked \u00b7 " + row.editedFrames()
            + " prompted/edited \u00b7 id " + row.id() + switch (row.crowd()) {
              case ALL -> " \u00b7 crowd";
              case SOME_FRAMES -> " \u00b7 crowd on some frames";
              case NONE -> "";
            });
        crowd.setSelected(row.crowd() == CrowdMarking.ALL);
        visible.setSelected(row.visible());
        setText(null);
        setGraphic(isEditing() ? editor : box);
      } finally {
        updating = false;
      }
    }

    @Override
    public void startEdit() {
      if (getItem() == null) {
        return;
      }
      super.startEdit();
      editor.setText(getItem().label());
      setGraphic(editor);
      editor.requestFocus();
      editor.selectAll();
    }

    @Override
    public void cancelEdit() {
      super.cancelEdit();
      setGraphic(box);
    }

    @Override
    public void commitEdit(ObjectRow row) {
      if (row != null) {
        vm.rename(row.id(), editor.getText());
      }
      super.cancelEdit();
      setGraphic(box);
    }
  }
}
