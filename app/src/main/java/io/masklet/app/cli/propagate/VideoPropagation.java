package io.masklet.app.cli.propagate;

import ai.djl.ndarray.NDManager;
import io.masklet.app.cli.CliProgress;
import io.masklet.app.cli.UserInputException;
import io.masklet.app.cli.prompts.PromptsFile;
import io.masklet.app.cli.prompts.PromptsFile.FramePrompt;
import io.masklet.app.cli.prompts.PromptsFile.ObjectPrompts;
import io.masklet.engine.predictor.video.FrameResult;
import io.masklet.engine.predictor.video.InferenceState;
import io.masklet.engine.predictor.video.ObjectMask;
import io.masklet.engine.predictor.video.PropagationListener;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.video.FrameSource;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Runs one video through the video predictor: adds every prompt of the prompts file, propagates
 * forward from the earliest prompted frame to the end and backward from it to frame 0, and
 * collects each object's masks as RLE into a {@link Project}. Frames an object was prompted on
 * are {@code PROMPTED}, all others {@code PROPAGATED}.
 */
public final class VideoPropagation {
  private VideoPropagation() {}

  /**
   * Everything about {@code prompts} that the video tells without the model: prompted frames
   * inside the video, points and boxes inside the frame, mask files readable images of the
   * frame's size. Errors name the prompts file, the object and frame, and the valid range.
   */
  public static void check(PromptsFile prompts, Path promptsFile, int frameCount, int width,
      int height) {
    prompts.checkAgainst(promptsFile, frameCount, width, height);
    readMasks(prompts, promptsFile, width, height);
  }

  public static Project run(SAM2VideoPredictor predictor, FrameSource source, PromptsFile prompts,
      Path promptsFile, boolean isFolder) throws IOException {
    int w = source.width();
    int h = source.height();
    prompts.checkAgainst(promptsFile, source.frameCount(), w, h);
    Map<Long, byte[]> maskInputs = readMasks(prompts, promptsFile, w, h);

    Map<Integer, TreeMap<Integer, FrameMask>> masks = new HashMap<>();
    Map<Integer, Set<Integer>> promptedFrames = new HashMap<>();
    int earliest = Integer.MAX_VALUE;
    for (ObjectPrompts o : prompts.objects()) {
      masks.put(o.id(), new TreeMap<>());
      Set<Integer> frames = new HashSet<>();
      for (FramePrompt fp : o.prompts()) {
        frames.add(fp.frame());
        earliest = Math.min(earliest, fp.frame());
      }
      promptedFrames.put(o.id(), frames);
    }

    int first = earliest;
    try (NDManager manager = NDManager.newBaseManager();
        CliProgress progress = CliProgress.count(VideoJob.stemOf(Path.of(source.location())),
            source.frameCount(), "frames")) {
      PropagationListener listener = new PropagationListener() {
        @Override
        public void onFrame(FrameResult r) {
          for (ObjectMask om : r.objects()) {
            Provenance p = promptedFrames.getOrDefault(om.objId(), Set.of()).contains(r.frameIdx())
                ? Provenance.PROMPTED : Provenance.PROPAGATED;
            masks.get(om.objId()).put(r.frameIdx(), new FrameMask(om.mask(), p, om.objectScore()));
          }
          progress.step();
        }
      };
      // Each direction runs in its own inference state with the same prompts: the memory bank
      // stays bounded (the engine drops memory behind the direction of travel, which a second
      // pass in the other direction would need), and each pass depends on the prompts only.
      try (InferenceState state = promptedState(predictor, source, manager, prompts, maskInputs, w, h)) {
        predictor.propagate(state, first, null, false, listener, null);
      }
      if (first > 0) {
        try (InferenceState state = promptedState(predictor, source, manager, prompts, maskInputs, w, h)) {
          predictor.propagate(state, first - 1, null, true, listener, null);
        }
      }
    }

    List<TrackedObject> objects = new ArrayList<>();
    List<Masklet> masklets = new ArrayList<>();
    for (ObjectPrompts o : prompts.objects()) {
      objects.add(new TrackedObject(o.id(), o.label() == null ? "object" : o.label(),
          TrackedObject.defaultColor(o.id())));
      masklets.add(new Masklet(o.id(), masks.get(o.id())));
    }
    MediaSource media = new MediaSource(isFolder ? MediaSource.Kind.IMAGE_FOLDER : MediaSource.Kind.VIDEO,
        source.location(), source.frameCount(), source.fps(), w, h);
    return new Project(media, objects, masklets, List.of(), List.of());
  }

  private static InferenceState promptedState(SAM2VideoPredictor predictor, FrameSource source,
      NDManager manager, PromptsFile prompts, Map<Long, byte[]> maskInputs, int w, int h) {
    InferenceState state = predictor.initState(source, manager);
    try {
      for (ObjectPrompts o : prompts.objects()) {
        for (FramePrompt fp : o.prompts()) {
          if (fp.mask() != null) {
            // the masks a prompt returns are not used here: only the prompted object's is made
            predictor.addNewMask(state, fp.frame(), o.id(), maskInputs.get(key(o.id(), fp.frame())),
                h, w, SAM2VideoPredictor.Masks.PROMPTED_OBJECT);
          } else {
            predictor.addNewPointsOrBox(state, fp.frame(), o.id(), floats(fp.points()),
                fp.points() == null ? null : fp.effectiveLabels(), floats(fp.box()), true,
                SAM2VideoPredictor.Masks.PROMPTED_OBJECT);
          }
        }
      }
      return state;
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  private static long key(int obj, int frame) {
    return ((long) obj << 32) | frame;
  }

  /** Mask prompts: PNG (or any image) files relative to the prompts file, non-zero = object. */
  private static Map<Long, byte[]> readMasks(PromptsFile prompts, Path promptsFile, int w, int h) {
    Map<Long, byte[]> out = new HashMap<>();
    Path base = promptsFile.toAbsolutePath().getParent();
    for (ObjectPrompts o : prompts.objects()) {
      for (FramePrompt fp : o.prompts()) {
        if (fp.mask() == null) {
          continue;
        }
        String at = "prompts file " + promptsFile + ", object " + o.id() + ", frame " + fp.frame();
        Path file = base.resolve(fp.mask());
        BufferedImage img;
        try {
          img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException e) {
          throw new UserInputException(at + ": cannot read mask " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
          throw new UserInputException(at + ": mask " + file + " is missing or not an image");
        }
        if (img.getWidth() != w || img.getHeight() != h) {
          throw new UserInputException(at + ": mask " + file + " is " + img.getWidth() + "x"
              + img.getHeight() + " but the video is " + w + "x" + h);
        }
        byte[] m = new byte[w * h];
        var raster = img.getRaster();
        int[] px = new int[raster.getNumBands()];
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            raster.getPixel(x, y, px);
            m[y * w + x] = px[0] != 0 ? (byte) 1 : 0;
          }
        }
        out.put(key(o.id(), fp.frame()), m);
      }
    }
    return out;
  }

  private static float[][] floats(double[][] v) {
    if (v == null || v.length == 0) {
      return null;
    }
    float[][] f = new float[v.length][];
    for (int i = 0; i < v.length; i++) {
      f[i] = new float[] {(float) v[i][0], (float) v[i][1]};
    }
    return f;
  }

  private static float[] floats(double[] v) {
    if (v == null) {
      return null;
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
