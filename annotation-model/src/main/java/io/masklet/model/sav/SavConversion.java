package io.masklet.model.sav;

import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.SavMaskletOrigin;
import io.masklet.model.project.SavOrigin;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * SA-V ⇄ project. Annotated frame {@code f} of an SA-V file is video frame
 * {@code f × stride}: stride 4 in the release, 1 in files this class writes for masks on other
 * frames (see {@link #annotationStride}). SA-V has no labels, prompts or per-frame
 * provenance: imported masks are {@link Provenance#EDITED} (human-made) and unscored, objects
 * are labelled "object".
 *
 * <p>SA-V counts masklet ids from 0, projects count objects from 1 (0 is the background of an
 * indexed PNG mask and "no object" in the workstation): masklet {@code k} is object
 * {@code k + 1}, both ways, so an SA-V file comes back with its own ids. A project that has an
 * object 0 (converted by an earlier version) is written with its ids as they are.
 *
 * <p>What a project keeps of an SA-V file, and how an export writes each column:
 * <ul>
 *   <li>Kept as read ({@link SavOrigin}, {@link SavMaskletOrigin}, saved with the project):
 *       {@code video_id}, {@code video_environment}, {@code video_split}, and per masklet
 *       {@code masklet_type}. {@code video_duration} is written as read while the project's
 *       frame count and fps still give it ({@code frameCount / duration == fps}), else as
 *       {@code frameCount / fps}.
 *   <li>From the project's media: {@code video_frame_count}, {@code video_height},
 *       {@code video_width}, {@code video_resolution} (height × width).
 *   <li>Recomputed from the current masks on every export ({@link SavStats}):
 *       {@code masklet_size_rel}, {@code masklet_size_abs}, {@code masklet_size_bucket},
 *       {@code masklet_visibility_changes}, {@code masklet_first_appeared_frame},
 *       {@code masklet_frame_count}, {@code masklet_num}; {@code masklet_id} is the object id
 *       minus {@link #ID_OFFSET}.
 *   <li>{@code masklet_edited_frame_count} counts frames human annotators edited, which the
 *       masks do not show. An object from an SA-V file writes the file's count plus the
 *       annotated frames the annotator has since changed (the mask differs from the imported
 *       one, by {@link #maskDigest}, and is prompted or hand-edited rather than propagated),
 *       at most the number of annotated frames; the file does not say which of its frames were
 *       edited, so re-editing one of them may count it twice. Any other object counts its
 *       annotated frames with a prompted or hand-edited mask.
 *   <li>{@code masklet_stability_score} (the model's scores of an auto masklet) is written as
 *       read while every mask and the frame grid are the imported ones; after a change it is
 *       {@code null}, since nothing here can score the new masks the way the data engine did.
 *   <li>Objects without SA-V origin (added in the workstation): type "manual", no stability
 *       scores; a project without SA-V origin has empty environment and split, and its video
 *       id is the name the caller gives.
 * </ul>
 * An SA-V file converted to a project and back is therefore the same file, byte for byte.
 */
public final class SavConversion {
  private SavConversion() {}

  public static final String DEFAULT_LABEL = "object";
  /** Object id of masklet 0. */
  public static final int ID_OFFSET = 1;
  /** {@code masklet_type} of masklets made here. */
  public static final String MANUAL = "manual";

  public static Project toProject(SavVideo v, String videoLocation) {
    int stride = annotationStride(v);
    int frameCount = Math.max(v.videoFrameCount(), (v.frames().size() - 1) * stride + 1);
    double fps = v.videoDuration() > 0 ? v.videoFrameCount() / v.videoDuration() : 0;
    MediaSource src = new MediaSource(MediaSource.Kind.VIDEO, videoLocation, frameCount, fps,
        v.videoWidth(), v.videoHeight());
    SavOrigin origin = new SavOrigin(v.videoId(), v.videoDuration(), v.videoEnvironment(),
        v.videoSplit(), stride);
    List<TrackedObject> objects = new ArrayList<>();
    List<Masklet> masklets = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < v.masklets().size(); i++) {
      SavMasklet sm = v.masklets().get(i);
      int id = sm.id();
      if (!ids.add(id)) {
        throw new IllegalArgumentException("masklet id " + id + " is used twice");
      }
      int objectId = id + ID_OFFSET;
      TreeMap<Integer, FrameMask> frames = new TreeMap<>();
      List<String> digests = new ArrayList<>(v.frames().size());
      for (int f = 0; f < v.frames().size(); f++) {
        Rle rle = v.frames().get(f).get(i);
        frames.put(f * stride, FrameMask.unscored(rle, Provenance.EDITED));
        digests.add(maskDigest(rle));
      }
      objects.add(new TrackedObject(objectId, DEFAULT_LABEL, TrackedObject.defaultColor(objectId),
          new SavMaskletOrigin(sm.type(), sm.editedFrameCount(), sm.stabilityScores(),
              digests)));
      masklets.add(new Masklet(objectId, frames));
    }
    return new Project(src, objects, masklets, List.of(), List.of(), origin);
  }

  /**
   * Video frames per annotated frame of {@code v}: 1 when it has a row for every video frame
   * ({@link #fromProject} writes such files when masks sit on frames that are not multiples of
   * 4), else the release's 4 (483 frames, 121 rows in {@code sav_000001}). The two agree for
   * 0- and 1-frame videos only, where the stride does not matter.
   */
  public static int annotationStride(SavVideo v) {
    return v.videoFrameCount() > 0 && v.frames().size() == v.videoFrameCount()
        ? 1 : SavVideo.ANNOTATION_STRIDE;
  }

  /**
   * The {@code video_id} an SA-V export of {@code p} should carry when the user named none: the
   * one of the SA-V file it came from, else {@code fallback} (e.g. the media's file name).
   */
  public static String videoIdOf(Project p, String fallback) {
    return p.savOrigin() != null ? p.savOrigin().videoId() : fallback;
  }

  /**
   * A short checksum of one mask (CRC-32 of its size and compressed counts, 8 hex digits), kept
   * per imported frame to recognise the frames the annotator changed. A collision would only
   * make a changed frame count as unchanged in {@code masklet_edited_frame_count}.
   */
  public static String maskDigest(Rle rle) {
    CRC32 crc = new CRC32();
    crc.update((rle.height() + " " + rle.width() + " " + rle.toCompressedString())
        .getBytes(StandardCharsets.US_ASCII));
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  /**
   * The project's masklets on annotated frames {@code 0, stride, 2·stride, ...}: stride 4 (the
   * SA-V convention) when every masked frame is a multiple of 4, else 1. Objects without a mask
   * on an annotated frame get an empty mask there; masklets are written in id order. The class
   * comment says how each column is written.
   *
   * @param videoId the {@code video_id} to write (see {@link #videoIdOf})
   */
  public static SavVideo fromProject(Project p, String videoId) {
    MediaSource s = p.source();
    int stride = SavVideo.ANNOTATION_STRIDE;
    for (Masklet m : p.masklets()) {
      for (int f : m.frames().keySet()) {
        if (f % stride != 0) {
          stride = 1;
        }
      }
    }
    int annotated = (s.frameCount() + stride - 1) / stride;
    // masklets in id order, as in the release: the project's object order is the order the
    // objects were added in, which an undone delete changes
    List<TrackedObject> objects = p.objects().stream()
        .sorted(Comparator.comparingInt(TrackedObject::id)).toList();
    // Project.masklet is a scan of the list: looked up per object and frame, a COCO import of
    // 10,000 objects (one per annotation) over 1,000 frames took 5 * 10^10 steps
    Map<Integer, Masklet> maskletOf = new HashMap<>();
    p.masklets().forEach(m -> maskletOf.putIfAbsent(m.objectId(), m));
    List<List<Rle>> frames = new ArrayList<>(annotated);
    Rle empty = Rle.empty(s.height(), s.width());
    for (int f = 0; f < annotated; f++) {
      List<Rle> row = new ArrayList<>(objects.size());
      for (TrackedObject o : objects) {
        Masklet m = maskletOf.get(o.id());
        FrameMask fm = m == null ? null : m.at(f * stride);
        row.add(fm == null ? empty : fm.rle());
      }
      frames.add(row);
    }
    SavOrigin origin = p.savOrigin();
    int offset = objects.stream().allMatch(o -> o.id() >= ID_OFFSET) ? ID_OFFSET : 0;
    List<SavMasklet> masklets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      TrackedObject o = objects.get(i);
      Masklet m = maskletOf.get(o.id());
      SavMaskletOrigin from = o.savMasklet();
      int annotatorEdited = 0;
      boolean unchanged = true;
      for (int f = 0; f < annotated; f++) {
        int frame = f * stride;
        String imported = from == null ? null : importedDigest(from, origin, frame);
        if (imported != null && imported.equals(maskDigest(frames.get(f).get(i)))) {
          continue;
        }
        unchanged = false;
        FrameMask fm = m == null ? null : m.at(frame);
        if (fm != null && fm.provenance() != Provenance.PROPAGATED) {
          annotatorEdited++;
        }
      }
      int edited = annotatorEdited;
      String type = MANUAL;
      List<Double> scores = null;
      if (from != null) {
        type = from.type();
        edited = annotatorEdited == 0 ? from.editedFrameCount()
            : Math.max(from.editedFrameCount(),
                (int) Math.min(annotated, (long) from.editedFrameCount() + annotatorEdited));
        boolean sameGrid = stride == origin.annotationStride()
            && annotated == from.maskDigests().size();
        scores = unchanged && sameGrid ? from.stabilityScores() : null;
      }
      SavStats st = SavStats.of(frames, i, s.height(), s.width());
      masklets.add(new SavMasklet(o.id() - offset, st.sizeRel(), st.sizeAbs(),
          st.sizeBucket(), st.visibilityChanges(), st.firstAppearedFrame(), st.frameCount(),
          edited, type, scores));
    }
    double duration = s.fps() > 0 ? s.frameCount() / s.fps() : 0;
    if (origin != null && keepsDuration(origin, s)) {
      duration = origin.videoDuration();
    }
    return new SavVideo(videoId, duration, s.frameCount(), s.height(), s.width(),
        (long) s.height() * s.width(), origin == null ? "" : origin.videoEnvironment(),
        origin == null ? "" : origin.videoSplit(), frames, masklets);
  }

  /** The imported mask's digest on video frame {@code frame}, or null off the file's grid. */
  private static String importedDigest(SavMaskletOrigin from, SavOrigin origin, int frame) {
    int stride = origin.annotationStride();
    int f = frame / stride;
    return frame % stride == 0 && f < from.maskDigests().size() ? from.maskDigests().get(f)
        : null;
  }

  /**
   * Whether the file's duration still describes the media: {@link #toProject} derived the fps
   * from it, and dividing back need not give the same double.
   */
  private static boolean keepsDuration(SavOrigin o, MediaSource s) {
    return o.videoDuration() > 0 ? s.frameCount() / o.videoDuration() == s.fps() : s.fps() == 0;
  }
}
