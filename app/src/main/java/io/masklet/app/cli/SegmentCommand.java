package io.masklet.app.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.masklet.app.cli.engine.EngineModels;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.predictor.BoxPrompt;
import io.masklet.engine.predictor.ImagePrediction;
import io.masklet.engine.predictor.ImagePrompt;
import io.masklet.engine.predictor.PointPrompt;
import io.masklet.engine.predictor.PredictedMask;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import io.masklet.engine.video.RgbFrame;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.rle.BoundingBox;
import io.masklet.model.rle.Rle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code masklet segment}: one image, clicks and/or a box, the SAM 2.1 image predictor. */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description = {
      "Segment an object in one image from clicks and/or a box (image pixels).",
      "--out mask.png writes the best mask as a black/white PNG; --out NAME.json writes every "
          + "predicted mask as COCO RLE with its predicted IoU, best first.",
    })
public final class SegmentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(names = "--image", required = true, paramLabel = "IMAGE",
      description = "Image file (jpg, png, bmp); not a folder or a video.")
  Path image;

  @Option(names = "--point", paramLabel = "x,y[,1|0]",
      description = "A click; label 1 (default) = object, 0 = background. Repeatable.")
  List<String> points = new ArrayList<>();

  @Option(names = "--box", paramLabel = "x0,y0,x1,y1", description = "A box around the object.")
  String box;

  @Option(names = "--multimask", negatable = true,
      description = "Predict three candidate masks (default: only for a single click without box,"
          + " where the prompt is ambiguous).")
  Boolean multimask;

  @Option(names = "--out", required = true, paramLabel = "mask.png|out.json",
      description = "Output: a .png mask or a .json file of RLE masks.")
  Path out;

  @Mixin DeviceOption device;

  @Override
  public Integer call() throws Exception {
    String outName = out.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = outName.endsWith(".json");
    if (!json && !outName.endsWith(".png")) {
      throw new UserInputException("--out " + out + ": expected a .png or .json file name");
    }
    if (points.isEmpty() && box == null) {
      throw new UserInputException("give at least one --point or a --box");
    }
    RgbFrame frame = FrameInputs.readImage(image);
    List<PointPrompt> clicks = new ArrayList<>();
    for (String p : points) {
      clicks.add(parsePoint(p, frame.width(), frame.height()));
    }
    BoxPrompt b = box == null ? null : parseBox(box, frame.width(), frame.height());
    boolean multi = multimask != null ? multimask : (clicks.size() == 1 && b == null);
    device.check();

    ImagePrediction prediction;
    try (Sam2Model sam2 = model.load();
        NDManager manager = NDManager.newBaseManager();
        SAM2ImagePredictor predictor = EngineModels.imagePredictor(sam2, manager)) {
      predictor.setImage(frame);
      prediction = predictor.predict(new ImagePrompt(clicks, b, null), multi, false);
    }
    List<PredictedMask> masks = new ArrayList<>(prediction.masks());
    masks.sort(Comparator.comparingDouble(PredictedMask::iou).reversed());
    if (json) {
      writeJson(masks, frame);
    } else {
      writePng(masks.get(0));
    }
    PredictedMask best = masks.get(0);
    int area = 0;
    for (byte v : best.binary()) {
      area += v != 0 ? 1 : 0;
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(Locale.ROOT, "%s: %d mask(s), best predicted IoU %.3f, area %d px%n", out,
        masks.size(), best.iou(), area);
    w.flush();
    return 0;
  }

  static PointPrompt parsePoint(String text, int width, int height) {
    double[] v = numbers(text, "--point " + text, 2, 3);
    int label = v.length == 3 ? (int) v[2] : PointPrompt.POSITIVE;
    if (v.length == 3 && v[2] != 0 && v[2] != 1) {
      throw new UserInputException("--point " + text + ": label must be 1 (object) or 0 (background)");
    }
    checkInside("--point " + text, v[0], v[1], width, height);
    return new PointPrompt((float) v[0], (float) v[1], label);
  }

  static BoxPrompt parseBox(String text, int width, int height) {
    double[] v = numbers(text, "--box " + text, 4, 4);
    if (v[2] <= v[0] || v[3] <= v[1]) {
      throw new UserInputException("--box " + text + ": needs x1 > x0 and y1 > y0");
    }
    checkInside("--box " + text, v[0], v[1], width, height);
    checkInside("--box " + text, v[2], v[3], width, height);
    return new BoxPrompt((float) v[0], (float) v[1], (float) v[2], (float) v[3]);
  }

  private static double[] numbers(String text, String what, int min, int max) {
    String[] parts = text.split(",");
    if (parts.length < min || parts.length > max) {
      throw new UserInputException(what + ": expected " + (min == max ? min : min + " or " + max)
          + " comma-separated numbers");
    }
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new UserInputException(what + ": '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw new UserInputException(what + ": '" + parts[i] + "' is not a finite number");
      }
    }
    return v;
  }

  private static void checkInside(String what, double x, double y, int width, int height) {
    if (x < 0 || y < 0 || x > width || y > height) {
      throw new UserInputException(what + ": outside the " + width + "x" + height + " image");
    }
  }

  private void writePng(PredictedMask m) throws IOException {
    BufferedImage img = new BufferedImage(m.width(), m.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      px[i] = m.binary()[i] != 0 ? (byte) 255 : 0;
    }
    AtomicFiles.write(out, o -> ImageIO.write(img, "png", o));
  }

  private void writeJson(List<PredictedMask> masks, RgbFrame frame) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("image", image.toString());
    root.put("height", frame.height());
    root.put("width", frame.width());
    ArrayNode arr = root.putArray("masks");
    for (PredictedMask m : masks) {
      Rle rle = Rle.encode(m.binary(), m.height(), m.width());
      ObjectNode n = arr.addObject();
      n.put("predicted_iou", m.iou());
      n.put("area", rle.area());
      BoundingBox bb = rle.bbox();
      ArrayNode bbox = n.putArray("bbox");
      bbox.add(bb.x()).add(bb.y()).add(bb.width()).add(bb.height());
      ObjectNode seg = n.putObject("segmentation");
      seg.putArray("size").add(rle.height()).add(rle.width());
      seg.put("counts", rle.toCompressedString());
    }
    byte[] bytes = json.writeValueAsBytes(root);
    AtomicFiles.write(out, bytes);
  }
}
