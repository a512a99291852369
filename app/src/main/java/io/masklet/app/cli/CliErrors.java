package io.masklet.app.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      err.println(cmd.getCommandName() + ": " + describe(ex));
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

  /**
   * The reason for the user: a file-system failure (the JDK's message is the bare path, often
   * of a temp file the user never named) becomes the user's file and what went wrong with it.
   */
  static String describe(Throwable ex) {
    Throwable t = ex instanceof java.io.UncheckedIOException u && u.getCause() != null
        ? u.getCause() : ex;
    if (t instanceof FileSystemException f && f.getFile() != null) {
      return fileProblem(f);
    }
    return oneLine(ex.getMessage());
  }

  private static final Pattern ATOMIC_TEMP = Pattern.compile("^\\.(.+)\\.\\d+\\.tmp$");
  /** The hidden folder a folder output is written in before it takes its name. */
  private static final Pattern PARTIAL_FOLDER = Pattern.compile("^\\.(.+)\\.partial$");

  private static String fileProblem(FileSystemException f) {
    String why = switch (f) {
      case AccessDeniedException a -> "permission denied";
      case NoSuchFileException n -> "no such file or folder";
      case FileAlreadyExistsException x -> java.nio.file.Files.isRegularFile(Path.of(x.getFile()))
          ? "a file where a folder is needed" : "already exists";
      case NotDirectoryException n -> "not a folder";
      case DirectoryNotEmptyException d -> "a folder that is not empty";
      default -> f.getReason() != null ? f.getReason() : "file system error";
    };
    Path written = Path.of(f.getFile());
    Path file = outputPath(written);
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    Path parent = file.getParent();
    if (name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".part"))) {
      // our own temp file next to an output: name the output, or at least its folder
      Matcher m = ATOMIC_TEMP.matcher(name);
      String target = m.matches() && parent != null ? parent.resolve(m.group(1)).toString()
          : m.matches() ? m.group(1) : "in folder " + (parent == null ? "." : parent);
      if (f.getOtherFile() != null && !f.getOtherFile().equals(target)) {
        target = f.getOtherFile();
      }
      return oneLine("cannot write " + target + ": " + why);
    }
    if (!file.equals(written)) {
      return oneLine("cannot write " + file + ": " + why);
    }
    String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
    return oneLine(f.getFile() + other + ": " + why);
  }

  /** {@code path} with a hidden {@code .<name>.partial} folder in it named as the output. */
  private static Path outputPath(Path path) {
    Path result = path.getRoot();
    for (Path element : path) {
      Matcher m = PARTIAL_FOLDER.matcher(element.toString());
      Path name = m.matches() ? Path.of(m.group(1)) : element;
      result = result == null ? name : result.resolve(name);
    }
    return result == null ? path : result;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "failed";
    }
    return message.replace('\n', ' ').replace('\r', ' ').strip();
  }
}
