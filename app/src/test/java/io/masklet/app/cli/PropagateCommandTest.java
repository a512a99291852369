package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.cli.engine.EngineModels;
import io.masklet.app.cli.propagate.OutputFormat;
import io.masklet.app.cli.propagate.VideoPropagation;
import io.masklet.app.cli.prompts.PromptsFile;
import io.masklet.app.cli.prompts.PromptsFile.FramePrompt;
import io.masklet.app.cli.prompts.PromptsFile.ObjectPrompts;
import io.masklet.app.sample.SampleScene;
import io.masklet.app.sample.SampleVideoWriter;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import io.masklet.model.sav.SavJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code masklet propagate} end to end with the micro fixture checkpoint on short clips of the
 * sample scene (an image folder and small mp4 files). The masks of random weights mean nothing;
 * what is checked is the command's contract: every frame in both directions, prompts of every
 * kind, the SA-V, BMP+JSON and PNG formats (COCO goes through the same model writer path),
 * batch resumption, and bad input. The tracking itself is checked
 * against the official outputs by the engine's video golden tests.
 */
class PropagateCommandTest {
  static final int FRAMES = 3;
  @TempDir static Path tmp;
  static Path ckpt;
  static Path config;
  static Path folderVideo;
  static Path prompts;
  static final SampleScene SCENE = new SampleScene();

  @BeforeAll
  static void clip() throws IOException {
    ckpt = SharedData.microCheckpoint();
    config = SharedData.microConfig();
    folderVideo = tmp.resolve("clip");
    Files.createDirectories(folderVideo);
    for (int t = 0; t < FRAMES; t++) {
      ImageIO.write(SCENE.render(t).rgb(), "png", folderVideo.resolve(String.format("%05d.png", t)).toFile());
    }
    // The ball clicked on frame 2 (so a backward pass is needed), the box by a box on frame 0,
    // the star by its exact mask (a PNG next to the prompts file) on frame 1.
    BufferedImage starMask = new BufferedImage(SampleScene.WIDTH, SampleScene.HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    byte[] m = SCENE.render(1).mask(3);
    for (int i = 0; i < m.length; i++) {
      starMask.getRaster().setSample(i % SampleScene.WIDTH, i / SampleScene.WIDTH, 0, m[i] != 0 ? 255 : 0);
    }
    ImageIO.write(starMask, "png", tmp.resolve("star1.png").toFile());
    PromptsFile p = new PromptsFile(List.of(
        new ObjectPrompts(1, "ball", List.of(new FramePrompt(2, new double[][] {{110, 180}}, null, null, null))),
        new ObjectPrompts(2, "box", List.of(new FramePrompt(0, null, null, new double[] {500, 244, 620, 316}, null))),
        new ObjectPrompts(3, "star", List.of(new FramePrompt(1, null, null, null, "star1.png")))));
    prompts = tmp.resolve("clip.prompts.json");
    Files.write(prompts, p.toJson());
  }

  @Test
  void everyObjectGetsAMaskOnEveryFrameAndOnlyPromptedFramesArePrompted() throws IOException {
    PromptsFile p = PromptsFile.read(prompts);
    Project result;
    try (Sam2Model model = EngineModels.load(ckpt, config);
        FrameSource src = FrameSources.open(folderVideo)) {
      result = VideoPropagation.run(EngineModels.videoPredictor(model), src, p, prompts, true);
    }
    int[] promptedFrame = {2, 0, 1};
    for (int id = 1; id <= 3; id++) {
      Masklet ml = result.masklet(id);
      assertEquals(FRAMES, ml.frames().size(), "object " + id + " has a mask on every frame");
      for (int f = 0; f < FRAMES; f++) {
        Provenance expected = f == promptedFrame[id - 1] ? Provenance.PROMPTED : Provenance.PROPAGATED;
        assertEquals(expected, ml.at(f).provenance(), "object " + id + " frame " + f);
        assertTrue(ml.at(f).hasScore(), "object score kept");
      }
    }
    // A mask prompt is used as the output on its frame (use_mask_input_as_output_without_sam).
    byte[] star = result.masklet(3).at(1).rle().decode();
    byte[] truth = SCENE.render(1).mask(3);
    int diff = 0;
    for (int i = 0; i < truth.length; i++) {
      diff += (star[i] != 0) != (truth[i] != 0) ? 1 : 0;
    }
    assertTrue(diff < truth.length * 0.01, "prompted star mask kept on its frame: " + diff + " px differ");
  }

  @Test
  void writesSavAndBmpJsonAndSkipsAnExistingResult() throws IOException {
    Path out = tmp.resolve("out");
    CliRun sav = run(out, "sav");
    assertEquals(0, sav.exitCode(), sav.toString());
    assertEquals(3, SavJson.read(out.resolve("clip_manual.json")).masklets().size());

    CliRun bmp = run(out, "bmpjson");
    assertEquals(0, bmp.exitCode(), bmp.toString());
    Project ds = BmpJsonDataset.read(out.resolve("clip"));
    assertEquals(3, ds.objects().size());
    assertTrue(Files.isRegularFile(BmpJsonDataset.imageFile(out.resolve("clip"), "clip", FRAMES - 1)));
    assertFalse(Files.exists(out.resolve(".clip.partial")), "no partial folder left");

    long before = Files.getLastModifiedTime(out.resolve("clip_manual.json")).toMillis();
    CliRun again = run(out, "sav");
    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.out().contains("exists, skipped"), again.toString());
    assertEquals(before, Files.getLastModifiedTime(out.resolve("clip_manual.json")).toMillis());
  }

