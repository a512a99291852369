package io.masklet.app.ui;

import io.masklet.app.ui.canvas.CanvasView;
import io.masklet.app.ui.canvas.CanvasViewModel;
import io.masklet.app.ui.canvas.Tool;
import io.masklet.app.ui.engine.EngineViewModel;
import io.masklet.app.ui.engine.FeatureDiskCache;
import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.export.ExportFormat;
import io.masklet.app.ui.help.HelpDialog;
import io.masklet.app.ui.help.ShortcutTable;
import io.masklet.app.ui.history.CommandHistory;
import io.masklet.app.ui.objects.ObjectListView;
import io.masklet.app.ui.project.ProjectViewModel;
import io.masklet.app.ui.status.StatusBarView;
import io.masklet.app.ui.timeline.TimelineView;
import io.masklet.app.ui.workspace.Workspace;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;

/**
 * The main window: menus and tool bar, the canvas in the centre, the object list on the right,
 * the timeline and status bar at the bottom, and every keyboard shortcut.
 */
public final class MainWindow {
  /** How often unsaved work is written (project file or recovery file). */
  public static final Duration AUTOSAVE_PERIOD = Duration.seconds(20);

  static final String MOUSE_HELP = """
      Prompt tool: left-click = positive point, right-click or Alt+click = negative point, \
      drag = box. Brush: left-drag paints, right-drag erases. Eraser: drag erases. \
      Wheel = zoom around the cursor; Space+drag or middle-drag = pan. \
      Click or drag on the timeline to scrub.""";

  private final MainViewModel vm;
  private final Workspace ws;
  private final Stage stage;
  private final CanvasView canvasView;
  private final ObjectListView objectListView;
  private final ShortcutTable shortcuts = new ShortcutTable();
  private final BorderPane root = new BorderPane();
  private final NotificationPane notifications;
  private final Menu recentMenu = new Menu("Open recent");
  private Timeline autosave;

  public MainWindow(Stage stage, MainViewModel vm) {
    this.stage = stage;
    this.vm = vm;
    this.ws = vm.workspace();
    this.canvasView = new CanvasView(vm.canvas());
    this.objectListView = new ObjectListView(vm.objects());

    Label empty = new Label("Open a video or an image folder (Ctrl+O), or drop it here.\n"
        + "Press F1 for mouse and keyboard help.");
    empty.setId("emptyHint");
    empty.setStyle("-fx-text-fill: #aaa; -fx-font-size: 15px; -fx-text-alignment: center;");
    empty.visibleProperty().bind(ws.framesProperty().isNull());
    empty.setMouseTransparent(true);
    StackPane canvasStack = new StackPane(canvasView, empty);
    notifications = new NotificationPane(canvasStack);
    notifications.setShowFromTop(true);

    SplitPane split = new SplitPane(notifications, objectListView);
    split.setDividerPositions(0.78);
    SplitPane.setResizableWithParent(objectListView, false);

    VBox top = new VBox(buildMenus(), buildToolBar());
    VBox bottom = new VBox(new TimelineView(vm.timeline()), new StatusBarView(vm));
    root.setTop(top);
    root.setCenter(split);
    root.setBottom(bottom);
    buildShortcuts();
  }

  /** Creates the scene, shows the window and starts autosave. */
  public Scene show(double width, double height) {
    Scene scene = new Scene(root, width, height);
    shortcuts.install(scene);
    installDragAndDrop(scene);
    stage.setScene(scene);
    stage.titleProperty().bind(vm.project().titleProperty());
    stage.setMinWidth(900);
    stage.setMinHeight(600);
    stage.show();
    autosave = new Timeline(new KeyFrame(AUTOSAVE_PERIOD, e -> vm.project().autosave()));
    autosave.setCycleCount(Timeline.INDEFINITE);
    autosave.play();
    ws.modelProperty().addListener((o, a, m) -> updateCheckpointNotice());
    vm.engine().loadingProperty().addListener((o, a, l) -> updateCheckpointNotice());
    updateCheckpointNotice();
    canvasView.requestFocus();
    return scene;
  }

