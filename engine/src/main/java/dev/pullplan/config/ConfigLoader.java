package dev.pullplan.config;

import dev.pullplan.IoFailure;
import dev.pullplan.config.syntax.Body;
import dev.pullplan.config.syntax.NativeSyntax;
import dev.pullplan.config.syntax.Quoted;
import dev.pullplan.context.ProviderRegistry;
import dev.pullplan.diag.Diagnostic;
import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.DiagnosticsException;
import dev.pullplan.diag.Position;
import dev.pullplan.model.Stack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads one directory of {@code *.pullplan.hcl} and {@code *.pullplan.json} files into a
 * validated {@link Stack}. Every problem is collected: syntax errors of all files first (when
 * there are any, nothing is evaluated, so one broken brace does not cause a cascade), then every
 * problem of meaning. Reads only the given files and variable inputs: no network, no output.
 */
public final class ConfigLoader {
  public static final String HCL_SUFFIX = ".pullplan.hcl";
  public static final String JSON_SUFFIX = ".pullplan.json";

  private final String home;
  private final boolean unsetVariablesUnknown;
  private final ProviderSchemas providerSchemas;

  /** Checks the {@code provider} blocks against the providers on the class path. */
  public ConfigLoader() {
    this(ProviderRegistry.discover());
  }

  /** Checks the {@code provider} blocks against these providers' settings. */
  public ConfigLoader(ProviderRegistry providers) {
    this(System.getProperty("user.home"), false, ProviderSchemas.of(providers));
  }

  /** @param home what {@code ~} in a kubeconfig path stands for */
  ConfigLoader(String home) {
    this(home, false, ProviderSchemas.of(ProviderRegistry.discover()));
  }

  private ConfigLoader(String home, boolean unsetVariablesUnknown, ProviderSchemas providerSchemas) {
    this.home = home;
    this.unsetVariablesUnknown = unsetVariablesUnknown;
    this.providerSchemas = providerSchemas;
  }

  /**
   * For {@code validate} and {@code graph}, as Terraform's validate: a required variable without a
   * value is unknown, not an error, and what depends on it is not checked. Plan and apply still
   * require every value.
   */
  public ConfigLoader withUnsetVariablesUnknown() {
    return new ConfigLoader(home, true, providerSchemas);
  }

  /**
   * @throws DiagnosticsException with every error (and the warnings) when the config is invalid
   */
  public Loaded load(Path dir, VariableInputs inputs) {
    Diagnostics diagnostics = new Diagnostics();
    List<Path> files = configFiles(dir, diagnostics);
    MessageDigest digest = Digests.sha256();
    List<Body> bodies = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      readText(file, name, diagnostics).ifPresent(text -> {
        digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        bodies.add(parse(name, text, diagnostics));
      });
    }
    failOnErrors(diagnostics);
    Stack stack = new StackAssembler(diagnostics, home, unsetVariablesUnknown, providerSchemas).assemble(dir, bodies, inputs, HexFormat.of().formatHex(digest.digest()));
    failOnErrors(diagnostics);
    return new Loaded(stack, printable(diagnostics.all()));
  }

  private static void failOnErrors(Diagnostics diagnostics) {
    if (diagnostics.hasErrors()) {
      throw new DiagnosticsException(printable(diagnostics.all()));
    }
  }

  /**
   * Messages quote the user's input (names, labels, values): whatever a check quoted, what leaves
   * the loader is bounded and has no raw control characters.
   */
  private static List<Diagnostic> printable(List<Diagnostic> all) {
    return all.stream().map(d -> d.withText(Quoted.safe(d.message()), d.hint().map(Quoted::safe))).toList();
  }

  private static Body parse(String name, String text, Diagnostics diagnostics) {
    if (name.endsWith(JSON_SUFFIX)) {
      return JsonSyntax.parse(name, text, diagnostics);
    }
    Diagnostics syntax = new Diagnostics();
    Body body = NativeSyntax.parse(name, text, syntax);
    if (!syntax.hasErrors()) {
      Hcl4jGate.check(name, text, body, syntax);
    }
    diagnostics.addAll(syntax);
    return body;
  }

  private static List<Path> configFiles(Path dir, Diagnostics diagnostics) {
    if (!Files.isDirectory(dir)) {
      diagnostics.error(Position.unknown(dir.toString()), "no such directory", "point --chdir at the directory of your config");
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      List<Path> files = listing.filter(p -> {
        String n = p.getFileName().toString();
        return (n.endsWith(HCL_SUFFIX) || n.endsWith(JSON_SUFFIX)) && Files.isRegularFile(p);
      }).sorted().toList();
      if (files.isEmpty()) {
        diagnostics.error(Position.unknown(dir.toString()), "no *" + HCL_SUFFIX + " or *" + JSON_SUFFIX + " files here",
            "write the config in a file such as main" + HCL_SUFFIX + ", or point --chdir at its directory");
      }
      return files;
    } catch (IOException e) {
      diagnostics.error(Position.unknown(dir.toString()), "cannot list the directory: " + IoFailure.describe(e), null);
      return List.of();
    }
  }

  private static java.util.Optional<String> readText(Path file, String name, Diagnostics diagnostics) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      ByteBuffer in = ByteBuffer.wrap(bytes);
      CharBuffer out = CharBuffer.allocate(bytes.length);
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      CoderResult result = decoder.decode(in, out, true);
      if (!result.isError()) {
        result = decoder.flush(out);
      }
      if (result.isError()) {
        notUtf8(name, bytes, in.position(), diagnostics);
        return java.util.Optional.empty();
      }
      String text = out.flip().toString();
      return java.util.Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (IOException e) {
      diagnostics.error(Position.unknown(name), "cannot read the file: " + IoFailure.describe(e), null);
    }
    return java.util.Optional.empty();
  }

  /** Reports the first byte that is not UTF-8 at its line and column (columns count characters, as the parser's do). */
  private static void notUtf8(String name, byte[] bytes, int badAt, Diagnostics diagnostics) {
    String before = new String(bytes, 0, badAt, StandardCharsets.UTF_8);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = before.length() - lineStart + (line == 1 && before.startsWith("\uFEFF") ? 0 : 1);
    diagnostics.error(new Position(name, line, column),
        String.format("the file is not UTF-8 text: byte 0x%02X here is not UTF-8", bytes[badAt] & 0xff),
        "save the file as UTF-8");
  }
}
