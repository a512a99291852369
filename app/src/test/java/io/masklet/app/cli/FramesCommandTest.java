package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.FrameSources;
import io.masklet.engine.video.RgbFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramesCommandTest {
  @TempDir Path tmp;

  @Test
  void writesRequestedFramesAsPngIdenticalToTheDecodedFrames() throws Exception {
    Path video = SharedData.require("data/videos/bedroom.mp4");
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("frames", video.toString(), "--index", "57", "--index", "3",
        "--out", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    try (FrameSource source = FrameSources.open(video)) {
      for (int index : new int[] {57, 3}) {
        Path png = out.resolve(index + ".png");
        assertTrue(Files.isRegularFile(png), png + " missing\n" + run);
        RgbFrame written = RgbFrame.of(index, ImageIO.read(png.toFile()));
        assertEquals(960, written.width());
        assertEquals(540, written.height());
        assertArrayEquals(source.frame(index).rgb(), written.rgb(), "frame " + index);
      }
    }
    try (var files = Files.list(out)) {
      assertEquals(2, files.count(), "only the two PNGs, no temp files");
    }
  }

  @Test
  void missingVideoIsBadInput() {
    Path missing = tmp.resolve("missing.mp4");
    CliRun run = CliRun.of("frames", missing.toString(), "--index", "0", "--out", tmp.toString());
    assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains(missing.toString()), run.toString());
  }

  @Test
  void notAVideoIsBadInput() throws Exception {
    Path fake = tmp.resolve("notes.mp4");
    Files.writeString(fake, "plain text, not a video\n".repeat(10));
    CliRun run = CliRun.of("frames", fake.toString(), "--index", "0", "--out",
        tmp.resolve("o").toString());
    assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains(fake.toString()), run.toString());
    assertFalse(Files.exists(tmp.resolve("o")), "nothing written for bad input");
  }

  @Test
  void indexOutOfRangeIsBadInput() throws Exception {
    Path video = SharedData.require("data/videos/bedroom.mp4");
    CliRun run = CliRun.of("frames", video.toString(), "--index", "200", "--out",
        tmp.resolve("o").toString());
    assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("200 frames"), run.toString());
  }

  @Test
  void indexIsRequired() {
    CliRun run = CliRun.of("frames", "x.mp4", "--out", tmp.toString());
    assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.toString());
  }
}
