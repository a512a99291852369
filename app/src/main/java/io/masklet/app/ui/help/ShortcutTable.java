package io.masklet.app.ui.help;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * All keyboard shortcuts of the workstation in one table: installed as a scene-level key filter
 * (so the canvas, slider and list do not swallow them) and listed by the help dialog. While a
 * text field has focus only shortcuts with Ctrl/Alt survive, and not the text-editing ones.
 */
public final class ShortcutTable {
  private final List<Shortcut> shortcuts = new ArrayList<>();

  /**
   * Adds a shortcut written like {@code "Shortcut+Shift+Z"}, {@code "F5"}, {@code "DIGIT3"}:
   * modifiers, then a {@link KeyCode} name (enum name or display name).
   */
  public ShortcutTable add(String category, String keys, String description, Runnable action) {
    shortcuts.add(new Shortcut(category, parse(keys), description, action));
    return this;
  }

  /**
   * Always a {@link KeyCodeCombination}: {@code KeyCombination.keyCombination("DIGIT3")} would
   * give a character combination that never matches the key, silently dropping the shortcut.
   */
  public static KeyCombination parse(String keys) {
    String[] parts = keys.split("\\+");
    List<KeyCombination.Modifier> mods = new ArrayList<>();
    for (int i = 0; i < parts.length - 1; i++) {
      mods.add(switch (parts[i].toLowerCase(java.util.Locale.ROOT)) {
        case "shortcut" -> KeyCombination.SHORTCUT_DOWN;
        case "ctrl" -> KeyCombination.CONTROL_DOWN;
        case "shift" -> KeyCombination.SHIFT_DOWN;
        case "alt" -> KeyCombination.ALT_DOWN;
        case "meta" -> KeyCombination.META_DOWN;
        default -> throw new IllegalArgumentException("unknown modifier in '" + keys + "'");
      });
    }
    String name = parts[parts.length - 1];
    KeyCode code;
    try {
      code = KeyCode.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      code = KeyCode.getKeyCode(name.replace('_', ' '));
    }
    if (code == null) {
      throw new IllegalArgumentException("unknown key in shortcut '" + keys + "'");
    }
    return new KeyCodeCombination(code, mods.toArray(KeyCombination.Modifier[]::new));
  }

  public List<Shortcut> all() {
    return Collections.unmodifiableList(shortcuts);
  }

  public void install(Scene scene) {
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::handle);
  }

  /** Runs the first matching shortcut; returns whether one ran. */
  public boolean handle(KeyEvent e) {
    boolean typing = e.getTarget() instanceof TextInputControl
        || (e.getSource() instanceof Scene s && s.getFocusOwner() instanceof TextInputControl);
    for (Shortcut s : shortcuts) {
      if (s.keys().match(e)) {
        if (typing && (!s.hasCommandModifier() || isTextEditing(e.getCode()))) {
          return false;
        }
        s.action().run();
        e.consume();
        return true;
      }
    }
    return false;
  }

  private static boolean isTextEditing(KeyCode c) {
    return c == KeyCode.Z || c == KeyCode.Y || c == KeyCode.A || c == KeyCode.C
        || c == KeyCode.V || c == KeyCode.X;
  }
}