  /**
   * After a crash: if autosave kept unsaved work of earlier sessions and nothing else was
   * opened, offers the newest back in the notification bar.
   */
  public void offerRecovery() {
    var entries = vm.project().recoverable();
    if (entries.isEmpty() || ws.sessionProperty().get() != null) {
      return;
    }
    var newest = entries.get(0);
    Button open = new Button("Recover");
    open.setOnAction(e -> {
      notifications.hide();
      vm.project().recover(newest.media(), newest.file());
    });
    notifications.setGraphic(open);
    notifications.show("Unsaved work on " + newest.media().getFileName() + " from "
        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(java.time.ZoneId.systemDefault()).format(newest.savedAt())
        + " was kept by autosave.");
  }

  public CanvasView canvasView() {
    return canvasView;
  }

  public ShortcutTable shortcuts() {
    return shortcuts;
  }

  /**
   * File ▸ Quit: what closing the window does. {@code Stage.close()} alone fires no close
   * request, so the unsaved work would not be written.
   */
  private void quit() {
    shutdown();
    stage.close();
  }

  /** Stops autosave and writes unsaved work synchronously (the window is closing). */
  public void shutdown() {
    if (autosave != null) {
      autosave.stop();
    }
    vm.propagation().cancel();
    try {
      vm.project().saveNowForExit();
    } catch (java.io.IOException e) {
      System.err.println("masklet: could not save on exit: " + e.getMessage());
    }
  }

  private void updateCheckpointNotice() {
    if (ws.modelProperty().get() == null && !vm.engine().loadingProperty().get()) {
      Button load = new Button("Load checkpoint\u2026");
      load.setOnAction(e -> chooseCheckpoint());
      Button how = new Button("How to get one");
      how.setOnAction(e -> showCheckpointHelp());
      HBox actions = new HBox(6, load, how);
      notifications.setGraphic(actions);
      notifications.show("No SAM 2.1 checkpoint loaded \u2014 clicks and propagation need one; "
          + "the brush works without it.");
    } else {
      notifications.hide();
    }
  }

  // ---- menus ----

  private MenuBar buildMenus() {
    Menu file = new Menu("File");
    file.getItems().addAll(
        item("Open video\u2026", "Shortcut+O", this::chooseVideo),
        item("Open image folder\u2026", "Shortcut+Shift+F", this::chooseFolder),
        item("Open project\u2026", "Shortcut+Shift+O", this::chooseProject),
        item("Open BMP+JSON dataset\u2026", null, this::chooseDataset),
        recentMenu,
        new SeparatorMenuItem(),
        item("Save project", "Shortcut+S", this::save),
        item("Save project as\u2026", "Shortcut+Shift+S", this::saveAs),
        new SeparatorMenuItem(),
        exportMenu(),
        new SeparatorMenuItem(),
        item("Load checkpoint\u2026", "Shortcut+L", this::chooseCheckpoint),
        new SeparatorMenuItem(),
        item("Quit", "Shortcut+Q", this::quit));
    file.setOnShowing(e -> fillRecent());

    Menu edit = new Menu("Edit");
    MenuItem undo = item("Undo", "Shortcut+Z", vm.editor()::undo);
    MenuItem redo = item("Redo", "Shortcut+Shift+Z", vm.editor()::redo);
    ws.historyProperty().addListener((o, a, h) -> bindHistory(h, undo, redo));
    bindHistory(ws.history(), undo, redo);
    edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
        item("Clear object on this frame (Delete)", null, vm.canvas()::clearSelectedOnFrame),
        item("Object is not on this frame (X)", null, vm.canvas()::markSelectedAbsentOnFrame));

    Menu object = new Menu("Object");
    object.getItems().addAll(
        item("Add object (N)", null, () -> vm.objects().add(null)),
        item("Rename (F2)", null, objectListView::renameSelected),
        item("Show / hide (H)", null, this::toggleSelectedVisible),
        item("Show / hide all (Shift+H)", null, vm.objects()::toggleAllVisible),
        item("Delete object (Shift+Delete)", null, this::deleteSelected),
        new SeparatorMenuItem(),
        item("Next object (Tab)", null, () -> vm.objects().selectRelative(1)),
        item("Previous object (Shift+Tab)", null, () -> vm.objects().selectRelative(-1)));

