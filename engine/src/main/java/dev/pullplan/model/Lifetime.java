package dev.pullplan.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as users write it in config: {@code 90d}, {@code 12h}, {@code 30m} (several may be
 * combined, largest first: {@code 1d12h}). Kept with its text so plans can quote the config.
 */
public record Lifetime(Duration duration, String text) {
  private static final Pattern FORM = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?");

  public static Optional<Lifetime> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    Duration d = Duration.ofDays(group(m, 1)).plusHours(group(m, 2)).plusMinutes(group(m, 3));
    return d.isZero() ? Optional.empty() : Optional.of(new Lifetime(d, text));
  }

  private static long group(Matcher m, int i) {
    return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
  }

  @Override
  public String toString() {
    return text;
  }
}
