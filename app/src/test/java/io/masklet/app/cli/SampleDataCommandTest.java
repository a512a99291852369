package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.cli.prompts.PromptsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code masklet sample-data} end to end. */
class SampleDataCommandTest {
  @TempDir Path tmp;

  @Test
  void writesTheVideoAndAPromptsFileThatParses() throws IOException {
    Path out = tmp.resolve("sample");
    CliRun run = CliRun.of("sample-data", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.size(out.resolve("masklet-sample.mp4")) > 10_000);
    PromptsFile p = PromptsFile.read(out.resolve("masklet-sample.prompts.json"));
    assertEquals(3, p.objects().size());
  }

  @Test
  void anOutputPathThatIsAFileIsBadInput() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    CliRun run = CliRun.of("sample-data", "--out", file.toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("is not a directory"), run.toString());
  }
}