    Menu tools = new Menu("Tools");
    tools.getItems().addAll(
        item("Prompt: click / box (V)", null, () -> vm.canvas().toolProperty().set(Tool.PROMPT)),
        item("Brush (B)", null, () -> vm.canvas().toolProperty().set(Tool.BRUSH)),
        item("Eraser (E)", null, () -> vm.canvas().toolProperty().set(Tool.ERASER)),
        item("Larger brush (])", null, () -> scaleBrush(1.25)),
        item("Smaller brush ([)", null, () -> scaleBrush(0.8)),
        new SeparatorMenuItem(),
        item("Image-feature cache on disk\u2026", null, this::chooseFeatureDiskCache));

    Menu view = new Menu("View");
    view.getItems().addAll(
        item("Fit frame", "Shortcut+0", canvasView::fit),
        item("Actual pixels", "Shortcut+1", canvasView::actualSize),
        item("Zoom in", "Shortcut+EQUALS", () -> canvasView.zoomBy(1.25)),
        item("Zoom out", "Shortcut+MINUS", () -> canvasView.zoomBy(0.8)),
        new SeparatorMenuItem(),
        item("Toggle outlines (O)", null, this::toggleOutlines),
        item("More opaque masks (=)", null, () -> nudgeOpacity(0.1)),
        item("More transparent masks (-)", null, () -> nudgeOpacity(-0.1)));

    Menu propagate = new Menu("Propagate");
    MenuItem fwd = item("Forward from this frame (F5)", null,
        () -> vm.propagation().propagate(Direction.FORWARD));
    MenuItem back = item("Backward from this frame (Shift+F5)", null,
        () -> vm.propagation().propagate(Direction.BACKWARD));
    MenuItem both = item("Both ways (" + ShortcutTable.parse("Shortcut+F5").getDisplayText()
        + ")", null,
        () -> vm.propagation().propagate(Direction.BOTH));
    MenuItem fwdOne = item("Selected object only, forward (F6)", null,
        () -> vm.propagation().propagateSelected(Direction.FORWARD));
    MenuItem backOne = item("Selected object only, backward (Shift+F6)", null,
        () -> vm.propagation().propagateSelected(Direction.BACKWARD));
    MenuItem bothOne = item("Selected object only, both ways ("
        + ShortcutTable.parse("Shortcut+F6").getDisplayText() + ")", null,
        () -> vm.propagation().propagateSelected(Direction.BOTH));
    MenuItem cancel = item("Cancel (Esc)", null, vm.propagation()::cancel);
    for (MenuItem i : List.of(fwd, back, both, fwdOne, backOne, bothOne)) {
      i.disableProperty().bind(vm.propagation().canPropagateProperty().not());
    }
    cancel.disableProperty().bind(ws.propagatingProperty().not());
    propagate.getItems().addAll(fwd, back, both, new SeparatorMenuItem(), fwdOne, backOne,
        bothOne, new SeparatorMenuItem(), cancel);

    Menu help = new Menu("Help");
    help.getItems().addAll(
        item("Keyboard shortcuts (F1)", null, this::showHelp),
        item("Getting SAM 2.1 checkpoints", null, this::showCheckpointHelp));

