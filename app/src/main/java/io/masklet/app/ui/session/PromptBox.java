package io.masklet.app.ui.session;

/** A box prompt in original-frame pixels, normalised so (x0, y0) is the top-left corner. */
public record PromptBox(double x0, double y0, double x1, double y1) {
  public PromptBox {
    if (x1 < x0) {
      double t = x0;
      x0 = x1;
      x1 = t;
    }
    if (y1 < y0) {
      double t = y0;
      y0 = y1;
      y1 = t;
    }
  }

  public double width() {
    return x1 - x0;
  }

  public double height() {
    return y1 - y0;
  }
}
