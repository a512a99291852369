package io.masklet.app.ui.canvas;

/** What a mouse gesture on the canvas does. */
public enum Tool {
  /** Click = positive point (right or Alt+click = negative), drag = box. */
  PROMPT("Prompt (click / box)"),
  /** Paints the selected object's mask. */
  BRUSH("Brush"),
  /** Erases from the selected object's mask. */
  ERASER("Eraser");

  private final String label;

  Tool(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
