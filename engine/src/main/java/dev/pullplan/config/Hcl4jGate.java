package dev.pullplan.config;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.NativeSyntax;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs hcl4j, the reference HCL grammar, over a file our own parser accepted: a file hcl4j
 * rejects is reported at the position hcl4j names, so nothing reaches the model that the HCL
 * grammar does not allow. Its evaluated map is not used: it has no positions, resolves some
 * references eagerly and turns unknown ones into text (see reference/dependencies.md).
 *
 * <p>hcl4j's lexer takes time that grows with the square of the file (4 000 small blocks: 30 s),
 * so a file is handed to it in pieces of a few top-level items, cut where our own parser found
 * them to start; a piece's positions are shifted back to the file's lines.
 *
 * <p>hcl4j writes to {@code System.out} for {@code for} expressions; stdout is swapped for a
 * sink around the call, under a lock so two loads cannot restore each other's stream.
 */
final class Hcl4jGate {
  private static final Pattern WHERE = Pattern.compile("line:\\s*(\\d+)\\s*col:\\s*(\\d+)");
  private static final Pattern ILLEGAL = Pattern.compile("Illegal character <\\((.*?)\\)");
  private static final Object STDOUT_LOCK = new Object();

  private Hcl4jGate() {}

  /** hcl4j with data lookups removed, so parsing can never reach the network. */
  private static final class OfflineParser extends HCLParser {
    OfflineParser() {
      dataLookupRegistry.clear();
    }
  }

  /** Top-level items per piece: small enough that hcl4j's quadratic cost stays negligible. */
  static final int ITEMS_PER_PIECE = 20;

  /** Checks a file our parser read into {@code body}, piece by piece. */
  static void check(String file, String source, Body body, Diagnostics diagnostics) {
    // comments cannot change the grammar, and hcl4j ends one at a lone \r where we do not
    String text = NativeSyntax.withoutComments(source);
    List<Integer> starts = pieceStarts(body);
    int[] lineOffsets = lineOffsets(text);
    for (int k = 0; k < starts.size(); k++) {
      int firstLine = starts.get(k);
      int from = lineOffsets[firstLine - 1];
      int to = k + 1 < starts.size() ? lineOffsets[starts.get(k + 1) - 1] : text.length();
      if (!check(file, text.substring(from, to), firstLine - 1, diagnostics)) {
        return;
      }
    }
  }

  /** The lines where pieces start: line 1, then every {@value #ITEMS_PER_PIECE}th top-level item. */
  private static List<Integer> pieceStarts(Body body) {
    TreeSet<Integer> itemLines = new TreeSet<>();
    body.attributes().forEach(a -> itemLines.add(a.position().line()));
    body.blocks().forEach(b -> itemLines.add(b.position().line()));
    List<Integer> starts = new ArrayList<>();
    starts.add(1);
    int n = 0;
    for (int line : itemLines) {
      if (n > 0 && n % ITEMS_PER_PIECE == 0 && line > starts.get(starts.size() - 1)) {
        starts.add(line);
      }
      n++;
    }
    return starts;
  }

  /** Index in {@code text} where each line starts; entry 0 is line 1. */
  private static int[] lineOffsets(String text) {
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    int[] offsets = new int[lines];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        offsets[line++] = i + 1;
      }
    }
    return offsets;
  }

  static void check(String file, String text, Diagnostics diagnostics) {
    check(file, text, 0, diagnostics);
  }

  /** @return false when hcl4j rejected the text (reported, shifted down by {@code lineShift}) */
  private static boolean check(String file, String text, int lineShift, Diagnostics diagnostics) {
    try {
      synchronized (STDOUT_LOCK) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
          new OfflineParser().parse(text);
        } finally {
          System.setOut(out);
        }
      }
    } catch (Exception | StackOverflowError e) {
      Position at = position(file, e);
      diagnostics.error(new Position(file, at.line() + lineShift, at.column()), describe(e), "check the syntax at this point");
      return false;
    }
    return true;
  }

  private static Position position(String file, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = WHERE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return new Position(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
    }
    return new Position(file, 1, 1);
  }

  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = ILLEGAL.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return "syntax error: unexpected `" + m.group(1) + "`";
      }
    }
    return "syntax error: the HCL parser rejects this file";
  }
}
