package io.masklet.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.coco.CocoInstances;
import io.masklet.model.dataset.BmpJsonDataset;
import io.masklet.model.project.Annotation;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import io.masklet.model.sav.SavJson;
import io.masklet.model.sav.SavMasklet;
import io.masklet.model.sav.SavStats;
import io.masklet.model.sav.SavVideo;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code masklet convert} end to end through the real command line. */
class ConvertCommandTest {
  @TempDir Path dir;

  private static final int H = TinyProject.H, W = TinyProject.W;

  private Path tinyProject(String media) throws Exception {
    return TinyProject.write(dir, media);
  }

  private Path framesFolder() throws Exception {
    return TinyProject.framesFolder(dir);
  }

  private static void assertSameMasks(Project expected, Project actual) {
    expected.masklets().forEach(m -> m.frames().forEach((f, fm) -> assertEquals(fm.rle(),
        actual.masklet(m.objectId()).at(f).rle(), "object " + m.objectId() + " frame " + f)));
  }

  @Test
  void projectToBmpJsonWithFramesAndBackKeepsMasks() throws Exception {
    Path project = tinyProject("nowhere");
    Path frames = framesFolder();
    Path dataset = dir.resolve("dataset");
    CliRun run = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", dataset.toString(), "--out-format", "bmpjson", "--frames", frames.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.isRegularFile(dataset.resolve("images/tiny_000002.bmp")), run.toString());
    BufferedImage bmp = ImageIO.read(dataset.resolve("images/tiny_000001.bmp").toFile());
    assertEquals(ImageIO.read(frames.resolve("1.png").toFile()).getRGB(9, 7), bmp.getRGB(9, 7));

    Path back = dir.resolve("back.masklet.json");
    CliRun run2 = CliRun.of("convert", "--in", dataset.toString(), "--in-format", "bmpjson",
        "--out", back.toString(), "--out-format", "project");
    assertEquals(0, run2.exitCode(), run2.toString());
    assertSameMasks(ProjectFile.load(project), ProjectFile.load(back));
  }

