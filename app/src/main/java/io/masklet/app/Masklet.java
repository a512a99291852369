package io.masklet.app;

import io.masklet.app.cli.AutomaskCommand;
import io.masklet.app.cli.BenchCommand;
import io.masklet.app.cli.CheckpointsCommand;
import io.masklet.app.cli.CliErrors;
import io.masklet.app.cli.ConvertCommand;
import io.masklet.app.cli.ExportCommand;
import io.masklet.app.cli.FramesCommand;
import io.masklet.app.cli.PropagateCommand;
import io.masklet.app.cli.SampleDataCommand;
import io.masklet.app.cli.SegmentCommand;
import io.masklet.app.cli.VerifyFixtureCommand;
import io.masklet.app.ui.WorkstationLauncher;
import io.masklet.engine.runtime.NativeRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The single entry point of Masklet Studio: with no subcommand it opens the workstation, with a
 * subcommand it runs headless. The installers and the {@code ./masklet} script both start here.
 */
@Command(
    name = "masklet",
    mixinStandardHelpOptions = true,
    versionProvider = MaskletVersion.class,
    description = "SAM 2.1 annotation workstation. Without a command, opens the workstation.",
    subcommands = {
      CommandLine.HelpCommand.class,
      CheckpointsCommand.class,
      SampleDataCommand.class,
      SegmentCommand.class,
      PropagateCommand.class,
      BenchCommand.class,
      FramesCommand.class,
      ConvertCommand.class,
      ExportCommand.class,
      VerifyFixtureCommand.class,
      AutomaskCommand.class,
    })
public final class Masklet implements Callable<Integer> {

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "Video, image folder, dataset or project to open in the workstation.")
  private String file;

  @Override
  public Integer call() {
    WorkstationLauncher.launch(file);
    return 0;
  }

  /** Builds the configured command line; tests run commands through this without exiting. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Masklet());
    cl.setExecutionExceptionHandler(new CliErrors());
    cl.setParameterExceptionHandler(new CliErrors());
    return cl;
  }

  public static void main(String[] args) {
    // before anything loads libtorch: OpenMP waiting and allocator settings (see NativeRuntime)
    NativeRuntime.configure();
    // The workstation's launch() returns when its last window closes, so exiting here is safe
    // for both modes and stops native threads (libtorch, FFmpeg) from keeping the JVM alive.
    System.exit(commandLine().execute(args));
  }
}
