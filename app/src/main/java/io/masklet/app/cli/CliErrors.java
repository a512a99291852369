package io.masklet.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into the CLI contract: a one-line reason on stderr and exit code 2 for bad
 * input (usage errors and {@link UserInputException} or {@link IllegalArgumentException} /
 * I/O problems raised while reading the user's files); anything else is a bug and exits 1 with
 * its stack trace.
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  public static final int BAD_INPUT = 2;
  public static final int INTERNAL_ERROR = 1;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (isBadInput(ex)) {
      err.println(cmd.getCommandName() + ": " + oneLine(ex.getMessage()));
      err.flush();
      return BAD_INPUT;
    }
    err.println(cmd.getCommandName() + ": internal error: " + ex);
    ex.printStackTrace(err);
    err.flush();
    return INTERNAL_ERROR;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandName() + ": " + oneLine(ex.getMessage()));
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return BAD_INPUT;
  }

  private static boolean isBadInput(Throwable ex) {
    return ex instanceof UserInputException
        || ex instanceof IllegalArgumentException
        || ex instanceof java.io.IOException
        || ex instanceof java.io.UncheckedIOException;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "failed";
    }
    return message.replace('\n', ' ').replace('\r', ' ').strip();
  }
}
