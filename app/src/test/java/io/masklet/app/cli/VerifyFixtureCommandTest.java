package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.checkpoint.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyFixtureCommandTest {
  @TempDir Path tmp;

  /** Fixture micro, tolerance of the fixtures README (enforced by the command). */
  @Test
  void microFixturePassesEveryComparison() {
    Path dir = SharedData.require("fixtures/sam2.1_hiera_micro");
    CliRun run = CliRun.of("verify-fixture", dir.toString());
    assertEquals(0, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    long passLines = lines.stream().filter(l -> l.contains("PASS ")).count();
    long caseLines = lines.stream().filter(l -> l.matches(".*PASS (one_point_multimask|one_point_single|"
        + "pos_neg_points|box|box_and_point|point_with_mask_input)\\.(masks|iou|low_res_logits) .*")).count();
    long videoLines = lines.stream().filter(l -> l.contains("PASS pass1.frame")).count();
    // image part: masks, iou and low-res logits of each of the 6 prompt cases
    assertEquals(18, caseLines, run.toString());
    // video part: the whole interaction script, every propagated frame and object of pass1
    assertTrue(videoLines >= 8 * 3, "video comparisons of pass1: " + videoLines);
    assertEquals(passLines + " passed, 0 failed", lines.get(lines.size() - 1), run.toString());
    assertTrue(run.out().contains("PASS box.masks  max_abs_err=0.00  agreement="), run.toString());
  }

  @Test
  void aGoldenOutsideToleranceFailsWithExitCodeOne() throws Exception {
    Path src = SharedData.require("fixtures/sam2.1_hiera_micro");
    Path dir = tmp.resolve("tampered");
    Files.createDirectories(dir);
    for (String f : List.of("checkpoint.pt", "config.yaml", "cases.json")) {
      Files.copy(src.resolve(f), dir.resolve(f));
    }
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> golden = new LinkedHashMap<>(Safetensors.read(src.resolve("image.safetensors"), m));
      golden.put("box.iou", golden.get("box.iou").add(0.01f)); // 10x the tolerance
      Safetensors.write(dir.resolve("image.safetensors"), golden);
    }
    CliRun run = CliRun.of("verify-fixture", dir.toString());
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("FAIL box.iou  max_abs_err=0.0100"), run.toString());
    assertTrue(run.out().strip().endsWith("24 passed, 1 failed"), run.toString());
  }

  @Test
  void aFolderWithoutCheckpointIsBadInput() throws Exception {
    CliRun run = CliRun.of("verify-fixture", tmp.toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("checkpoint.pt: not found"), run.toString());
  }
}