  @Test
  void aBatchFolderProcessesVideosWithPromptsSkipsFinishedOnesAndResumesAfterAKill()
      throws IOException {
    Path batch = tmp.resolve("batch");
    Files.createDirectories(batch);
    PromptsFile p = new PromptsFile(List.of(new ObjectPrompts(1, "ball",
        List.of(new FramePrompt(0, new double[][] {{89, 189}}, new int[] {1}, null, null)))));
    for (String name : List.of("a", "b", "c")) {
      SampleVideoWriter.write(SCENE, batch.resolve(name + ".mp4"), 2);
    }
    Files.write(batch.resolve("a.prompts.json"), p.toJson());
    Files.write(batch.resolve("b.prompts.json"), p.toJson());
    // c has no prompts file. "a" finished in an earlier run; "b" was killed while writing.
    Path out = tmp.resolve("batch-out");
    Files.createDirectories(out.resolve("a"));
    Files.writeString(out.resolve("a").resolve("marker"), "earlier result");
    Files.createDirectories(out.resolve(".b.partial"));
    Files.writeString(out.resolve(".b.partial").resolve("junk.png"), "half");

    CliRun run = CliRun.of("propagate", "--checkpoint", ckpt.toString(), "--config", config.toString(),
        "--video", batch.toString(), "--out", out.toString(), "--format", "png");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.err().contains("c.mp4 has no c.prompts.json"), run.toString());
    assertTrue(run.out().contains("exists, skipped"), run.toString());
    assertTrue(Files.exists(out.resolve("a").resolve("marker")), "finished result untouched");
    assertTrue(Files.isRegularFile(out.resolve("b").resolve("0.png")) || listsPng(out.resolve("b")),
        "b written");
    assertFalse(Files.exists(out.resolve("b").resolve("junk.png")), "killed run's partial output discarded");
    assertFalse(Files.exists(out.resolve(".b.partial")));
    assertFalse(Files.exists(out.resolve("c")));
  }

  private static boolean listsPng(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.anyMatch(f -> f.toString().endsWith(".png"));
    }
  }

  @Test
  void aPointOutsideTheFrameIsBadInputNamingObjectAndFrame() throws IOException {
    PromptsFile p = new PromptsFile(List.of(new ObjectPrompts(7, "x",
        List.of(new FramePrompt(1, new double[][] {{700, 10}}, null, null, null)))));
    Path bad = tmp.resolve("bad.prompts.json");
    Files.write(bad, p.toJson());
    Path out = tmp.resolve("bad-out");
    CliRun run = CliRun.of("propagate", "--checkpoint", ckpt.toString(), "--config", config.toString(),
        "--video", folderVideo.toString(), "--prompts", bad.toString(), "--out", out.toString(),
        "--format", "sav");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("object 7, frame 1: point (700, 10) is outside the 640x360 frame"),
        run.toString());
    assertFalse(Files.exists(out.resolve("clip_manual.json")), "nothing written");
  }

  @Test
  void malformedPromptsAndUnknownFormatFailBeforeLoadingTheModel() throws IOException {
    Path bad = tmp.resolve("nothing.prompts.json");
    Files.writeString(bad, "{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0}]}]}");
    CliRun run = CliRun.of("propagate", "--checkpoint", ckpt.toString(), "--video", folderVideo.toString(),
        "--prompts", bad.toString(), "--out", tmp.resolve("o").toString(), "--format", "sav");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("object 1, frame 0: needs points, a box or a mask"), run.toString());
    CliRun fmt = CliRun.of("propagate", "--checkpoint", ckpt.toString(), "--video", folderVideo.toString(),
        "--prompts", prompts.toString(), "--out", tmp.resolve("o").toString(), "--format", "yolo");
    assertEquals(2, fmt.exitCode(), fmt.toString());
    assertTrue(fmt.err().contains("yolo"), fmt.toString());
  }

  @Test
  void jsonErrorsInThePromptsFileSayLineColumnAndWhatIsWrongInPlainWords() throws IOException {
    String[][] cases = {
        {"{\"objects\": [{\"id\": \"abc\", \"prompts\": []}]}",
            "line 1, column 21: objects[0].id: expected a whole number, found \"abc\""},
        {"{\"objects\": [{\"id\": 1, \"colour\": 2, \"prompts\": []}]}",
            "line 1, column 51: objects[0]: unknown field \"colour\" (known fields: id, label, prompts)"},
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0, \"points\": 5}]}]}",
            "line 1, column 59: objects[0].prompts[0].points: expected a list of [x, y] points, found 5"},
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0, \"points\": [[null, 2]]}]}]}",
            "line 1, column 61: objects[0].prompts[0].points[0][0]: expected a number, found null"},
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0, \"points\": [5]}]}]}",
            "line 1, column 60: objects[0].prompts[0].points[0]: expected a list of numbers, found 5"},
        // Jackson takes a string for double[] as base64 and then reports a false end of input
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0, \"box\": \"x\"}]}]}",
            "objects[0].prompts[0].box: expected a list of numbers, found a string"},
        {"[1, 2]", "line 1, column 1: expected an object {\"objects\": [...]}, found a list"},
        {"{\n  \"objects\": [\n    {\"id\": 1 \"label\": \"x\"}",
            "line 3, column 14: objects[0]: not valid JSON: unexpected character '\"': was expecting "
                + "comma to separate Object entries"},
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0",
            "line 1, column 47: objects[0].prompts[0]: the file ends before the JSON is complete"},
        {"{\"objects\": [{\"id\": 99999999999}]}",
            "line 1, column 32: objects[0].id: the number 99999999999 is out of range"},
        {"", "the file is empty"},
        // a frame is a whole number: 0.5 must not quietly become frame 0
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0.5, \"box\": [1, 2, 3, 4]}]}]}",
            "line 1, column 46: objects[0].prompts[0].frame: expected a whole number, found 0.5"},
        {"{\"objects\": [{\"id\": 2.0, \"prompts\": []}]}",
            "line 1, column 21: objects[0].id: expected a whole number, found 2.0"},
        // text after the closing brace (two files pasted together, an editor's leftovers) is not
        // ignored
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0, \"box\": [1, 2, 3, 4]}]}]}\n"
            + "{\"objects\": []}",
            "line 2, column 1: more content after the end of the JSON (one object {...} per file)"},
        {"{\"objects\": [{\"id\": 1, \"prompts\": [{\"frame\": 0, \"box\": [1, 2, 3, 4]}]}]} x",
            "line 1, column 75: not valid JSON: unrecognized token 'x'"},
    };
    Path bad = tmp.resolve("json.prompts.json");
    for (String[] c : cases) {
      Files.writeString(bad, c[0]);
      CliRun run = CliRun.of("propagate", "--checkpoint", ckpt.toString(), "--video",
          folderVideo.toString(), "--prompts", bad.toString(), "--out", tmp.resolve("o").toString(),
          "--format", "sav");
      assertEquals(2, run.exitCode(), run.toString());
      assertTrue(run.err().startsWith("propagate: prompts file " + bad + ": " + c[1]), run.toString());
      assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
      for (String internal : List.of("Source", "REDACTED", "reference chain", "`", "java.", "io.masklet",
          "JsonToken", "code 34", "Cannot deserialize")) {
        assertFalse(run.err().contains(internal), internal + " leaked: " + run);
      }
    }
  }

  @Test
  void somethingOfTheWrongKindAtTheResultPathIsAnErrorNamingItNotAFinishedResult()
      throws IOException {
    Path out = tmp.resolve("in-the-way");
    Path folder = Files.createDirectories(out.resolve("clip_manual.json"));
    Files.createDirectories(out.resolve("clip.coco.json"));
    Files.writeString(out.resolve("clip"), "not a PNG folder");
    // the checkpoint is never loaded: the error comes first
    Path garbage = garbageCheckpoint();
    for (String[] c : new String[][] {{"sav", "clip_manual.json", "folder", "a file"},
        {"coco", "clip.coco.json", "folder", "a file"}, {"png", "clip", "file", "a folder"},
        {"bmpjson", "clip", "file", "a folder"}}) {
      for (boolean force : new boolean[] {false, true}) {
        List<String> args = new java.util.ArrayList<>(List.of("propagate", "--checkpoint",
            garbage.toString(), "--config", config.toString(), "--video", folderVideo.toString(),
            "--prompts", prompts.toString(), "--out", out.toString(), "--format", c[0]));
        if (force) {
          args.add("--force");
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(out.resolve(c[1]) + ": a " + c[2] + " is in the way of the "
            + c[0] + " result of video clip (" + c[3] + "); remove or rename the " + c[2]),
            run.toString());
        assertFalse(run.out().contains("skipped"), run.toString());
      }
    }
    assertTrue(Files.isDirectory(folder), "left as it was");
    assertEquals("not a PNG folder", Files.readString(out.resolve("clip")));
  }

  @Test
  void promptsThatCannotWorkOnTheVideoOrFormatFailBeforeTheModelLoadsAndWriteNothing()
      throws IOException {
    Path garbage = garbageCheckpoint();
    Path out = tmp.resolve("never").resolve("made");
    Path p = tmp.resolve("check.prompts.json");
    FramePrompt click = new FramePrompt(0, new double[][] {{110, 180}}, null, null, null);
    Object[][] cases = {
        {"png", new PromptsFile(List.of(new ObjectPrompts(1, "a", List.of(click)),
            new ObjectPrompts(300, "b", List.of(click)))),
            "prompts file " + p + ", object 300: --format png holds object ids 1..255"},
        {"sav", new PromptsFile(List.of(new ObjectPrompts(1, "a",
            List.of(new FramePrompt(5, new double[][] {{110, 180}}, null, null, null))))),
            "prompts file " + p + ", object 1, frame 5: the video has only 3 frames (0..2)"},
        {"coco", new PromptsFile(List.of(new ObjectPrompts(7, "x",
            List.of(new FramePrompt(1, new double[][] {{700, 10}}, null, null, null))))),
            "prompts file " + p + ", object 7, frame 1: point (700, 10) is outside the 640x360 "
                + "frame (x 0..640, y 0..360)"},
        {"bmpjson", new PromptsFile(List.of(new ObjectPrompts(2, "x",
            List.of(new FramePrompt(0, null, null, new double[] {10, 10, 20, 400}, null))))),
            "prompts file " + p + ", object 2, frame 0: box [10, 10, 20, 400] is outside the "
                + "640x360 frame (x 0..640, y 0..360)"},
        {"sav", new PromptsFile(List.of(new ObjectPrompts(3, "x",
            List.of(new FramePrompt(1, null, null, null, "no-such-mask.png"))))),
            "prompts file " + p + ", object 3, frame 1: mask "},
    };
    for (Object[] c : cases) {
      Files.write(p, ((PromptsFile) c[1]).toJson());
      CliRun run = CliRun.of("propagate", "--checkpoint", garbage.toString(), "--config",
          config.toString(), "--video", folderVideo.toString(), "--prompts", p.toString(),
          "--out", out.toString(), "--format", (String) c[0]);
      assertEquals(2, run.exitCode(), run.toString());
      assertTrue(run.err().startsWith("propagate: " + c[2]), run.toString());
      assertFalse(run.err().contains("garbage.pt"), "the model was never loaded: " + run);
      assertFalse(Files.exists(out.getParent()), "no output folder made: " + run);
    }
  }

  @Test
  void aRunThatFailsAfterTheChecksLeavesNoOutputFolderBehind() throws IOException {
    Path out = tmp.resolve("failed").resolve("out");
    CliRun run = CliRun.of("propagate", "--checkpoint", garbageCheckpoint().toString(), "--config",
        config.toString(), "--video", folderVideo.toString(), "--prompts", prompts.toString(),
        "--out", out.toString(), "--format", "png");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("garbage.pt"), run.toString());
    assertFalse(Files.exists(tmp.resolve("failed")), "no empty output folder left: " + run);
  }

  @Test
  void aFolderResultThatFailsToWriteLeavesNoPartialFolder() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("partial-out"));
    byte[] m = new byte[6 * 4];
    m[3] = 1;
    Project p = new Project(new MediaSource(MediaSource.Kind.IMAGE_FOLDER, "v", 1, 0, 6, 4),
        List.of(new TrackedObject(300, "x", TrackedObject.defaultColor(300))),
        List.of(new Masklet(300, new java.util.TreeMap<>(java.util.Map.of(0,
            FrameMask.unscored(Rle.encode(m, 4, 6), Provenance.PROPAGATED))))),
        List.of(), List.of());
    // an id an indexed PNG cannot hold: the writer fails inside the partial folder
    assertThrows(IllegalArgumentException.class, () -> OutputFormat.png.write(p, out, "v", null));
    try (var s = Files.list(out)) {
      assertEquals(List.of(), s.toList(), "neither the result nor a .v.partial folder");
    }
  }

  /** A checkpoint file that fails to load: tests with it show that nothing got that far. */
  private static Path garbageCheckpoint() throws IOException {
    Path garbage = tmp.resolve("garbage.pt");
    Files.writeString(garbage, "not a checkpoint");
    return garbage;
  }

  private static CliRun run(Path out, String format) {
    return CliRun.of("propagate", "--checkpoint", ckpt.toString(), "--config", config.toString(),
        "--video", folderVideo.toString(), "--prompts", prompts.toString(), "--out", out.toString(),
        "--format", format);
  }
}