    MenuBar bar = new MenuBar(file, edit, object, tools, view, propagate, help);
    bar.setId("menuBar");
    return bar;
  }

  private Menu exportMenu() {
    Menu m = new Menu("Export");
    for (ExportFormat f : ExportFormat.values()) {
      MenuItem i = item(f.label() + "\u2026", null, () -> chooseExport(f));
      i.disableProperty().bind(ws.sessionProperty().isNull());
      m.getItems().add(i);
    }
    return m;
  }

  private void chooseExport(ExportFormat f) {
    Path suggested = vm.export().suggestedTarget(f);
    File target;
    if (f.targetIsDirectory()) {
      DirectoryChooser dc = new DirectoryChooser();
      dc.setTitle("Export " + f.label() + " into folder");
      dc.setInitialDirectory(suggested.getParent().toFile());
      target = dc.showDialog(stage);
    } else {
      FileChooser fc = new FileChooser();
      fc.setTitle("Export " + f.label());
      fc.setInitialDirectory(suggested.getParent().toFile());
      fc.setInitialFileName(suggested.getFileName().toString());
      target = fc.showSaveDialog(stage);
    }
    if (target != null) {
      vm.export().export(f, target.toPath(), p -> notifications.show("Exported " + f.label()
          + " to " + p));
    }
  }

  private void chooseDataset() {
    DirectoryChooser dc = new DirectoryChooser();
    dc.setTitle("Open BMP+JSON dataset (folder with images/ and json/)");
    dc.setInitialDirectory(initialDir());
    File f = dc.showDialog(stage);
    if (f != null) {
      vm.project().open(f.toPath());
    }
  }

  private static void bindHistory(CommandHistory h, MenuItem undo, MenuItem redo) {
    undo.textProperty().unbind();
    redo.textProperty().unbind();
    undo.disableProperty().unbind();
    redo.disableProperty().unbind();
    if (h == null) {
      undo.setText("Undo");
      redo.setText("Redo");
      undo.setDisable(true);
      redo.setDisable(true);
    } else {
      undo.textProperty().bind(h.undoTextProperty());
      redo.textProperty().bind(h.redoTextProperty());
      undo.disableProperty().bind(h.canUndoProperty().not());
      redo.disableProperty().bind(h.canRedoProperty().not());
    }
  }

  private static MenuItem item(String text, String accelerator, Runnable action) {
    MenuItem m = new MenuItem(text);
    if (accelerator != null) {
      m.setAccelerator(ShortcutTable.parse(accelerator));
    }
    m.setOnAction(e -> action.run());
    return m;
  }

  private void fillRecent() {
    recentMenu.getItems().clear();
    List<Path> recent = ws.settings().recentFiles();
    for (Path p : recent) {
      recentMenu.getItems().add(item(p.toString(), null, () -> openWithRecovery(p)));
    }
    recentMenu.setDisable(recent.isEmpty());
  }

  // ---- tool bar ----

  private ToolBar buildToolBar() {
    CanvasViewModel c = vm.canvas();
    Button open = toolButton("Open", "Open a video (Ctrl+O)", this::chooseVideo);
    Button save = toolButton("Save", "Save the project (Ctrl+S)", this::save);
    Button undo = toolButton("\u21b6", "Undo (Ctrl+Z)", vm.editor()::undo);
    Button redo = toolButton("\u21b7", "Redo (Ctrl+Shift+Z)", vm.editor()::redo);
    ws.historyProperty().addListener((o, a, h) -> {
      undo.disableProperty().unbind();
      redo.disableProperty().unbind();
      if (h != null) {
        undo.disableProperty().bind(h.canUndoProperty().not());
        redo.disableProperty().bind(h.canRedoProperty().not());
      }
    });

    ToggleGroup tools = new ToggleGroup();
    ToggleButton prompt = toolToggle("Prompt", "Click = point, drag = box (V)", Tool.PROMPT, tools);
    ToggleButton brush = toolToggle("Brush", "Paint the mask (B)", Tool.BRUSH, tools);
    ToggleButton eraser = toolToggle("Eraser", "Erase from the mask (E)", Tool.ERASER, tools);
    c.toolProperty().addListener((o, a, t) -> selectToggle(tools, t));
    selectToggle(tools, c.toolProperty().get());

    Slider brushSize = new Slider(1, 100, c.brushRadiusProperty().get());
    brushSize.setPrefWidth(90);
    brushSize.setTooltip(new Tooltip("Brush radius in frame pixels ([ and ])"));
    brushSize.valueProperty().bindBidirectional(c.brushRadiusProperty());
    Slider opacity = new Slider(0, 1, c.overlayOpacityProperty().get());
    opacity.setId("opacitySlider");
    opacity.setPrefWidth(90);
    opacity.setTooltip(new Tooltip("Mask opacity (- and =)"));
    opacity.valueProperty().bindBidirectional(c.overlayOpacityProperty());
    CheckBox outlines = new CheckBox("Outlines");
    outlines.setTooltip(new Tooltip("Draw mask outlines (O)"));
    outlines.selectedProperty().bindBidirectional(c.outlinesProperty());

    Button back = toolButton("\u25c0 Propagate", "Propagate backward from this frame (Shift+F5; the selected object alone: Shift+F6)",
        () -> vm.propagation().propagate(Direction.BACKWARD));
    Button both = toolButton("\u25c0\u25b6", "Propagate both ways (Ctrl+F5; the selected object alone: Ctrl+F6)",
        () -> vm.propagation().propagate(Direction.BOTH));
    Button fwd = toolButton("Propagate \u25b6", "Propagate forward from this frame (F5; the selected object alone: F6)",
        () -> vm.propagation().propagate(Direction.FORWARD));
    fwd.setId("propagateForwardButton");
    for (Button b : List.of(back, both, fwd)) {
      b.disableProperty().bind(vm.propagation().canPropagateProperty().not());
    }
    javafx.scene.control.Spinner<Integer> limit = new javafx.scene.control.Spinner<>(0, 100000,
        vm.propagation().maxFramesProperty().get(), 10);
    limit.setEditable(true);
    limit.setPrefWidth(80);
    limit.setTooltip(new Tooltip("Frames to propagate in each direction (0 = to the end)"));
    limit.valueProperty().addListener((o, a, v) -> vm.propagation().maxFramesProperty().set(v));
    vm.propagation().maxFramesProperty().addListener(
        (o, a, v) -> limit.getValueFactory().setValue(v.intValue()));
    Label limitLabel = new Label("frames");
    Label brushLabel = new Label("Brush");
    Label opacityLabel = new Label("Opacity");
    ToolBar bar = new ToolBar(open, save, sep(), undo, redo, sep(), prompt, brush, eraser,
        brushLabel, brushSize, sep(), opacityLabel, opacity, outlines, sep(), back, both, fwd, limit, limitLabel);
    bar.setId("toolBar");
    return bar;
  }

  private static javafx.scene.control.Separator sep() {
    return new javafx.scene.control.Separator(Orientation.VERTICAL);
  }

  private static Button toolButton(String text, String tip, Runnable action) {
    Button b = new Button(text);
    b.setTooltip(new Tooltip(tip));
    b.setFocusTraversable(false);
    b.setOnAction(e -> action.run());
    return b;
  }

  private ToggleButton toolToggle(String text, String tip, Tool tool, ToggleGroup group) {
    ToggleButton b = new ToggleButton(text);
    b.setId("tool" + tool.name());
    b.setUserData(tool);
    b.setToggleGroup(group);
    b.setTooltip(new Tooltip(tip));
    b.setFocusTraversable(false);
    b.setOnAction(e -> {
      vm.canvas().toolProperty().set(tool);
      b.setSelected(true);
    });
    return b;
  }

  private static void selectToggle(ToggleGroup g, Tool t) {
    g.getToggles().forEach(x -> x.setSelected(x.getUserData() == t));
  }

  // ---- shortcuts ----

  private void buildShortcuts() {
    CanvasViewModel c = vm.canvas();
    shortcuts
        .add("File", "Shortcut+O", "Open a video", this::chooseVideo)
        .add("File", "Shortcut+Shift+F", "Open an image folder", this::chooseFolder)
        .add("File", "Shortcut+Shift+O", "Open a project", this::chooseProject)
        .add("File", "Shortcut+S", "Save the project", this::save)
        .add("File", "Shortcut+Shift+S", "Save the project as\u2026", this::saveAs)
        .add("File", "Shortcut+L", "Load a SAM 2.1 checkpoint", this::chooseCheckpoint)
        .add("File", "Shortcut+Q", "Quit", this::quit)
        .add("Edit", "Shortcut+Z", "Undo", vm.editor()::undo)
        .add("Edit", "Shortcut+Shift+Z", "Redo", vm.editor()::redo)
        .add("Edit", "Shortcut+Y", "Redo", vm.editor()::redo)
        .add("Edit", "Delete", "Clear the selected object on this frame", c::clearSelectedOnFrame)
        .add("Edit", "Back_Space", "Clear the selected object on this frame",
            c::clearSelectedOnFrame)
        .add("Edit", "X", "Mark the selected object as not on this frame (propagation "
            + "keeps it absent)", c::markSelectedAbsentOnFrame)
        .add("Objects", "N", "Add an object", () -> vm.objects().add(null))
        .add("Objects", "F2", "Rename the selected object", objectListView::renameSelected)
        .add("Objects", "H", "Show / hide the selected object", this::toggleSelectedVisible)
        .add("Objects", "Shift+H", "Show / hide all objects (see the picture)",
            vm.objects()::toggleAllVisible)
        .add("Objects", "Shift+Delete", "Delete the selected object", this::deleteSelected)
        .add("Objects", "Tab", "Select the next object", () -> vm.objects().selectRelative(1))
        .add("Objects", "Shift+Tab", "Select the previous object",
            () -> vm.objects().selectRelative(-1));
    for (int i = 1; i <= 9; i++) {
      int n = i;
      shortcuts.add("Objects", "DIGIT" + i, "Select object " + i,
          () -> vm.objects().selectNumber(n));
    }
    shortcuts
        .add("Tools", "V", "Prompt tool (click = point, drag = box)",
            () -> c.toolProperty().set(Tool.PROMPT))
        .add("Tools", "B", "Brush", () -> c.toolProperty().set(Tool.BRUSH))
        .add("Tools", "E", "Eraser", () -> c.toolProperty().set(Tool.ERASER))
        .add("Tools", "CLOSE_BRACKET", "Larger brush", () -> scaleBrush(1.25))
        .add("Tools", "OPEN_BRACKET", "Smaller brush", () -> scaleBrush(0.8))
        .add("View", "Shortcut+0", "Fit the frame in the window", canvasView::fit)
        .add("View", "Shortcut+1", "Actual pixels", canvasView::actualSize)
        .add("View", "Shortcut+EQUALS", "Zoom in", () -> canvasView.zoomBy(1.25))
        .add("View", "Shortcut+MINUS", "Zoom out", () -> canvasView.zoomBy(0.8))
        .add("View", "O", "Toggle mask outlines", this::toggleOutlines)
        .add("View", "EQUALS", "More opaque masks", () -> nudgeOpacity(0.1))
        .add("View", "MINUS", "More transparent masks", () -> nudgeOpacity(-0.1))
        .add("Frames", "Right", "Next frame", () -> vm.timeline().step(1))
        .add("Frames", "Left", "Previous frame", () -> vm.timeline().step(-1))
        .add("Frames", "D", "Next frame", () -> vm.timeline().step(1))
        .add("Frames", "A", "Previous frame", () -> vm.timeline().step(-1))
        .add("Frames", "Shift+Right", "Forward 10 frames", () -> vm.timeline().step(10))
        .add("Frames", "Shift+Left", "Back 10 frames", () -> vm.timeline().step(-10))
        .add("Frames", "Shift+D", "Forward 10 frames", () -> vm.timeline().step(10))
        .add("Frames", "Shift+A", "Back 10 frames", () -> vm.timeline().step(-10))
        .add("Frames", "Home", "First frame", vm.timeline()::first)
        .add("Frames", "End", "Last frame", vm.timeline()::last)
        .add("Frames", "Page_Down", "Next prompted / edited frame", vm.timeline()::nextKeyFrame)
        .add("Frames", "Page_Up", "Previous prompted / edited frame",
            vm.timeline()::previousKeyFrame)
        .add("Frames", "K", "Play / pause", vm.timeline()::togglePlay)
        .add("Propagate", "F5", "Propagate forward from this frame",
            () -> vm.propagation().propagate(Direction.FORWARD))
        .add("Propagate", "Shift+F5", "Propagate backward from this frame",
            () -> vm.propagation().propagate(Direction.BACKWARD))
        .add("Propagate", "Shortcut+F5", "Propagate both ways",
            () -> vm.propagation().propagate(Direction.BOTH))
        .add("Propagate", "F6", "Propagate the selected object alone forward (after correcting"
            + " it: the others keep their masks)",
            () -> vm.propagation().propagateSelected(Direction.FORWARD))
        .add("Propagate", "Shift+F6", "Propagate the selected object alone backward",
            () -> vm.propagation().propagateSelected(Direction.BACKWARD))
        .add("Propagate", "Shortcut+F6", "Propagate the selected object alone both ways",
            () -> vm.propagation().propagateSelected(Direction.BOTH))
        .add("Propagate", "Esc", "Cancel the propagation / stop playback", this::escape)
        .add("Help", "F1", "This list", this::showHelp);
  }

  private void escape() {
    vm.propagation().cancel();
    vm.timeline().playingProperty().set(false);
  }

  private void toggleSelectedVisible() {
    int id = ws.selectedObjectIdProperty().get();
    if (id != 0) {
      vm.objects().toggleVisible(id);
    }
  }

  private void deleteSelected() {
    int id = ws.selectedObjectIdProperty().get();
    if (id != 0) {
      vm.objects().delete(id);
    }
  }

  private void scaleBrush(double f) {
    DoublePropertyClamp.scale(vm.canvas().brushRadiusProperty(), f, 1, 200);
  }

  private void nudgeOpacity(double d) {
    var p = vm.canvas().overlayOpacityProperty();
    p.set(Math.max(0, Math.min(1, p.get() + d)));
  }

  private void toggleOutlines() {
    vm.canvas().outlinesProperty().set(!vm.canvas().outlinesProperty().get());
  }

  // ---- dialogs ----

  private void showHelp() {
    new HelpDialog(stage, shortcuts.all(), MOUSE_HELP).show();
  }

  private void chooseFeatureDiskCache() {
    List<String> choices = EngineViewModel.FEATURE_DISK_CHOICES.stream()
        .map(g -> g == 0 ? "Off" : g + " GiB").toList();
    int current = vm.engine().featureDiskCacheGiB();
    String selected = current == 0 ? "Off" : current + " GiB";
    ChoiceDialog<String> d = new ChoiceDialog<>(choices.contains(selected) ? selected : choices.get(0), choices);
    d.initOwner(stage);
    d.setTitle("Image-feature cache on disk");
    d.setHeaderText("""
        Keep the image encoder's output for frames no longer held in memory: a click on a frame \
        propagated earlier, or a re-propagation after a correction, then reads the frame's \
        features back (16 MB a frame) instead of encoding it again. Stored in
        %s
        (at most half its free space), removed when the video closes; applies from the next \
        video on.""".formatted(FeatureDiskCache.defaultDirectory()));
    d.setContentText("Disk to use:");
    d.getDialogPane().setPrefWidth(620);
    d.showAndWait().ifPresent(choice -> vm.engine().setFeatureDiskCacheGiB(
        choice.equals("Off") ? 0 : Integer.parseInt(choice.substring(0, choice.indexOf(' ')))));
  }

  private void showCheckpointHelp() {
    Alert a = new Alert(Alert.AlertType.INFORMATION);
    a.initOwner(stage);
    a.setTitle("SAM 2.1 checkpoints");
    a.setHeaderText("Getting a SAM 2.1 checkpoint");
    TextArea text = new TextArea(EngineViewModel.CHECKPOINT_HELP);
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefSize(640, 330);
    a.getDialogPane().setContent(text);
    a.show();
  }

  private File initialDir() {
    return ws.settings().lastDirectory().map(Path::toFile).orElse(null);
  }

  private void chooseVideo() {
    FileChooser fc = new FileChooser();
    fc.setTitle("Open video");
    fc.setInitialDirectory(initialDir());
    fc.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("Videos and images",
            "*.mp4", "*.mkv", "*.avi", "*.mov", "*.webm", "*.jpg", "*.jpeg", "*.png", "*.bmp"),
        new FileChooser.ExtensionFilter("All files", "*"));
    File f = fc.showOpenDialog(stage);
    if (f != null) {
      openWithRecovery(f.toPath());
    }
  }

  private void chooseFolder() {
    DirectoryChooser dc = new DirectoryChooser();
    dc.setTitle("Open image folder (frames in name order)");
    dc.setInitialDirectory(initialDir());
    File f = dc.showDialog(stage);
    if (f != null) {
      openWithRecovery(f.toPath());
    }
  }

  private void chooseProject() {
    FileChooser fc = new FileChooser();
    fc.setTitle("Open project");
    fc.setInitialDirectory(initialDir());
    fc.getExtensionFilters().addAll(projectFilter(),
        new FileChooser.ExtensionFilter("All files", "*"));
    File f = fc.showOpenDialog(stage);
    if (f != null) {
      vm.project().open(f.toPath());
    }
  }

  /** Opens a file; for media with an autosaved unsaved annotation, offers to recover it. */
  public void openWithRecovery(Path p) {
    vm.project().autosave();
    if (!ProjectViewModel.isProjectFile(p)) {
      Optional<Path> rec = vm.project().recoveryFor(p);
      if (rec.isPresent()) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
            "An unsaved annotation of " + p.getFileName() + " was kept by autosave ("
                + rec.get() + "). Recover it?", ButtonType.YES, ButtonType.NO);
        a.initOwner(stage);
        a.setHeaderText("Recover unsaved work?");
        if (a.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) {
          vm.project().recover(p, rec.get());
          return;
        }
      }
    }
    vm.project().open(p);
  }

  private void save() {
    if (ws.session() != null && !vm.project().save()) {
      saveAs();
    }
  }

  private void saveAs() {
    if (ws.session() == null) {
      return;
    }
    FileChooser fc = new FileChooser();
    fc.setTitle("Save project");
    Path suggested = vm.project().suggestedProjectFile();
    if (suggested != null) {
      fc.setInitialDirectory(suggested.getParent() == null ? null : suggested.getParent().toFile());
      fc.setInitialFileName(suggested.getFileName().toString());
    }
    fc.getExtensionFilters().add(projectFilter());
    File f = fc.showSaveDialog(stage);
    if (f != null) {
      vm.project().saveAs(ProjectViewModel.projectFileFor(f.toPath()));
    }
  }

  private static FileChooser.ExtensionFilter projectFilter() {
    return new FileChooser.ExtensionFilter("Masklet projects (*.masklet.json, *.masklet)",
        ProjectViewModel.PROJECT_GLOBS);
  }

  private void chooseCheckpoint() {
    FileChooser fc = new FileChooser();
    fc.setTitle("Load SAM 2.1 checkpoint");
    ws.settings().checkpoint().map(Path::getParent).filter(java.nio.file.Files::isDirectory)
        .map(Path::toFile).ifPresent(fc::setInitialDirectory);
    fc.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("SAM 2.1 checkpoints", "*.pt", "*.safetensors"),
        new FileChooser.ExtensionFilter("All files", "*"));
    File f = fc.showOpenDialog(stage);
    if (f != null) {
      vm.engine().loadCheckpoint(f.toPath(), null);
    }
  }

  private void installDragAndDrop(Scene scene) {
    scene.setOnDragOver(e -> {
      if (e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY);
      }
      e.consume();
    });
    scene.setOnDragDropped(e -> {
      List<File> files = e.getDragboard().getFiles();
      if (files != null && !files.isEmpty()) {
        Path p = files.get(0).toPath();
        String n = p.getFileName().toString();
        if (n.endsWith(".pt") || n.endsWith(".safetensors")) {
          vm.engine().loadCheckpoint(p, null);
        } else {
          openWithRecovery(p);
        }
      }
      e.setDropCompleted(true);
      e.consume();
    });
  }

  /** Keeps a property's value within bounds while scaling it. */
  private static final class DoublePropertyClamp {
    static void scale(javafx.beans.property.DoubleProperty p, double f, double min, double max) {
      p.set(Math.max(min, Math.min(max, p.get() * f)));
    }
  }
}
