package io.masklet.app.ui;

import javafx.application.Application;

/**
 * Starts the JavaFX workstation from the plain {@code main} (JavaFX refuses to start an
 * {@link Application} subclass that is itself the classpath main class).
 */
public final class WorkstationLauncher {
  private WorkstationLauncher() {}

  public static void launch(String fileToOpen) {
    String[] args = fileToOpen == null ? new String[0] : new String[] {fileToOpen};
    Application.launch(WorkstationApp.class, args);
  }
}
