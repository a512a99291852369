package io.masklet.app.ui;

import io.masklet.app.MaskletVersion;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The workstation's JavaFX application: builds the main window. */
public final class WorkstationApp extends Application {
  @Override
  public void start(Stage stage) {
    BorderPane root = new BorderPane(new Label("Masklet Studio " + MaskletVersion.version()));
    stage.setTitle("Masklet Studio");
    stage.setScene(new Scene(root, 1280, 800));
    stage.show();
  }
}
