package io.masklet.app.ui.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShortcutTableTest {
  @BeforeAll
  static void toolkit() throws Exception {
    org.testfx.api.FxToolkit.registerPrimaryStage();
  }

  @Test
  void everyNotationParsesToAKeyCode() {
    for (String k : List.of("Back_Space", "Page_Down", "Esc", "ESCAPE", "F5", "Shortcut+F5",
        "OPEN_BRACKET", "MINUS", "Shortcut+Shift+O", "Shift+Tab", "Delete")) {
      assertTrue(ShortcutTable.parse(k) instanceof javafx.scene.input.KeyCodeCombination, k);
    }
  }

  private static KeyEvent press(Object target, KeyCode code, boolean shift, boolean ctrl) {
    return new KeyEvent(null, null, KeyEvent.KEY_PRESSED, "", "", code, shift, ctrl, false,
        false);
  }

  @Test
  void runsTheMatchingShortcutAndConsumesTheKey() {
    List<String> ran = new ArrayList<>();
    ShortcutTable t = new ShortcutTable()
        .add("Frames", "Right", "next", () -> ran.add("next"))
        .add("Frames", "Shift+Right", "next 10", () -> ran.add("next10"))
        .add("Objects", "DIGIT3", "third", () -> ran.add("third"))
        .add("View", "EQUALS", "opaque", () -> ran.add("opaque"))
        .add("Tools", "CLOSE_BRACKET", "bigger", () -> ran.add("bigger"));
    KeyEvent e = press(null, KeyCode.RIGHT, false, false);
    assertTrue(t.handle(e));
    assertTrue(e.isConsumed());
    assertTrue(t.handle(press(null, KeyCode.RIGHT, true, false)));
    assertTrue(t.handle(press(null, KeyCode.DIGIT3, false, false)));
    assertTrue(t.handle(press(null, KeyCode.EQUALS, false, false)));
    assertTrue(t.handle(press(null, KeyCode.CLOSE_BRACKET, false, false)));
    assertEquals(List.of("next", "next10", "third", "opaque", "bigger"), ran);
  }

  @Test
  void plainKeysAndTextEditingKeysAreLeftToTextFields() {
    List<String> ran = new ArrayList<>();
    ShortcutTable t = new ShortcutTable()
        .add("Objects", "N", "add", () -> ran.add("add"))
        .add("Edit", "Shortcut+Z", "undo", () -> ran.add("undo"))
        .add("File", "Shortcut+S", "save", () -> ran.add("save"));
    TextField field = new TextField();
    KeyEvent n = new KeyEvent(field, field, KeyEvent.KEY_PRESSED, "", "", KeyCode.N, false, false,
        false, false);
    assertFalse(t.handle(n), "typing N in a text field adds no object");
    boolean mac = System.getProperty("os.name", "").toLowerCase().contains("mac");
    KeyEvent z = new KeyEvent(field, field, KeyEvent.KEY_PRESSED, "", "", KeyCode.Z, false, !mac,
        false, mac);
    assertFalse(t.handle(z), "Ctrl+Z in a text field undoes the text, not the annotation");
    KeyEvent s = new KeyEvent(field, field, KeyEvent.KEY_PRESSED, "", "", KeyCode.S, false, !mac,
        false, mac);
    assertTrue(t.handle(s), "Ctrl+S saves even while typing");
    assertEquals(List.of("save"), ran);
  }
}
