package io.masklet.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class HeadlessSmokeTest {
  Button b;
  int clicks;
  @Start
  void start(Stage stage) {
    b = new Button("hi");
    b.setOnAction(e -> clicks++);
    stage.setScene(new Scene(b, 200, 100));
    stage.show();
  }
  @Test
  void clicks(FxRobot robot) {
    robot.clickOn(b);
    assertEquals(1, clicks);
  }
}
