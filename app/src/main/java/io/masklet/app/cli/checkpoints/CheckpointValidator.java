package io.masklet.app.cli.checkpoints;

import java.nio.file.Path;

/**
 * Decides whether a downloaded file is the checkpoint it claims to be, before it is renamed into
 * place. Throws {@link io.masklet.app.cli.UserInputException} naming the file and the first fault.
 */
@FunctionalInterface
public interface CheckpointValidator {
  void validate(Path file, OfficialCheckpoint expected);
}
