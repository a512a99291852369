package io.masklet.app.ui.help;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Lists every keyboard shortcut by category (F1). */
public final class HelpDialog extends Dialog<Void> {
  public HelpDialog(Window owner, List<Shortcut> shortcuts, String mouseHelp) {
    initOwner(owner);
    setTitle("Keyboard shortcuts");
    setHeaderText("Masklet Studio \u2014 mouse and keyboard");
    GridPane grid = new GridPane();
    grid.setHgap(18);
    grid.setVgap(3);
    grid.setPadding(new Insets(8));
    int row = 0;
    Label mouse = new Label(mouseHelp);
    mouse.setWrapText(true);
    grid.add(mouse, 0, row++, 2, 1);
    Map<String, List<Shortcut>> byCategory = new LinkedHashMap<>();
    for (Shortcut s : shortcuts) {
      byCategory.computeIfAbsent(s.category(), k -> new java.util.ArrayList<>()).add(s);
    }
    for (Map.Entry<String, List<Shortcut>> e : byCategory.entrySet()) {
      Label cat = new Label(e.getKey());
      cat.setStyle("-fx-font-weight: bold; -fx-padding: 8 0 2 0;");
      grid.add(cat, 0, row++, 2, 1);
      for (Shortcut s : e.getValue()) {
        Label keys = new Label(s.keysText());
        keys.setStyle("-fx-font-family: monospace;");
        grid.add(keys, 0, row);
        grid.add(new Label(s.description()), 1, row++);
      }
    }
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToWidth(true);
    scroll.setPrefSize(560, 620);
    getDialogPane().setContent(scroll);
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    getDialogPane().setId("helpDialog");
  }
}
