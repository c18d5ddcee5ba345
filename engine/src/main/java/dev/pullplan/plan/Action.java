package dev.pullplan.plan;

/** What a plan does to one resource, with the symbol and the words the plan prints. */
public enum Action {
  NOOP(" ", "is up to date"),
  CREATE("+", "will be created"),
  UPDATE("~", "will be updated in-place"),
  REPLACE("-/+", "must be replaced"),
  /**
   * A replacement whose new object is made first; the old one is deleted only after every
   * dependant moved to the new one, so nothing that uses it sees a gap.
   */
  CREATE_BEFORE_DESTROY("+/-", "must be replaced (new one created first, old one removed after every dependant uses it)"),
  ROTATE("~>", "will be rotated (new credential first, old one removed after every secret uses the new one)"),
  DELETE("-", "will be destroyed");

  private final String symbol;
  private final String phrase;

  Action(String symbol, String phrase) {
    this.symbol = symbol;
    this.phrase = phrase;
  }

  public String symbol() {
    return symbol;
  }

  public String phrase() {
    return phrase;
  }

  public boolean isChange() {
    return this != NOOP;
  }

  public boolean isReplacement() {
    return this == REPLACE || this == CREATE_BEFORE_DESTROY;
  }

  /** The machine spelling: {@code no-op}, {@code create}, {@code create-before-destroy}. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT).replace("noop", "no-op").replace('_', '-');
  }
}
