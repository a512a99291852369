package io.masklet.model.project;

import io.masklet.model.rle.Rle;
import io.masklet.model.sav.SavMasklet;
import io.masklet.model.sav.SavVideo;
import java.time.Instant;
import java.util.List;

/** Small hand-made projects for format tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A disc of radius r centred at (cx, cy) with an optional square hole, as RLE. */
  public static Rle disc(int h, int w, int cx, int cy, int r, int hole) {
    byte[] m = new byte[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean in = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
        boolean inHole = Math.abs(x - cx) < hole && Math.abs(y - cy) < hole;
        m[y * w + x] = (byte) (in && !inHole ? 1 : 0);
      }
    }
    return Rle.encode(m, h, w);
  }

  /** 3 frames of 23×31 video, two objects, masks with holes, prompts and a log. */
  public static Project smallProject() {
    int h = 23, w = 31;
    MediaSource src = new MediaSource(MediaSource.Kind.VIDEO, "clip.mp4", 3, 24.0, w, h);
    Annotation a = new Annotation(src);
    a.putObject(new TrackedObject(1, "cat", "#ff8800"));
    a.putObject(new TrackedObject(4, "dog house", TrackedObject.defaultColor(4)));
    a.setMask(1, 0, new FrameMask(disc(h, w, 10, 11, 7, 2), Provenance.PROMPTED, 7.25));
    a.setMask(1, 1, new FrameMask(disc(h, w, 12, 11, 7, 0), Provenance.PROPAGATED, -0.5));
    a.setMask(1, 2, FrameMask.unscored(Rle.empty(h, w), Provenance.EDITED));
    a.setMask(4, 2, new FrameMask(disc(h, w, 25, 5, 4, 0), Provenance.PROPAGATED, 3.0));
    a.putPrompt(new Prompt(0, 1, List.of(new PointPrompt(10.5, 11, true),
        new PointPrompt(3, 4, false)), new BoxPrompt(2, 3, 18.5, 20), null));
    a.putPrompt(Prompt.ofMask(2, 1, Rle.empty(h, w)));
    a.log(new InteractionEvent(Instant.parse("2025-01-02T03:04:05.123Z"), 0, 1,
        InteractionEvent.Action.ADD_POINTS, "2 points"));
    a.log(new InteractionEvent(Instant.parse("2025-01-02T03:04:09Z"), -1, -1,
        InteractionEvent.Action.PROPAGATE_FORWARD, ""));
    return a.snapshot();
  }

  /** A mask of 4×6 pixels with {@code n} pixels set from {@code start} (column-major order). */
  public static Rle pixels(int start, int n) {
    byte[] m = new byte[24];
    for (int i = start; i < start + n; i++) {
      m[(i % 4) * 6 + i / 4] = 1;
    }
    return Rle.encode(m, 4, 6);
  }

  /**
   * 12 frames of 4×6 pixels annotated every 4th frame (3 rows), written with stale statistics
   * (sizes, first frame, frame count none of which the masks give) and a duration that
   * {@code frameCount / (frameCount / duration)} does not give back: masklet 0 manual, 2 frames
   * edited; masklet 1 auto with stability scores, absent on row 0.
   */
  public static SavVideo savSynthetic() {
    Rle empty = Rle.empty(4, 6);
    List<List<Rle>> rows = List.of(
        List.of(pixels(0, 5), empty),
        List.of(pixels(2, 6), pixels(10, 3)),
        List.of(pixels(3, 2), pixels(12, 4)));
    return new SavVideo("sav_synthetic", 2.613, 12, 4, 6, 24, "Outdoor", "val", rows, List.of(
        new SavMasklet(0, 0.5, 99.0, "large", 7, 2, 40, 2, "manual", null),
        new SavMasklet(1, 0.25, 1.0, "small", 0, 0, 3, 0, "auto", List.of(0.9, 0.85, 0.97))));
  }

  /**
   * Plain COCO as a training set has it: category ids that are not 1, 2, ... (one unused),
   * supercategories, images with their own ids and file names, one of them without annotations.
   */
  public static final String COCO_KITCHEN = """
      {"info": {"description": "kitchen shots"},
       "images": [{"id": 10, "width": 10, "height": 8, "file_name": "img/a.jpg"},
                  {"id": 20, "width": 10, "height": 8, "file_name": "img/b.jpg"},
                  {"id": 30, "width": 10, "height": 8, "file_name": "img/c.jpg"}],
       "annotations": [
         {"id": 1, "image_id": 10, "category_id": 7, "segmentation": [[2, 1, 6, 1, 6, 5, 2, 5]]},
         {"id": 2, "image_id": 30, "category_id": 3, "segmentation": [[7, 1, 9, 1, 9, 3, 7, 3]]}],
       "categories": [{"id": 3, "name": "cat", "supercategory": "animal"},
                      {"id": 7, "name": "dog", "supercategory": "animal"},
                      {"id": 9, "name": "bird"}]}
      """;

  /**
   * A COCO video file as a training set has it, with what a project keeps beyond categories and
   * images: an {@code info} with all of COCO's fields, two {@code licenses}, images with license,
   * capture date and urls (the last without urls), and annotations with their own ids: track 1
   * on frames 0 and 1 (ids 501, 502), track 2 a crowd region on frame 0 with a COCO-sized id
   * beyond 2^31 (900100259690) in uncompressed RLE, track 3 on frame 2 (id 777).
   */
  public static final String COCO_STREET = """
      {"info": {"year": 2017, "version": "1.0", "description": "street crossings",
                "contributor": "Masklet tests", "url": "http://example.org/street",
                "date_created": "2017/09/01"},
       "licenses": [{"id": 1, "name": "Attribution-NonCommercial-ShareAlike License",
                     "url": "http://creativecommons.org/licenses/by-nc-sa/2.0/"},
                    {"id": 2, "name": "Attribution License",
                     "url": "http://creativecommons.org/licenses/by/2.0/"}],
       "videos": [{"id": 1, "name": "street", "width": 10, "height": 8, "length": 3}],
       "images": [{"id": 10, "width": 10, "height": 8, "file_name": "street/0.jpg",
                   "frame_index": 0, "license": 2, "date_captured": "2013-11-14 17:02:52",
                   "coco_url": "http://images.example.org/street/0.jpg",
                   "flickr_url": "http://farm9.example.org/street_0.jpg"},
                  {"id": 20, "width": 10, "height": 8, "file_name": "street/1.jpg",
                   "frame_index": 1, "license": 1, "date_captured": "2013-11-14 17:02:53",
                   "coco_url": "http://images.example.org/street/1.jpg",
                   "flickr_url": "http://farm9.example.org/street_1.jpg"},
                  {"id": 30, "width": 10, "height": 8, "file_name": "street/2.jpg",
                   "frame_index": 2, "license": 1, "date_captured": "2013-11-14 17:02:54"}],
       "annotations": [
         {"id": 501, "image_id": 10, "category_id": 1, "track_id": 1, "iscrowd": 0,
          "segmentation": [[2, 1, 6, 1, 6, 5, 2, 5]]},
         {"id": 502, "image_id": 20, "category_id": 1, "track_id": 1, "iscrowd": 0,
          "segmentation": [[3, 1, 7, 1, 7, 5, 3, 5]]},
         {"id": 900100259690, "image_id": 10, "category_id": 1, "track_id": 2, "iscrowd": 1,
          "segmentation": {"size": [8, 10], "counts": [56, 6, 2, 6, 10]}},
         {"id": 777, "image_id": 30, "category_id": 1, "track_id": 3, "iscrowd": 0,
          "segmentation": [[7, 1, 9, 1, 9, 3, 7, 3]]}],
       "categories": [{"id": 1, "name": "person", "supercategory": "person"}]}
      """;
}
