package io.masklet.app.ui.export;

/** Dataset formats the workstation exports to (through the annotation model's writers). */
public enum ExportFormat {
  /** {@code images/<stem>_<frame>.bmp} + LabelMe-compatible {@code json/} with exact RLE. */
  BMP_JSON("BMP+JSON dataset", true),
  /** SA-V masklet JSON ({@code <video>_manual.json}). */
  SAV_JSON("SA-V masklet JSON", false);

  private final String label;
  private final boolean directory;

  ExportFormat(String label, boolean directory) {
    this.label = label;
    this.directory = directory;
  }

  public String label() {
    return label;
  }

  /** True when the target is a folder, false when it is one file. */
  public boolean targetIsDirectory() {
    return directory;
  }
}
