package dev.pullplan.address;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable name of one resource: the config block it comes from, the resource within it and,
 * for resources repeated per namespace or service account, a key. Written as users type it:
 * {@code access.partner_edge.k8s_secret["edge"]}, {@code namespace.edge.k8s_namespace}.
 *
 * <p>A block with {@code for_each} has one instance per key, and the instance's name carries the
 * key as it is written: {@code blockName} is then {@code team["eu-1"]}, so that
 * {@code access.team["eu-1"].k8s_secret["apps"]} is one address, however the block was expanded.
 */
public record Address(String blockKind, String blockName, String resource, Optional<String> key)
    implements Comparable<Address> {

  private static final Pattern FORM =
      Pattern.compile("([a-z_]+)\\.([A-Za-z_][A-Za-z0-9_-]*(?:\\[\"[^\"]+\"])?)\\.([a-z_][a-z0-9_]*)(?:\\[\"([^\"]+)\"])?");
  private static final Pattern INSTANCE = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\[\"([^\"]+)\"]");
  public static Address of(String blockKind, String blockName, String resource) {
    return new Address(blockKind, blockName, resource, Optional.empty());
  }

  public static Address keyed(String blockKind, String blockName, String resource, String key) {
    return new Address(blockKind, blockName, resource, Optional.of(key));
  }

  /** Parses the written form; empty when the text is not an address. */
  public static Optional<Address> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Address(m.group(1), m.group(2), m.group(3), Optional.ofNullable(m.group(4))));
  }

  /** The name of one instance of a block with {@code for_each}: {@code team["eu-1"]}. */
  public static String instanceName(String blockName, String key) {
    return blockName + "[\"" + key + "\"]";
  }

  /** The block's name without the instance key: {@code team} for {@code team["eu-1"]}. */
  public String baseName() {
    Matcher m = INSTANCE.matcher(blockName);
    return m.matches() ? m.group(1) : blockName;
  }

  /** The {@code for_each} key of the block instance, empty for a block without {@code for_each}. */
  public Optional<String> instanceKey() {
    Matcher m = INSTANCE.matcher(blockName);
    return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
  }

  /** The block part, {@code access.partner_edge}: what groups resources in plan output. */
  public String block() {
    return blockKind + "." + blockName;
  }

  /**
   * True when {@code pattern} names this address, or this address's block or resource without a
   * key, or (for an instance of a block with {@code for_each}) the block without its key.
   */
  public boolean matches(String pattern) {
    String me = toString();
    return me.equals(pattern)
        || block().equals(pattern)
        || (key.isPresent() && (block() + "." + resource).equals(pattern))
        || (instanceKey().isPresent() && (blockKind + "." + baseName()).equals(pattern));
  }

  @Override
  public int compareTo(Address o) {
    // by hand, not a Comparator chain: plans sort and search tens of thousands of addresses
    int c = blockKind.compareTo(o.blockKind);
    if (c == 0) {
      c = blockName.compareTo(o.blockName);
    }
    if (c == 0) {
      c = resource.compareTo(o.resource);
    }
    return c != 0 ? c : key.orElse("").compareTo(o.key.orElse(""));
  }

  @Override
  public String toString() {
    return block() + "." + resource + key.map(k -> "[\"" + k + "\"]").orElse("");
  }
}
