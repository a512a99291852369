package io.masklet.app.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.cli.prompts.PromptsFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated sample video and prompts: decodable, small, frame-exact, prompts inside masks. */
class SampleDataTest {
  @TempDir static Path dir;
  static final SampleScene SCENE = new SampleScene();
  static Path video;
  static List<BufferedImage> decoded = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    video = SampleData.writeVideo(SCENE, dir);
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
        Java2DFrameConverter c = new Java2DFrameConverter()) {
      g.start();
      assertEquals("h264", g.getVideoCodecName());
      Frame f;
      while ((f = g.grabImage()) != null) {
        BufferedImage img = c.convert(f);
        BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(img, 0, 0, null);
        decoded.add(copy);
      }
      g.stop();
    }
  }

  @Test
  void videoIsAShortSmallH264ClipOfEveryRenderedFrame() throws IOException {
    assertEquals(SampleScene.FRAMES, decoded.size(), "no frame skipped or duplicated");
    assertEquals(SampleScene.WIDTH, decoded.get(0).getWidth());
    assertEquals(SampleScene.HEIGHT, decoded.get(0).getHeight());
    long size = Files.size(video);
    assertTrue(size < 500_000, "sample video must stay under 500 KB, is " + size);
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp left");
    }
  }

  @Test
  void decodedFrameNMatchesRenderedFrameNBetterThanItsNeighbours() {
    for (int t : new int[] {0, 1, 30, 45, 60, 88, 89}) {
      double here = psnr(decoded.get(t), SCENE.render(t).rgb());
      assertTrue(here > 28, "frame " + t + " PSNR " + here + " dB");
      if (t > 0) {
        assertTrue(here > psnr(decoded.get(t), SCENE.render(t - 1).rgb()), "frame " + t + " vs t-1");
      }
      if (t < SampleScene.FRAMES - 1) {
        assertTrue(here > psnr(decoded.get(t), SCENE.render(t + 1).rgb()), "frame " + t + " vs t+1");
      }
    }
  }

  @Test
  void groundTruthMasksAreDisjointAndSomeObjectsAreOccludedOnSomeFrames() {
    boolean ballHidden = false;
    boolean starHidden = false;
    int ballArea0 = area(SCENE.render(0).labels(), 1);
    int starArea0 = area(SCENE.render(0).labels(), 3);
    for (int t = 0; t < SampleScene.FRAMES; t++) {
      byte[] labels = SCENE.render(t).labels();
      for (byte b : labels) {
        assertTrue(b >= 0 && b <= 3, "label " + b + " on frame " + t);
      }
      ballHidden |= area(labels, 1) < 0.95 * ballArea0;
      starHidden |= area(labels, 3) < 0.9 * starArea0;
    }
    assertTrue(ballHidden, "the box passes in front of the ball");
    assertTrue(starHidden, "the ball passes in front of the star");
  }

  @Test
  void eachPromptClicksInsideItsObjectAndItsBoxEnclosesTheMask() {
    SampleScene.RenderedFrame f0 = SCENE.render(0);
    PromptsFile prompts = SampleData.prompts(SCENE);
    assertEquals(3, prompts.objects().size());
    for (PromptsFile.ObjectPrompts o : prompts.objects()) {
      PromptsFile.FramePrompt p = o.prompts().get(0);
      int x = (int) p.points()[0][0];
      int y = (int) p.points()[0][1];
      assertEquals(o.id(), f0.labels()[y * SampleScene.WIDTH + x], "click of " + o.label());
      byte[] mask = f0.mask(o.id());
      for (int i = 0; i < mask.length; i++) {
        if (mask[i] != 0) {
          int mx = i % SampleScene.WIDTH;
          int my = i / SampleScene.WIDTH;
          assertTrue(mx >= p.box()[0] && mx < p.box()[2] && my >= p.box()[1] && my < p.box()[3],
              o.label() + " pixel outside its box");
        }
      }
    }
    prompts.checkAgainst(Path.of("sample"), SampleScene.FRAMES, SampleScene.WIDTH, SampleScene.HEIGHT);
  }

  @Test
  void datasetHoldsTheDecodedFramesAndReadsBackTheExactSceneMasks() throws IOException {
    Path ds = dir.resolve("dataset");
    SampleData.writeDataset(SCENE, video, ds);
    io.masklet.model.project.Project p = io.masklet.model.dataset.BmpJsonDataset.read(ds);
    assertEquals(3, p.objects().size());
    for (int t = 0; t < SampleScene.FRAMES; t += SampleData.DATASET_STEP) {
      BufferedImage bmp = io.masklet.model.dataset.BmpJsonDataset.readImage(
          io.masklet.model.dataset.BmpJsonDataset.imageFile(ds, SampleData.STEM, t));
      assertTrue(psnr(bmp, decoded.get(t)) > 60, "frame " + t + " BMP is the decoded frame");
      for (SampleScene.SceneObject o : SampleScene.OBJECTS) {
        byte[] expected = SCENE.render(t).mask(o.id());
        byte[] actual = p.masklet(o.id()).at(t).rle().decode();
        assertTrue(java.util.Arrays.equals(expected, actual), o.label() + " mask on frame " + t);
      }
    }
  }

  private static int area(byte[] labels, int id) {
    int n = 0;
    for (byte b : labels) {
      n += b == id ? 1 : 0;
    }
    return n;
  }

  private static double psnr(BufferedImage a, BufferedImage b) {
    double se = 0;
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s < 24; s += 8) {
          int d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
          se += d * d;
          n++;
        }
      }
    }
    return 10 * Math.log10(255.0 * 255.0 / (se / n));
  }
}
