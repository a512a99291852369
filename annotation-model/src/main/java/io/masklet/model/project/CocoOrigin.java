package io.masklet.model.project;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The COCO instances file a project was converted from, as far as a project cannot say it:
 * the categories with their own ids and supercategories (a project only has labels), and each
 * frame's image with its own id and file name (a project numbers frames and names no files).
 * A COCO export of the project gives objects whose label is a kept category that category's id,
 * writes every kept category (used or not) and every kept image (annotated or not) again.
 * Objects are tied to categories by label: when two categories share a name, objects with that
 * label take the first one's id.
 *
 * @param videoName {@code videos[0].name} of the file, or {@code null} when it had no video
 */
public record CocoOrigin(String videoName, List<Category> categories, List<Image> images)
    implements ImportOrigin {

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
   * One entry of {@code images}, on the project frame it became.
   *
   * @param fileName {@code file_name}, or {@code null} when the file gave none
   */
  public record Image(int frame, int id, String fileName) {
    public Image {
      if (frame < 0) {
        throw new IllegalArgumentException("image " + id + ": frame must be >= 0, got " + frame);
      }
    }
  }

  public CocoOrigin {
    categories = List.copyOf(categories);
    images = List.copyOf(images);
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
