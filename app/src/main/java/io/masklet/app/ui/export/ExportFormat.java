package io.masklet.app.ui.export;

/** Dataset formats the workstation exports to (through the annotation model's writers). */
public enum ExportFormat {
  /** {@code images/<stem>_<frame>.bmp} + LabelMe-compatible {@code json/} with exact RLE. */
  BMP_JSON("BMP+JSON dataset", true),
  /** SA-V masklet JSON ({@code <video>_manual.json}). */
  SAV_JSON("SA-V masklet JSON", false),
  /** COCO instances JSON with RLE segmentations (one image per annotated frame). */
  COCO("COCO instances JSON", false),
  /** One palette PNG per frame, pixel value = object id (DAVIS / SAM 2 VOS layout). */
  PNG_INDEXED("PNG masks (one indexed PNG per frame)", true),
  /** One binary PNG per object and frame ({@code <obj>/<frame>.png}). */
  PNG_PER_OBJECT("PNG masks (per object)", true);

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
