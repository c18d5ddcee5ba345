package dev.pullplan.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages a config file the ways people and tools do: a token deleted, duplicated or swapped,
 * random bytes or unicode pasted in, a huge string, deep nesting, a very long line, a cut-off
 * end. Every choice comes from the given {@link Random}, so a seed reproduces a case exactly.
 */
final class ConfigMutator {
  /** Words, strings up to their quote, runs of spaces, and single punctuation characters. */
  private static final Pattern TOKEN = Pattern.compile("\"[^\"\\n]*\"?|[A-Za-z_][A-Za-z0-9_-]*|\\d+|\\s+|.", Pattern.DOTALL);

  /** A mutated file and what was done to it, to name a failing case. */
  record Mutant(byte[] bytes, String description) {}

  private enum Kind {
    DELETE_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, RANDOM_BYTES, RANDOM_UNICODE, HUGE_STRING, DEEP_NESTING,
    LONG_LINE, TRUNCATE, CONTROL_CHARACTERS
  }

  private final Random random;

  ConfigMutator(Random random) {
    this.random = random;
  }

  /** One to three mutations of {@code seed}, chosen at random. */
  Mutant mutate(String seedName, String seed) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    StringBuilder description = new StringBuilder(seedName);
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      description.append(r == 0 ? ": " : ", ").append(kind.name().toLowerCase());
      bytes = apply(kind, bytes);
    }
    return new Mutant(bytes, description.toString());
  }

  private byte[] apply(Kind kind, byte[] bytes) {
    switch (kind) {
      case RANDOM_BYTES: {
        byte[] noise = new byte[1 + random.nextInt(16)];
        random.nextBytes(noise);
        return insert(bytes, random.nextInt(bytes.length + 1), noise);
      }
      case TRUNCATE:
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      default:
        break;
    }
    // the remaining kinds work on text; bytes that are no longer UTF-8 are read leniently here
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<int[]> tokens = tokens(text);
    String result = switch (kind) {
      case DELETE_TOKEN -> {
        int[] t = pick(tokens);
        yield text.substring(0, t[0]) + text.substring(t[1]);
      }
      case DUPLICATE_TOKEN -> {
        int[] t = pick(tokens);
        yield text.substring(0, t[1]) + text.substring(t[0], t[1]) + text.substring(t[1]);
      }
      case SWAP_TOKENS -> {
        int[] a = pick(tokens);
        int[] b = pick(tokens);
        if (a[0] > b[0]) {
          int[] c = a;
          a = b;
          b = c;
        }
        yield a[1] > b[0] ? text
            : text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1], b[0]) + text.substring(a[0], a[1])
                + text.substring(b[1]);
      }
      case RANDOM_UNICODE -> insertAt(text, tokens, randomUnicode(1 + random.nextInt(12)));
      case CONTROL_CHARACTERS -> insertAt(text, tokens, controlCharacters());
      case HUGE_STRING -> insertAt(text, tokens, hugeString());
      case DEEP_NESTING -> insertAt(text, tokens, deepNesting());
      case LONG_LINE -> longLine(text);
      default -> throw new IllegalStateException(kind.name());
    };
    return result.getBytes(StandardCharsets.UTF_8);
  }

  private static List<int[]> tokens(String text) {
    List<int[]> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(new int[] {m.start(), m.end()});
    }
    if (tokens.isEmpty()) {
      tokens.add(new int[] {0, 0});
    }
    return tokens;
  }

  private int[] pick(List<int[]> tokens) {
    return tokens.get(random.nextInt(tokens.size()));
  }

  /** Inserts at a token boundary half the time, anywhere the other half. */
  private String insertAt(String text, List<int[]> tokens, String inserted) {
    int at = random.nextBoolean() ? pick(tokens)[0] : random.nextInt(text.length() + 1);
    return text.substring(0, at) + inserted + text.substring(at);
  }

  private String randomUnicode(int count) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < count; k++) {
      int choice = random.nextInt(5);
      if (choice == 0) {
        s.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
      } else if (choice == 1) {
        s.appendCodePoint(0x1F300 + random.nextInt(0x300)); // emoji, outside the BMP
      } else if (choice == 2) {
        s.append("\u202E\u200B\uFEFF\u00A0\u2028".charAt(random.nextInt(5))); // bidi, zero-width, BOM, NBSP, LS
      } else {
        s.appendCodePoint(1 + random.nextInt(0x3000));
      }
    }
    return s.toString();
  }

  private String controlCharacters() {
    String[] picks = {"\u0000", "\u0007", "\u001b[31m", "\r", "\t", "\u007f", "\u0085", "\b"};
    StringBuilder s = new StringBuilder();
    for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
      s.append(picks[random.nextInt(picks.length)]);
    }
    return s.toString();
  }

  private String hugeString() {
    // mostly tens of kilobytes, one in ten a few hundred: big enough to find what grows badly, cheap enough for CI
    int size = random.nextInt(10) == 0 ? 100_000 + random.nextInt(200_000) : 2_000 + random.nextInt(20_000);
    String unit = random.nextBoolean() ? "a" : "ab cd ";
    String body = unit.repeat(size / unit.length());
    return switch (random.nextInt(3)) {
      case 0 -> "\"" + body + "\"";
      case 1 -> body;
      default -> "x = <<EOT\n" + (body + "\n").repeat(1 + random.nextInt(5)) + "EOT\n";
    };
  }

  private String deepNesting() {
    int depth = 50 + random.nextInt(3000);
    return switch (random.nextInt(6)) {
      case 5 -> "x = " + "f(".repeat(depth) + "1" + ")".repeat(random.nextInt(depth + 1)) + "\n";
      case 0 -> "x = " + "[".repeat(depth) + "]".repeat(random.nextInt(depth + 1)) + "\n";
      case 1 -> "x = " + "{ a = ".repeat(depth) + "1" + " }".repeat(random.nextInt(depth + 1)) + "\n";
      case 2 -> "b {\n".repeat(depth) + "}\n".repeat(random.nextInt(depth + 1));
      case 3 -> "x = " + "(".repeat(depth) + "1" + ")".repeat(random.nextInt(depth + 1)) + "\n";
      default -> "x = " + "\"${".repeat(depth / 10 + 1) + "var.a" + "}\"".repeat(depth / 10 + 1) + "\n";
    };
  }

  /** Joins many lines into one, or repeats one line's text tens of thousands of times without a break. */
  private String longLine(String text) {
    if (random.nextBoolean()) {
      return text.replace('\n', ' ');
    }
    int at = random.nextInt(text.length() + 1);
    String unit = text.substring(at, Math.min(text.length(), at + 1 + random.nextInt(40))).replace('\n', ' ');
    return text.substring(0, at) + (unit.isEmpty() ? "x" : unit).repeat(random.nextInt(10) == 0 ? 20_000 : 300 + random.nextInt(3_000)) + text.substring(at);
  }

  private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
    out.write(bytes, 0, at);
    out.write(inserted, 0, inserted.length);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }
}