  private CliRun toBmpJson(Path in, String inFormat, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("convert", "--in", in.toString(), "--in-format",
        inFormat, "--out", out.toString(), "--out-format", "bmpjson"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** Every file under {@code folder}: relative name → SHA-256 of its bytes. */
  private static Map<String, String> contents(Path folder) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(f).toString(), HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return files;
  }

  private void assertNoHiddenSiblings(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder.getParent())) {
      List<String> hidden = s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("." + folder.getFileName() + ".")).toList();
      assertEquals(List.of(), hidden, "no partial or old folder left next to " + folder);
    }
  }

  @Test
  void aFolderOutputReplacesAnEarlierExportWithoutLeavingItsStaleFrames() throws Exception {
    Path project = tinyProject("nowhere");
    Path frames = framesFolder();
    Path dataset = dir.resolve("dataset");
    // an earlier export of another video into the same folder
    assertEquals(0, toBmpJson(project, "project", dataset, "--frames", frames.toString(),
        "--name", "older").exitCode());
    assertTrue(Files.isRegularFile(dataset.resolve("json/older_000002.json")));
    CliRun run = toBmpJson(project, "project", dataset, "--frames", frames.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(Set.of(".masklet-output", "images/tiny_000000.bmp", "images/tiny_000001.bmp",
        "images/tiny_000002.bmp", "json/tiny_000000.json", "json/tiny_000001.json",
        "json/tiny_000002.json"), contents(dataset).keySet(), "only the new export's files");
    assertNoHiddenSiblings(dataset);
    // a folder mixing the two would not read back ("dataset mixes videos")
    CliRun back = CliRun.of("convert", "--in", dataset.toString(), "--in-format", "bmpjson",
        "--out", dir.resolve("back.masklet.json").toString(), "--out-format", "project");
    assertEquals(0, back.exitCode(), back.toString());

    Path png = dir.resolve("png");
    String[] toPng = {"convert", "--in", project.toString(), "--in-format", "project",
        "--out", png.toString(), "--out-format", "png"};
    assertEquals(0, CliRun.of(toPng).exitCode());
    Files.copy(png.resolve("00002.png"), png.resolve("00007.png")); // from a longer video
    CliRun again = CliRun.of(toPng);
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(Set.of(".masklet-output", "00000.png", "00001.png", "00002.png"),
        contents(png).keySet());
    assertNoHiddenSiblings(png);
  }

  @Test
  void aConversionThatFailsPartWayLeavesThePreviousFolderAsItWas() throws Exception {
    Path project = tinyProject("nowhere");
    Path frames = framesFolder();
    Path source = dir.resolve("source");
    assertEquals(0, toBmpJson(project, "project", source, "--frames", frames.toString(),
        "--name", "clip").exitCode());
    Path damaged = source.resolve("images/clip_000001.bmp");
    Files.writeString(damaged, "not a picture"); // the second of three frames
    Path target = dir.resolve("target");
    assertEquals(0, toBmpJson(project, "project", target, "--frames", frames.toString())
        .exitCode());
    Map<String, String> before = contents(target);

    CliRun run = toBmpJson(source, "bmpjson", target);
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
    assertTrue(run.err().contains(damaged + ": not a readable image"), run.toString());
    assertEquals(before, contents(target), "the previous export is untouched, nothing added");
    assertNoHiddenSiblings(target);
  }

  @Test
  void aFolderOutputRefusesToReplaceAFolderOfOtherFiles() throws Exception {
    Path project = tinyProject("nowhere");
    framesFolder();
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Map<String, String> before = contents(dir);
    // --out . by mistake: the folder holding the input, its frames and other files
    CliRun run = toBmpJson(project, "project", dir, "--frames", dir.resolve("frames").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
    assertTrue(run.err().contains("--out " + dir + ": holds the input " + project),
        run.toString());
    CliRun png = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", dir.resolve("frames").toString(), "--out-format", "png");
    assertEquals(2, png.exitCode(), png.toString());
    assertTrue(png.err().contains("--out " + dir.resolve("frames") + ": it holds 0.png and was "
        + "not written by a Masklet export"), png.toString());
    assertEquals(before, contents(dir), "nothing deleted or added");

    Path masks = Files.createDirectories(dir.resolve("masks"));
    Files.copy(dir.resolve("frames/0.png"), masks.resolve("00000.png"));
    Files.writeString(masks.resolve("README.txt"), "how these were made");
    CliRun mixed = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", masks.toString(), "--out-format", "png");
    assertEquals(2, mixed.exitCode(), mixed.toString());
    assertTrue(mixed.err().contains("was not written by a Masklet export"), mixed.toString());
    assertTrue(Files.isRegularFile(masks.resolve("README.txt")));

    // numbered frames another tool extracted look like indexed PNG masks: still not ours
    Path extracted = Files.createDirectories(dir.resolve("extracted"));
    Files.copy(dir.resolve("frames/0.png"), extracted.resolve("00001.png"));
    CliRun frames = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", extracted.toString(), "--out-format", "png");
    assertEquals(2, frames.exitCode(), frames.toString());
    assertTrue(Files.isRegularFile(extracted.resolve("00001.png")));

    // an earlier output of ours that has gained a file of the user's is not replaced either
    Path ours = dir.resolve("ours");
    assertEquals(0, CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", ours.toString(), "--out-format", "png").exitCode());
    Files.writeString(ours.resolve("notes.txt"), "mine");
    CliRun added = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", ours.toString(), "--out-format", "png");
    assertEquals(2, added.exitCode(), added.toString());
    assertTrue(added.err().contains("holds notes.txt, which png masks do not"),
        added.toString());
  }


  @Test
  void bmpJsonOutputWithoutPicturesFailsWithAClearReason() throws Exception {
    Path project = tinyProject("nowhere.mp4");
    CliRun run = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", dir.resolve("ds").toString(), "--out-format", "bmpjson");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("needs the frame pictures") && run.err().contains("--frames"),
        run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
  }

  @Test
  void projectMediaIsUsedWhenItExists() throws Exception {
    framesFolder();
    Path project = tinyProject(dir.resolve("frames").toString());
    Path dataset = dir.resolve("ds");
    CliRun run = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", dataset.toString(), "--out-format", "bmpjson", "--name", "clip");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.isRegularFile(dataset.resolve("json/clip_000000.json")));
  }

  @Test
  void aSparseDatasetBecomesAProjectOfItsPicturesThatOpensFromAnywhere() throws Exception {
    // a dataset of every 4th frame of a 9-frame video; on frame 8 the object is absent
    Path frames = Files.createDirectories(dir.resolve("video9"));
    for (int f = 0; f < 9; f++) {
      BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
      img.setRGB(0, 0, f * 20);
      ImageIO.write(img, "png", frames.resolve(String.format("%02d.png", f)).toFile());
    }
    Annotation a = new Annotation(new MediaSource(MediaSource.Kind.IMAGE_FOLDER, "v", 9, 0, W,
        H));
    a.putObject(new TrackedObject(1, "ring", "#00ff00"));
    byte[] m = new byte[H * W];
    m[5 * W + 6] = 1;
    a.setMask(1, 0, FrameMask.unscored(Rle.encode(m, H, W), Provenance.EDITED));
    m[5 * W + 7] = 1;
    a.setMask(1, 4, FrameMask.unscored(Rle.encode(m, H, W), Provenance.EDITED));
    a.setMask(1, 8, FrameMask.unscored(Rle.empty(H, W), Provenance.EDITED));
    Path sparse = dir.resolve("sparse.masklet.json");
    ProjectFile.save(a.snapshot(), sparse);
    Path dataset = dir.resolve("ds9");
    assertEquals(0, CliRun.of("convert", "--in", sparse.toString(), "--in-format", "project",
        "--out", dataset.toString(), "--out-format", "bmpjson", "--frames", frames.toString())
        .exitCode());

    // given relative to the working folder, written into another folder
    Path relativeIn = Path.of("").toAbsolutePath().relativize(dataset);
    Path out = Files.createDirectories(dir.resolve("elsewhere")).resolve("p.masklet.json");
    CliRun run = CliRun.of("convert", "--in", relativeIn.toString(), "--in-format", "bmpjson",
        "--out", out.toString(), "--out-format", "project");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.err().contains("numbered by picture in the project (0..2"), run.toString());

    Project p = ProjectFile.load(out);
    assertEquals(3, p.source().frameCount(), "one frame per picture");
    assertEquals(2, p.masklet(1).at(1).rle().area(), "frame 4 is the second picture");
    assertEquals(dataset.resolve("images"),
        out.getParent().resolve(p.source().location()).normalize(),
        "the media path is relative to the project file");
  }

  @Test
  void aDatasetWithMorePicturesThanAnnotationsKeepsEachMaskOnItsPicture() throws Exception {
    // LabelMe style: every frame's picture, JSON only for the annotated frames 0 and 2
    Path project = tinyProject("nowhere");
    Project p = ProjectFile.load(project);
    Annotation sparse = new Annotation(p.source());
    p.objects().forEach(sparse::putObject);
    sparse.setMask(1, 0, p.masklet(1).at(0));
    sparse.setMask(1, 2, p.masklet(1).at(2));
    Path sparseFile = dir.resolve("sparse.masklet.json");
    ProjectFile.save(sparse.snapshot(), sparseFile);
    Path dataset = dir.resolve("labelme");
    assertEquals(0, toBmpJson(sparseFile, "project", dataset, "--frames",
        framesFolder().toString(), "--name", "tiny").exitCode());
    Files.copy(dataset.resolve("images/tiny_000000.bmp"), dataset.resolve("images/tiny_000001.bmp"));

    Path out = dir.resolve("labelme.masklet.json");
    CliRun run = CliRun.of("convert", "--in", dataset.toString(), "--in-format", "bmpjson",
        "--out", out.toString(), "--out-format", "project");
    assertEquals(0, run.exitCode(), run.toString());
    Project back = ProjectFile.load(out);
    assertEquals(3, back.source().frameCount(), "one frame per picture");
    assertEquals(p.masklet(1).at(2).rle(), back.masklet(1).at(2).rle(), "frame 2 stays frame 2");
    assertEquals(null, back.masklet(1).at(1));
  }

  @Test
  void aProjectsRelativeMediaIsFoundBesideTheProjectBeforeTheWorkingFolder() throws Exception {
    // "src" exists in the working folder of the test run too (the module's sources)
    assertTrue(Files.isDirectory(Path.of("src")));
    Path x = Files.createDirectories(dir.resolve("x"));
    Files.move(TinyProject.framesFolder(x), x.resolve("src"));
    Path project = TinyProject.write(x, "src");
    Path out = Files.createDirectories(dir.resolve("y")).resolve("p.masklet.json");
    CliRun run = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", out.toString(), "--out-format", "project");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(x.resolve("src"),
        out.getParent().resolve(ProjectFile.load(out).source().location()).normalize());
  }

  @Test
  void projectToCocoToProjectKeepsMasksAndScores() throws Exception {
    Path project = tinyProject("nowhere");
    Path coco = dir.resolve("coco.json");
    assertEquals(0, CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", coco.toString(), "--out-format", "coco").exitCode());
    Project read = CocoInstances.read(coco);
    Project orig = ProjectFile.load(project);
    assertSameMasks(orig, read);
    assertEquals(orig.masklet(1).at(2), read.masklet(1).at(2));
  }

  @Test
  void savToSavGivesTheSameFileBackWithItsMetadata() throws Exception {
    Path sav = SharedData.require("data/sav/sav_000001_manual.json");
    Path out = dir.resolve("sav_000001_manual.json");
    CliRun run = CliRun.of("convert", "--in", sav.toString(), "--in-format", "sav",
        "--out", out.toString(), "--out-format", "sav");
    assertEquals(0, run.exitCode(), run.toString());
    org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(sav),
        Files.readAllBytes(out), "environment, split, edited-frame counts and masks kept");
  }

  @Test
  void savMaskletZeroFitsAnIndexedPngAndComesBackAsMaskletZero() throws Exception {
    Path sav = SharedData.require("data/sav/sav_000001_manual.json");
    Path png = dir.resolve("png");
    CliRun run = CliRun.of("convert", "--in", sav.toString(), "--in-format", "sav",
        "--out", png.toString(), "--out-format", "png");
    assertEquals(0, run.exitCode(), run.toString());
    Path back = dir.resolve("back_manual.json");
    assertEquals(0, CliRun.of("convert", "--in", png.toString(), "--in-format", "png",
        "--out", back.toString(), "--out-format", "sav").exitCode());
    SavVideo a = SavJson.read(sav), b = SavJson.read(back);
    assertEquals(a.masklets().stream().map(m -> m.id()).toList(),
        b.masklets().stream().map(m -> m.id()).toList());
    assertEquals(a.masksOf(0).get(8), b.masksOf(0).get(8));
  }

  @Test
  void savThroughProjectAndCocoBackToSavKeepsMasksAndStatistics() throws Exception {
    Path sav = SharedData.require("data/sav/sav_000001_manual.json");
    Path project = dir.resolve("sav.masklet.json");
    Path coco = dir.resolve("sav_coco.json");
    Path out = dir.resolve("sav_again.json");
    assertEquals(0, CliRun.of("convert", "--in", sav.toString(), "--in-format", "sav",
        "--out", project.toString(), "--out-format", "project").exitCode());
    assertEquals(0, CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", coco.toString(), "--out-format", "coco").exitCode());
    CliRun last = CliRun.of("convert", "--in", coco.toString(), "--in-format", "coco",
        "--out", out.toString(), "--out-format", "sav", "--name", "sav_000001");
    assertEquals(0, last.exitCode(), last.toString());
    SavVideo a = SavJson.read(sav), b = SavJson.read(out);
    assertEquals(a.frames(), b.frames());
    for (int i = 0; i < a.masklets().size(); i++) {
      assertEquals(a.masklets().get(i).sizeAbs(), b.masklets().get(i).sizeAbs(), 0.0);
      assertEquals(a.masklets().get(i).visibilityChanges(), b.masklets().get(i).visibilityChanges());
      assertEquals(a.masklets().get(i).firstAppearedFrame(), b.masklets().get(i).firstAppearedFrame());
    }
  }

  @Test
  void savThroughASavedProjectBackToSavGivesTheSameFileBack() throws Exception {
    Path sav = SharedData.require("data/sav/sav_000001_manual.json");
    // a project name that is not the video id: the id comes from the file, not the name
    Path project = dir.resolve("kitchen.masklet.json");
    CliRun toProject = CliRun.of("convert", "--in", sav.toString(), "--in-format", "sav",
        "--out", project.toString(), "--out-format", "project");
    assertEquals(0, toProject.exitCode(), toProject.toString());
    Path converted = dir.resolve("converted_manual.json");
    CliRun back = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", converted.toString(), "--out-format", "sav");
    assertEquals(0, back.exitCode(), back.toString());
    assertArrayEquals(Files.readAllBytes(sav), Files.readAllBytes(converted),
        "video id, environment, split, edited-frame counts, types and masks kept");
    Path exported = dir.resolve("exported_manual.json");
    CliRun export = CliRun.of("export", project.toString(), "--format", "sav",
        "--out", exported.toString());
    assertEquals(0, export.exitCode(), export.toString());
    assertArrayEquals(Files.readAllBytes(sav), Files.readAllBytes(exported));
    // an explicit name is the user's choice of video id
    Path renamed = dir.resolve("renamed_manual.json");
    assertEquals(0, CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", renamed.toString(), "--out-format", "sav", "--name", "kitchen").exitCode());
    assertEquals("kitchen", SavJson.read(renamed).videoId());
    assertEquals("Indoor", SavJson.read(renamed).videoEnvironment());
  }

  @Test
  void aSavProjectEditedAfterTheImportExportsTheFilesFactsAndRecomputedStatistics()
      throws Exception {
    Path sav = SharedData.require("data/sav/sav_000001_manual.json");
    Path project = dir.resolve("sav_000001.masklet.json");
    assertEquals(0, CliRun.of("convert", "--in", sav.toString(), "--in-format", "sav",
        "--out", project.toString(), "--out-format", "project").exitCode());
    // what a workstation session does: masklet 3 (object 4, first seen on row 113) is painted
    // on video frames 0 and 4 by hand and propagated to frame 8; a new object is clicked on
    // frame 2 (off the stride of 4) and propagated to frame 3
    Annotation a = Annotation.of(ProjectFile.load(project));
    Rle square = Rle.encode(square(848, 480, 100, 100, 40), 848, 480);
    a.setMask(4, 0, FrameMask.unscored(square, Provenance.EDITED));
    a.setMask(4, 4, FrameMask.unscored(square, Provenance.EDITED));
    a.setMask(4, 8, new FrameMask(square, Provenance.PROPAGATED, 3.5));
    a.putObject(new TrackedObject(6, "cup", "#00ff00"));
    a.setMask(6, 2, new FrameMask(square, Provenance.PROMPTED, 2.0));
    a.setMask(6, 3, new FrameMask(square, Provenance.PROPAGATED, 2.0));
    ProjectFile.save(a.snapshot(), project);

    Path out = dir.resolve("edited_manual.json");
    CliRun run = CliRun.of("export", project.toString(), "--format", "sav",
        "--out", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    SavVideo orig = SavJson.read(sav), b = SavJson.read(out);
    assertEquals("sav_000001", b.videoId());
    assertEquals("Indoor", b.videoEnvironment());
    assertEquals("train", b.videoSplit());
    assertEquals(orig.videoDuration(), b.videoDuration(), 0.0);
    assertEquals(483, b.frames().size(), "masks off the stride of 4: a row per video frame");
    assertEquals(6, b.masklets().size());
    for (int i = 0; i < 6; i++) {
      SavMasklet m = b.masklets().get(i);
      SavStats st = b.stats(i);
      assertEquals(i, m.id());
      assertEquals(new SavMasklet(i, st.sizeRel(), st.sizeAbs(), st.sizeBucket(),
          st.visibilityChanges(), st.firstAppearedFrame(), 483, m.editedFrameCount(), "manual",
          null), m, "masklet " + i + ": statistics recomputed from the masks");
    }
    for (int i : new int[] {0, 1, 2, 4}) {
      assertEquals(orig.masklets().get(i).editedFrameCount(),
          b.masklets().get(i).editedFrameCount(), "masklet " + i + " was not changed");
    }
    assertEquals(4 + 2, b.masklets().get(3).editedFrameCount(), "the file's 4 and two hand edits");
    assertEquals(0, b.masklets().get(3).firstAppearedFrame(), "painted from frame 0 on");
    assertEquals(1, b.masklets().get(5).editedFrameCount(), "a new object: its one click");
    assertEquals(2, b.masklets().get(5).firstAppearedFrame());
  }

  /** A row-major h×w mask with a side×side square at (x, y). */
  private static byte[] square(int h, int w, int x, int y, int side) {
    byte[] m = new byte[h * w];
    for (int r = y; r < y + side; r++) {
      for (int c = x; c < x + side; c++) {
        m[r * w + c] = 1;
      }
    }
    return m;
  }

  @Test
  void cocoThroughAProjectBackToCocoKeepsInfoLicensesCategoriesImagesAnnotationIdsAndCrowds()
      throws Exception {
    Path coco = dir.resolve("in_coco.json");
    Files.writeString(coco, """
        {"info": {"year": 2024, "version": "2", "description": "kitchen cam", "contributor": "lab",
                  "url": "http://example.org/kitchen", "date_created": "2024-05-01"},
         "licenses": [{"id": 3, "name": "CC BY 4.0",
                       "url": "https://creativecommons.org/licenses/by/4.0/"}],
         "videos": [{"id": 1, "name": "kitchen_cam", "width": 10, "height": 8, "length": 3}],
         "images": [{"id": 10, "width": 10, "height": 8, "file_name": "cam/0001.jpg",
                     "frame_index": 0, "license": 3, "date_captured": "2024-05-01 10:00:00",
                     "coco_url": "http://example.org/cam/0001.jpg",
                     "flickr_url": "http://flickr.example.org/0001.jpg"},
                    {"id": 20, "width": 10, "height": 8, "file_name": "cam/0002.jpg",
                     "frame_index": 1, "license": 3, "date_captured": "2024-05-01 10:00:01"},
                    {"id": 30, "width": 10, "height": 8, "file_name": "cam/0003.jpg",
                     "frame_index": 2, "license": 3, "date_captured": "2024-05-01 10:00:02"}],
         "annotations": [
           {"id": 41, "image_id": 30, "category_id": 12, "track_id": 4, "iscrowd": 0,
            "segmentation": [[2, 1, 6, 1, 6, 5, 2, 5]]},
           {"id": 57, "image_id": 30, "category_id": 5, "track_id": 6, "iscrowd": 1,
            "segmentation": [[7, 1, 9, 1, 9, 3, 7, 3]]}],
         "categories": [{"id": 5, "name": "pan", "supercategory": "kitchenware"},
                        {"id": 12, "name": "cat", "supercategory": "animal"}]}
        """);
    Path project = dir.resolve("kitchen.masklet.json");
    Path out = dir.resolve("out_coco.json");
    CliRun toProject = CliRun.of("convert", "--in", coco.toString(), "--in-format", "coco",
        "--out", project.toString(), "--out-format", "project");
    assertEquals(0, toProject.exitCode(), toProject.toString());
    CliRun back = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", out.toString(), "--out-format", "coco");
    assertEquals(0, back.exitCode(), back.toString());

    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var orig = mapper.readTree(coco.toFile());
    var root = mapper.readTree(out.toFile());
    assertEquals(orig.get("info"), root.get("info"), "the file's info, not the export's own");
    assertEquals(orig.get("licenses"), root.get("licenses"));
    assertEquals(orig.get("categories"), root.get("categories"), "ids, names, supercategories");
    assertEquals(List.of("10 cam/0001.jpg", "20 cam/0002.jpg", "30 cam/0003.jpg"),
        java.util.stream.StreamSupport.stream(root.get("images").spliterator(), false)
            .map(i -> i.get("id").asInt() + " " + i.get("file_name").asText()).toList());
    for (int i = 0; i < 3; i++) {
      for (String key : List.of("license", "date_captured", "coco_url", "flickr_url")) {
        assertEquals(orig.get("images").get(i).get(key), root.get("images").get(i).get(key),
            "images[" + i + "]." + key);
      }
    }
    assertEquals(2, root.get("annotations").size());
    var ann = root.get("annotations").get(0);
    assertEquals(41, ann.get("id").asInt());
    assertEquals(0, ann.get("iscrowd").asInt());
    assertEquals(30, ann.get("image_id").asInt());
    assertEquals(12, ann.get("category_id").asInt());
    var crowd = root.get("annotations").get(1);
    assertEquals(57, crowd.get("id").asInt());
    assertEquals(1, crowd.get("iscrowd").asInt());
    assertEquals("kitchen_cam", root.get("videos").get(0).get("name").asText());
  }

  @Test
  void corruptInputGivesOneLineNamingFileAndFault() throws Exception {
    Path project = tinyProject("nowhere");
    String text = Files.readString(project).replaceFirst("\"counts\" : \"", "\"counts\" : \"\u007f");
    Files.writeString(project, text);
    CliRun run = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", dir.resolve("x.json").toString(), "--out-format", "coco");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains(project.toString()) && run.err().contains("masklets[0].frames[0].counts"),
        run.toString());
    assertEquals(1, run.err().strip().lines().count(), run.toString());
    assertTrue(Files.notExists(dir.resolve("x.json")));
  }

  @Test
  void missingInputAndUnknownFormatAreUsageErrors() {
    CliRun missing = CliRun.of("convert", "--in", dir.resolve("nope.json").toString(),
        "--in-format", "sav", "--out", dir.resolve("o.json").toString(), "--out-format", "coco");
    assertEquals(2, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("nope.json: file not found"), missing.toString());
    CliRun format = CliRun.of("convert", "--in", "a", "--in-format", "xml", "--out", "b",
        "--out-format", "coco");
    assertEquals(2, format.exitCode(), format.toString());
    assertTrue(format.err().contains("xml"), format.toString());
  }

  @Test
  void projectToIndexedPngAndBackKeepsMasksAndColors() throws Exception {
    Path project = tinyProject("nowhere");
    Path png = dir.resolve("png");
    CliRun run = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", png.toString(), "--out-format", "png");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.err().isEmpty(), "no overlap, no warning: " + run);
    assertTrue(Files.isRegularFile(png.resolve("00002.png")), run.toString());
    Path back = dir.resolve("back.masklet.json");
    CliRun run2 = CliRun.of("convert", "--in", png.toString(), "--in-format", "png",
        "--out", back.toString(), "--out-format", "project");
    assertEquals(0, run2.exitCode(), run2.toString());
    Project read = ProjectFile.load(back);
    assertSameMasks(ProjectFile.load(project), read);
    assertEquals("#0000ff", read.objects().get(1).color());
  }

  @Test
  void overlappingObjectsWarnOnIndexedPngButNotPerObject() throws Exception {
    Annotation a = new Annotation(new MediaSource(MediaSource.Kind.IMAGE, "x.png", 1, 0, W, H));
    a.putObject(new TrackedObject(1, "a", "#00ff00"));
    a.putObject(new TrackedObject(2, "b", "#0000ff"));
    a.setMask(1, 0, FrameMask.unscored(Rle.full(H, W), Provenance.EDITED));
    a.setMask(2, 0, FrameMask.unscored(Rle.full(H, W), Provenance.EDITED));
    Path project = dir.resolve("overlap.masklet.json");
    ProjectFile.save(a.snapshot(), project);
    CliRun indexed = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", dir.resolve("idx").toString(), "--out-format", "png");
    assertEquals(0, indexed.exitCode(), indexed.toString());
    assertTrue(indexed.err().contains("warning: objects overlap on 1 frame(s) [0] (" + H * W
        + " pixels)"), indexed.toString());
    Path per = dir.resolve("per");
    CliRun perObject = CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", per.toString(), "--out-format", "png", "--png-per-object");
    assertEquals(0, perObject.exitCode(), perObject.toString());
    assertTrue(perObject.err().isEmpty(), perObject.toString());
    assertTrue(Files.isRegularFile(per.resolve("002/00000.png")));
    Path back = dir.resolve("per.masklet.json");
    assertEquals(0, CliRun.of("convert", "--in", per.toString(), "--in-format", "png",
        "--out", back.toString(), "--out-format", "project").exitCode());
    assertSameMasks(a.snapshot(), ProjectFile.load(back));
  }

  @Test
  void pngInputMustBeAFolderAndBmpJsonFromPngNeedsFrames() throws Exception {
    Path project = tinyProject("nowhere");
    CliRun notDir = CliRun.of("convert", "--in", project.toString(), "--in-format", "png",
        "--out", dir.resolve("o.json").toString(), "--out-format", "coco");
    assertEquals(2, notDir.exitCode(), notDir.toString());
    assertTrue(notDir.err().contains("png input is a folder"), notDir.toString());

    Path png = dir.resolve("png");
    assertEquals(0, CliRun.of("convert", "--in", project.toString(), "--in-format", "project",
        "--out", png.toString(), "--out-format", "png").exitCode());
    CliRun noFrames = CliRun.of("convert", "--in", png.toString(), "--in-format", "png",
        "--out", dir.resolve("ds").toString(), "--out-format", "bmpjson");
    assertEquals(2, noFrames.exitCode(), noFrames.toString());
    assertTrue(noFrames.err().contains("--frames"), noFrames.toString());
    assertEquals(1, noFrames.err().strip().lines().count(), noFrames.toString());
  }

  @Test
  void formatsAreToldFromTheInputsContentAndTheOutputsNameWhenNotGiven() throws Exception {
    Path sav = SharedData.require("data/sav/sav_000001_manual.json");
    Path coco = dir.resolve("clip.coco.json");
    CliRun toCoco = CliRun.of("convert", "--in", sav.toString(), "--out", coco.toString());
    assertEquals(0, toCoco.exitCode(), toCoco.toString());
    assertTrue(toCoco.out().contains("(coco)"), toCoco.toString());
    Path project = dir.resolve("clip.masklet.json");
    CliRun toProject = CliRun.of("convert", "--in", coco.toString(), "--out", project.toString());
    assertEquals(0, toProject.exitCode(), toProject.toString());
    Path masks = dir.resolve("masks");
    // per object: an indexed PNG would drop the pixels where SA-V masklets overlap
    CliRun toPng = CliRun.of("convert", "--in", project.toString(), "--out", masks.toString(),
        "--out-format", "png", "--png-per-object");
    assertEquals(0, toPng.exitCode(), toPng.toString());
    // a PNG folder is told by its layout; an SA-V name by SA-V's own suffix
    Path back = dir.resolve("clip_manual.json");
    CliRun toSav = CliRun.of("convert", "--in", masks.toString(), "--out", back.toString());
    assertEquals(0, toSav.exitCode(), toSav.toString());
    SavVideo original = SavJson.read(sav);
    SavVideo roundTrip = SavJson.read(back);
    assertEquals(original.masklets().size(), roundTrip.masklets().size());
    assertEquals(original.frames(), roundTrip.frames(),
        "masks copied exactly through COCO, a project and PNG");
  }

  @Test
  void aFormatThatCannotBeToldAsksForTheOptionInsteadOfGuessing() throws Exception {
    Path project = tinyProject("clip.mp4");
    CliRun json = CliRun.of("convert", "--in", project.toString(), "--out",
        dir.resolve("out.json").toString());
    assertEquals(2, json.exitCode(), json.toString());
    assertTrue(json.err().contains("give --out-format (sav or coco"), json.toString());
    CliRun folder = CliRun.of("convert", "--in", project.toString(), "--out",
        dir.resolve("out").toString());
    assertTrue(folder.err().contains("give --out-format (bmpjson or png for a folder)"),
        folder.toString());
    Path other = dir.resolve("other.json");
    Files.writeString(other, "{\"name\": \"not annotations\"}");
    CliRun unknown = CliRun.of("convert", "--in", other.toString(), "--out",
        dir.resolve("x.masklet.json").toString());
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("--in " + other + ": cannot tell the format of this file"),
        unknown.toString());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun emptyFolder = CliRun.of("convert", "--in", empty.toString(), "--out",
        dir.resolve("y.masklet.json").toString());
    assertEquals(2, emptyFolder.exitCode(), emptyFolder.toString());
    assertTrue(emptyFolder.err().contains("cannot tell the format of this folder"),
        emptyFolder.toString());
  }
}
