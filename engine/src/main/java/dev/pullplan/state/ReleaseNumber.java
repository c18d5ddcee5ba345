package dev.pullplan.state;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pullplan version as {@code major.minor.patch} and whether it is a release: {@code 0.2.0} is
 * newer than {@code 0.2.0-SNAPSHOT}; two pre-releases of one number count as equal.
 */
final class ReleaseNumber {
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(-.+)?");

  private ReleaseNumber() {}

  /** {major, minor, patch, 1 for a release or 0 for a pre-release}; empty when it is not a version. */
  static Optional<int[]> parse(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4) == null ? 1 : 0});
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  static int compare(int[] a, int[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}
