package io.masklet.engine.verify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.backbones.BackboneOut;
import io.masklet.engine.predictor.ImageFeatures;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import io.masklet.engine.predictor.Sam2BaseImageModel;
import io.masklet.engine.video.RgbFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The image part of a fixture: {@code input.image_u8} through the predictor's transform and the
 * image encoder (comparing {@code input.image_tensor}, {@code backbone.*} and
 * {@code features.image_embed} when the golden file has them), then every
 * {@code cases.json → image_cases} prompt (masks, IoU, low-res logits). Tolerance:
 * {@link Tolerance#IMAGE}.
 */
public final class ImageFixturePart implements FixturePart {
  public static final String GOLDEN_FILE = "image.safetensors";

  @Override
  public String name() {
    return "image";
  }

  @Override
  public String goldenFile() {
    return GOLDEN_FILE;
  }

  @Override
  public List<Comparison> verify(Sam2Model model, Path dir, Consumer<Comparison> sink)
      throws IOException {
    Path casesFile = dir.resolve(CASES_FILE);
    JsonNode cases = FixturePart.readCases(casesFile);
    List<ImageCase> imageCases = ImageFixtureVerifier.imageCases(cases, casesFile.toString());
    SAM2Base net = model.net();
    Tolerance tol = Tolerance.IMAGE;
    List<Comparison> all = new ArrayList<>();
    Consumer<Comparison> report = c -> {
      all.add(c);
      sink.accept(c);
    };
    try (Safetensors.Reader golden = Safetensors.open(dir.resolve(GOLDEN_FILE));
        NDManager m = NDManager.newBaseManager();
        SAM2ImagePredictor predictor = new SAM2ImagePredictor(new Sam2BaseImageModel(net), m)) {
      if (!golden.contains("input.image_u8")) {
        throw new IOException(golden.file() + ": no 'input.image_u8' tensor");
      }
      RgbFrame image;
      try (NDManager s = m.newSubManager()) {
        NDArray u8 = golden.get("input.image_u8", s);
        long[] shape = u8.getShape().getShape();
        if (shape.length != 3 || shape[2] != 3) {
          throw new IOException(golden.file() + ": input.image_u8 has shape " + u8.getShape()
              + ", expected [H, W, 3]");
        }
        image = new RgbFrame(0, (int) shape[1], (int) shape[0],
            u8.toType(DataType.UINT8, false).toByteArray());
      }
      try (NDManager s = m.newSubManager()) {
        NDArray input = predictor.transforms().toModelInput(image, s);
        compareIfPresent("input.image_tensor", input, golden, s, tol, report);
        BackboneOut out = net.forwardImage(input);
        compareIfPresent("backbone.vision_features", out.visionFeatures(), golden, s, tol, report);
        for (int i = 0; i < out.backboneFpn().size(); i++) {
          compareIfPresent("backbone.fpn." + i, out.backboneFpn().get(i), golden, s, tol, report);
        }
        for (int i = 0; i < out.visionPosEnc().size(); i++) {
          compareIfPresent("backbone.pos." + i, out.visionPosEnc().get(i), golden, s, tol, report);
        }
        ImageFeatures features = Sam2BaseImageModel.features(net, out);
        compareIfPresent("features.image_embed", features.imageEmbed(), golden, s, tol, report);
        predictor.setImageFeatures(features, image.height(), image.width());
      }
      new ImageFixtureVerifier(tol).verify(predictor, imageCases, golden, report);
    }
    return all;
  }

  private static void compareIfPresent(String key, NDArray got, Safetensors.Reader golden,
      NDManager m, Tolerance tol, Consumer<Comparison> report) throws IOException {
    if (!golden.contains(key)) {
      return;
    }
    NDArray want = golden.get(key, m);
    if (!want.getShape().equals(got.getShape())) {
      report.accept(Comparison.failure(key, "computed shape " + got.getShape()
          + " but the golden tensor has " + want.getShape()));
      return;
    }
    report.accept(tol.compare(key, got.toType(DataType.FLOAT32, false).toFloatArray(),
        want.toType(DataType.FLOAT32, false).toFloatArray()));
  }
}
