package io.masklet.engine.amg;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.project.ProjectFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The automatic mask generator's records as JSON, the per-image format of SAM's AMG script with
 * COCO RLE: an array of {@code {"segmentation": {"size": [h, w], "counts": "<compressed>"},
 * "area", "bbox": [x, y, w, h], "predicted_iou", "point_coords": [[x, y]], "stability_score",
 * "crop_box": [x, y, w, h]}} in generation order. The counts string is pycocotools'
 * compressed RLE, so {@code pycocotools.mask.decode} reads the masks.
 */
public final class AutoMaskJson {
  private static final JsonFactory JSON = new JsonFactory();

  private AutoMaskJson() {}

  /** Writes {@code masks} to {@code file} atomically. */
  public static void write(List<AutoMask> masks, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (AutoMask m : masks) {
          g.writeStartObject();
          g.writeObjectFieldStart("segmentation");
          ProjectFile.writeRleFields(m.segmentation(), g);
          g.writeEndObject();
          g.writeNumberField("area", m.area());
          g.writeFieldName("bbox");
          g.writeArray(m.bbox(), 0, 4);
          g.writeNumberField("predicted_iou", m.predictedIou());
          g.writeArrayFieldStart("point_coords");
          g.writeStartArray();
          g.writeNumber(m.point()[0]);
          g.writeNumber(m.point()[1]);
          g.writeEndArray();
          g.writeEndArray();
          g.writeNumberField("stability_score", m.stabilityScore());
          g.writeFieldName("crop_box");
          g.writeArray(m.cropBox().toXywh(), 0, 4);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
    });
  }
}
