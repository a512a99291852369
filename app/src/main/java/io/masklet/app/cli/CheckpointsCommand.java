package io.masklet.app.cli;

import io.masklet.app.cli.checkpoints.CheckpointDownloader;
import io.masklet.app.cli.checkpoints.OfficialCheckpoint;
import io.masklet.app.cli.checkpoints.ShapeCheck;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code masklet checkpoints ...}: getting the official SAM 2.1 weights onto this machine. */
@Command(
    name = "checkpoints",
    mixinStandardHelpOptions = true,
    description = "Download and list the official SAM 2.1 checkpoints.",
    subcommands = {CheckpointsCommand.Download.class, CheckpointsCommand.ListCommand.class})
public final class CheckpointsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Where checkpoints go by default: {@code checkpoints/} in the working directory. */
  static final String DEFAULT_DIR = "checkpoints";

  @Command(
      name = "download",
      mixinStandardHelpOptions = true,
      description = {
        "Download SAM 2.1 checkpoints from Meta's public server (no argument: all four).",
        "Interrupted downloads resume from their .part file when run again; a file is renamed"
            + " into place only once complete and valid (every parameter name and shape checked"
            + " against the official config)."
      })
  public static final class Download implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..*",
        paramLabel = "SIZE",
        description = "t, s, b+ or l (tiny, small, base_plus, large). Default: all four.")
    List<String> sizes = new ArrayList<>();

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Target directory (default: ${DEFAULT-VALUE}).",
        defaultValue = DEFAULT_DIR)
    Path dir;

    @Option(
        names = "--base-url",
        paramLabel = "URL",
        description = "Server to download from, e.g. an internal mirror (default: ${DEFAULT-VALUE}).",
        defaultValue = OfficialCheckpoint.META_BASE_URL)
    String baseUrl;

    @Option(
        names = "--config",
        paramLabel = "YAML",
        description = "Check the download against this config instead of the official one of the"
            + " size (a mirror serving other weights under the official names); one SIZE only.")
    Path config;

    @Override
    public Integer call() {
      LinkedHashSet<OfficialCheckpoint> wanted = new LinkedHashSet<>();
      if (sizes.isEmpty()) {
        wanted.addAll(OfficialCheckpoint.all());
      }
      for (String s : sizes) {
        wanted.add(OfficialCheckpoint.parse(s));
      }
      URI base;
      try {
        base = URI.create(baseUrl);
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
      } catch (IllegalArgumentException ex) {
        throw new UserInputException("--base-url " + baseUrl + " is not an http(s) URL");
      }
      if (config != null && wanted.size() != 1) {
        throw new UserInputException("--config checks one checkpoint: name exactly one SIZE");
      }
      if (config != null && !Files.isRegularFile(config)) {
        throw new UserInputException("--config " + config + " not found");
      }
      CheckpointDownloader downloader = new CheckpointDownloader(base, new ShapeCheck(config));
      PrintWriter out = spec.commandLine().getOut();
      for (OfficialCheckpoint c : wanted) {
        CheckpointDownloader.Outcome o = downloader.download(c, dir);
        if (o.alreadyPresent()) {
          out.println(o.file() + ": already present and valid, skipped");
        } else if (o.resumedFrom() > 0) {
          out.println(o.file() + ": " + o.bytes() + " bytes (resumed at " + o.resumedFrom() + ")");
        } else {
          out.println(o.file() + ": " + o.bytes() + " bytes");
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Show which SAM 2.1 checkpoints are present in the checkpoint directory.")
  public static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Checkpoint directory (default: ${DEFAULT-VALUE}).",
        defaultValue = DEFAULT_DIR)
    Path dir;

    @Override
    public Integer call() throws Exception {
      boolean given = spec.commandLine().getParseResult().hasMatchedOption("--dir");
      PrintWriter out = spec.commandLine().getOut();
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new UserInputException("--dir " + dir + ": not a folder");
      }
      if (!Files.exists(dir)) {
        if (given) {
          // a mistyped --dir must not look like a folder where every checkpoint is missing
          throw new UserInputException("--dir " + dir + ": no such folder; `masklet checkpoints"
              + " download --dir " + dir + "` creates it");
        }
        // the first thing a new user runs: what there is to download, not an error
        out.println("no " + dir + " folder in " + Path.of("").toAbsolutePath() + " yet: "
            + "`masklet checkpoints download SIZE` creates it");
      }
      for (OfficialCheckpoint c : OfficialCheckpoint.all()) {
        Path f = dir.resolve(c.fileName());
        Path part = dir.resolve(c.fileName() + ".part");
        String state;
        if (Files.isRegularFile(f)) {
          state = "present (" + Files.size(f) + " bytes)";
        } else if (Files.isRegularFile(part)) {
          state = "partial (" + Files.size(part) + " bytes; `masklet checkpoints download "
              + c.shortName() + "` resumes it)";
        } else {
          state = "missing";
        }
        out.printf("%-3s %-28s %s%n", c.shortName(), c.fileName(), state);
      }
      out.flush();
      return 0;
    }
  }

}
