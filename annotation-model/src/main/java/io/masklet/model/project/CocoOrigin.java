package io.masklet.model.project;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The COCO instances file a project was converted from, as far as a project cannot say it:
 * the dataset's {@code info} and {@code licenses}, the categories with their own ids and
 * supercategories (a project only has labels), and each frame's image with its own id, file
 * name, license, capture date and urls (a project numbers frames and names no files). A COCO
 * export of the project writes the info and licenses back, gives objects whose label is a kept
 * category that category's id, and writes every kept category (used or not) and every kept
 * image (annotated or not) again, so the file still fits the training set it came from.
 * Objects are tied to categories by label: when two categories share a name, objects with that
 * label take the first one's id. The annotations' own ids and crowd flags are kept per object
 * ({@link CocoObjectOrigin}), so that they follow the object and not its id.
 *
 * <p>Fields COCO allows to be absent are {@code null} when the file had none, and so are values
 * of another JSON type than COCO's (some tools write {@code "year": ""}): an export leaves them
 * out rather than invent one.
 *
 * @param videoName {@code videos[0].name} of the file, or {@code null} when it had no video
 * @param info the file's {@code info}, or {@code null} when it had none (the export then writes
 *     its own)
 * @param licenses the file's {@code licenses} in its order, or {@code null} when it had none
 * @param largestAnnotationId the largest annotation id the file used, or 0 when it used none
 *     above 0: masks the file did not have are numbered after it (and after every kept id), so a
 *     new mask never takes the id of an annotation the file had, not even of one the annotator
 *     deleted since
 */
public record CocoOrigin(String videoName, Info info, List<License> licenses,
    long largestAnnotationId, List<Category> categories, List<Image> images)
    implements ImportOrigin {

  /**
   * The file's {@code info}: COCO's fields, each {@code null} when the file gave none.
   *
   * @param dateCreated {@code date_created} as the file wrote it
   */
  public record Info(Integer year, String version, String description, String contributor,
      String url, String dateCreated) {}

  /** One entry of {@code licenses}: its fields, each {@code null} when the file gave none. */
  public record License(Integer id, String name, String url) {}

  /**
   * One entry of {@code categories}.
   *
   * @param supercategory {@code null} when the file gave none
   */
  public record Category(int id, String name, String supercategory) {
    public Category {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * One entry of {@code images}, on the project frame it became. Its {@code width} and
   * {@code height} are the project's media size and are not repeated here.
   *
   * @param fileName {@code file_name}, or {@code null} when the file gave none
   * @param license {@code license} (an id in {@code licenses}), or {@code null}
   * @param dateCaptured {@code date_captured} as the file wrote it, or {@code null}
   * @param cocoUrl {@code coco_url}, or {@code null}
   * @param flickrUrl {@code flickr_url}, or {@code null}
   */
  public record Image(int frame, int id, String fileName, Integer license, String dateCaptured,
      String cocoUrl, String flickrUrl) {
    public Image {
      if (frame < 0) {
        throw new IllegalArgumentException("image " + id + ": frame must be >= 0, got " + frame);
      }
    }

    /** An image of which the file said only id and file name. */
    public Image(int frame, int id, String fileName) {
      this(frame, id, fileName, null, null, null, null);
    }
  }

  public CocoOrigin {
    licenses = licenses == null ? null : List.copyOf(licenses);
    categories = List.copyOf(categories);
    images = List.copyOf(images);
    if (largestAnnotationId < 0) {
      throw new IllegalArgumentException("largest annotation id must be >= 0, got "
          + largestAnnotationId);
    }
    Set<Integer> ids = new HashSet<>();
    for (Category c : categories) {
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException("category id " + c.id() + " is used twice");
      }
    }
    ids.clear();
    Set<Integer> frames = new HashSet<>();
    for (Image i : images) {
      if (!ids.add(i.id())) {
        throw new IllegalArgumentException("image id " + i.id() + " is used twice");
      }
      if (!frames.add(i.frame())) {
        throw new IllegalArgumentException("frame " + i.frame() + " has two images");
      }
    }
  }
}
