package io.masklet.app.cli;

/**
 * Bad input from the user (missing file, unknown format, malformed prompt...). The CLI prints
 * its message as one line and exits with code 2; the message must name the file and the fault.
 */
public class UserInputException extends RuntimeException {
  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
