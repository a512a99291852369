package io.masklet.app.cli;

import io.masklet.engine.verify.FixtureVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code masklet verify-fixture DIR}: replays a golden fixture folder on this engine and prints,
 * per compared tensor, its max abs error (and for masks the fraction of agreeing pixels), then
 * {@code N passed, M failed}. Exit 0 iff everything is within tolerance, 1 if a comparison
 * failed, 2 for a folder that cannot be read.
 */
@Command(
    name = "verify-fixture",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a golden fixture folder (checkpoint.pt, config.yaml, cases.json, image.safetensors)"
          + " and compare every output with the official one.",
    })
public final class VerifyFixtureCommand implements Callable<Integer> {
  public static final int OUTSIDE_TOLERANCE = 1;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The fixture folder.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(dir + ": not a directory");
    }
    PrintWriter out = spec.commandLine().getOut();
    FixtureVerifier.Summary summary = FixtureVerifier.standard().verify(dir,
        part -> {
          out.println("== " + part);
          out.flush();
        },
        c -> {
          out.println(c.describe());
          out.flush();
        });
    out.println(summary.passed() + " passed, " + summary.failed() + " failed");
    out.flush();
    return summary.allPassed() ? 0 : OUTSIDE_TOLERANCE;
  }
}
