package dev.pullplan.config;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs hcl4j, the reference HCL grammar, over a file our own parser accepted: a file hcl4j
 * rejects is reported at the position hcl4j names, so nothing reaches the model that the HCL
 * grammar does not allow. Its evaluated map is not used: it has no positions, resolves some
 * references eagerly and turns unknown ones into text (see reference/dependencies.md).
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

  static void check(String file, String text, Diagnostics diagnostics) {
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
      diagnostics.error(position(file, e), describe(e), "check the syntax at this point");
    }
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
