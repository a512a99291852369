package io.masklet.app.ui.help;

import javafx.scene.input.KeyCombination;

/** A keyboard shortcut: the keys, what it does (for the help dialog) and the action. */
public record Shortcut(String category, KeyCombination keys, String description, Runnable action) {
  /** Human-readable keys ("Ctrl+Z", "Shift+Right"). */
  public String keysText() {
    return keys.getDisplayText();
  }

  /** True when the shortcut has a Ctrl/Alt/Meta modifier (safe while typing in a text field). */
  public boolean hasCommandModifier() {
    return keys.getControl() == KeyCombination.ModifierValue.DOWN
        || keys.getShortcut() == KeyCombination.ModifierValue.DOWN
        || keys.getMeta() == KeyCombination.ModifierValue.DOWN
        || keys.getAlt() == KeyCombination.ModifierValue.DOWN;
  }
}
