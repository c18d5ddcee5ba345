package dev.pullplan.plan;

import java.util.List;

/** Counts in Terraform's words: a replacement is one to add and one to destroy. */
public record Summary(int add, int change, int destroy, int rotate) {

  public static Summary of(List<Change> changes) {
    int add = 0;
    int change = 0;
    int destroy = 0;
    int rotate = 0;
    for (Change c : changes) {
      switch (c.action()) {
        case CREATE -> add++;
        case UPDATE -> change++;
        case DELETE -> destroy++;
        case REPLACE, CREATE_BEFORE_DESTROY -> {
          add++;
          destroy++;
        }
        case ROTATE -> rotate++;
        case NOOP -> { }
      }
    }
    return new Summary(add, change, destroy, rotate);
  }

  public boolean isEmpty() {
    return add + change + destroy + rotate == 0;
  }

  @Override
  public String toString() {
    return "Plan: " + add + " to add, " + change + " to change, " + destroy + " to destroy, " + rotate + " to rotate.";
  }
}
