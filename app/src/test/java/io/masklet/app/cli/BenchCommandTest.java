package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code masklet bench} runs end to end on the micro fixture (no timing is asserted). */
class BenchCommandTest {
  @Test
  void printsEveryMeasureForTheMicroCheckpoint() {
    CliRun run = CliRun.of("bench", "--checkpoint", SharedData.microCheckpoint().toString(),
        "--config", SharedData.microConfig().toString(), "--runs", "1", "--frames", "2");
    assertEquals(0, run.exitCode(), run.toString());
    for (String row : new String[] {"baseline: 1024^3 float32 matmul", "image encoder",
        "image encoder, first pass of the process", "click", "propagation, 1 object(s)", "propagation, 3 object(s)", "peak memory: JVM heap"}) {
      assertTrue(run.out().contains(row), "row '" + row + "' in\n" + run.out());
    }
  }

  @Test
  void randomWeightsBuildTheConfigsNetworkWithoutACheckpoint() {
    // (the bench itself runs above; a second full run would only repeat it)
    try (var m = io.masklet.app.cli.engine.EngineModels.randomWeights(SharedData.microConfig(), 1)) {
      assertEquals(256, m.config().imageSize());
      assertTrue(m.weights().size() > 100, "every parameter bound: " + m.weights().size());
    }
  }

  @Test
  void randomWeightsWithAMissingConfigIsBadInput() {
    CliRun run = CliRun.of("bench", "--random-weights", "no-such.yaml");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("config no-such.yaml not found"), run.toString());
  }

  @Test
  void checkpointAndRandomWeightsExcludeEachOther() {
    CliRun run = CliRun.of("bench", "--checkpoint", "a.pt", "--random-weights", "b.yaml");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("mutually exclusive"), run.toString());
  }
}
