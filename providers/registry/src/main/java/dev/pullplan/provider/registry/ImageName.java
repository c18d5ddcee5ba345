package dev.pullplan.provider.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository and a tag or digest within one registry: {@code edge/sim:1.0},
 * {@code edge/sim@sha256:…}. A leading host (the registry's own) is dropped by {@link #parse}.
 */
public record ImageName(String repository, String reference) {
  private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern FORM = Pattern.compile("(?<repo>[^:@]+(?::[0-9]+/[^:@]+)?)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>[a-z0-9]+:[a-f0-9]{32,}))?");

  /** {@code edge/sim:1.0} → edge/sim, 1.0; no tag means {@code latest}, as every client does. */
  public static Optional<ImageName> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String repo = m.group("repo");
    int slash = repo.indexOf('/');
    if (slash > 0) {
      String first = repo.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        repo = repo.substring(slash + 1);
      }
    }
    if (!REPOSITORY.matcher(repo).matches()) {
      return Optional.empty();
    }
    String reference = m.group("digest") != null ? m.group("digest")
        : m.group("tag") != null ? m.group("tag") : "latest";
    return Optional.of(new ImageName(repo, reference));
  }

  public boolean byDigest() {
    return reference.contains(":");
  }

  @Override
  public String toString() {
    return repository + (byDigest() ? "@" : ":") + reference;
  }
}
