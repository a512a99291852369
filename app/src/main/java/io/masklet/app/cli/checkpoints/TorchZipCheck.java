package io.masklet.app.cli.checkpoints;

import io.masklet.app.cli.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Structural check of a {@code torch.save} zip: readable central directory (a truncated download
 * has none), one {@code <archive>/data.pkl} pickle and its raw tensor storages under {@code
 * <archive>/data/}. It does not read the tensors; the shape check against the config does.
 */
public final class TorchZipCheck implements CheckpointValidator {
  @Override
  public void validate(Path file, OfficialCheckpoint expected) {
    check(file);
  }

  /** Returns the number of tensor storages in the archive. */
  public static int check(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String pickle = null;
      int storages = 0;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        int slash = name.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String rest = name.substring(slash + 1);
        if (rest.equals("data.pkl")) {
          pickle = name;
        } else if (rest.startsWith("data/") && rest.length() > "data/".length()) {
          storages++;
        }
      }
      if (pickle == null) {
        throw new UserInputException(file + " is a zip but not a PyTorch checkpoint (no data.pkl)");
      }
      if (storages == 0) {
        throw new UserInputException(file + " holds no tensor storages (data/*): not a model checkpoint");
      }
      return storages;
    } catch (IOException ex) {
      throw new UserInputException(
          file + " is not a readable PyTorch checkpoint zip (truncated or corrupt download?): "
              + ex.getMessage(),
          ex);
    }
  }
}
