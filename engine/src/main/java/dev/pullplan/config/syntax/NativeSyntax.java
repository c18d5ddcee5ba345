package dev.pullplan.config.syntax;

import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses HCL native syntax into a {@link Body} where every block, attribute and value has its
 * position. Every syntax error is reported; after one, parsing resumes at the next line (skipping
 * a whole block when the broken line opened one) so that the rest of the file is still checked.
 */
public final class NativeSyntax {
  private static final Set<TokenKind> VALUE_END =
      Set.of(TokenKind.NEWLINE, TokenKind.EOF, TokenKind.RBRACE);

  private final String file;
  private final List<Token> tokens;
  private final Diagnostics diagnostics;
  private int at;
  /** How many blocks, lists, maps, parentheses and interpolations enclose the current token. */
  private int depth;

  /** Thrown after a syntax error has been reported, to unwind to the statement being parsed. */
  private static final class Abandon extends RuntimeException {
    Abandon() {
      super(null, null, false, false);
    }
  }

  private NativeSyntax(String file, List<Token> tokens, Diagnostics diagnostics) {
    this(file, tokens, diagnostics, 0);
  }

  private NativeSyntax(String file, List<Token> tokens, Diagnostics diagnostics, int depth) {
    this.file = file;
    this.tokens = tokens;
    this.diagnostics = diagnostics;
    this.depth = depth;
  }

  /** Steps one level deeper; past the limit the statement is abandoned with a positioned error. */
  private void descend(Position where) {
    if (depth >= NestingLimit.MAX_DEPTH) {
      throw fail(where, "nested too deeply: more than " + NestingLimit.MAX_DEPTH
          + " levels of blocks, lists, maps, calls, parentheses or `${...}`", "flatten the structure");
    }
    depth++;
  }

  public static Body parse(String file, String text, Diagnostics diagnostics) {
    NativeSyntax parser = new NativeSyntax(file, Lexer.tokens(file, text, diagnostics), diagnostics);
    return parser.body(null);
  }

  /** The text with its comments blanked out, lines and columns kept: see {@link Lexer#blankComments}. */
  public static String withoutComments(String text) {
    return Lexer.blankComments(text);
  }

  /** Parses a lone expression, such as the value of {@code --var name=value} for a list variable. */
  public static Expr parseExpression(String origin, String text, Diagnostics diagnostics) {
    NativeSyntax parser = new NativeSyntax(origin, Lexer.tokens(origin, text, diagnostics), diagnostics);
    try {
      parser.skipNewlines();
      Expr e = parser.expression();
      parser.skipNewlines();
      if (!parser.peek().is(TokenKind.EOF)) {
        throw parser.fail(parser.peek().position(), "unexpected " + parser.peek().shown() + " after the value", null);
      }
      return e;
    } catch (Abandon a) {
      return new Expr.Null(new Position(origin, 1, 1));
    }
  }

  /**
   * Reads a string that is a template in another syntax (a JSON string value): its {@code ${...}}
   * parts become expressions. {@code start} is where the string's text begins.
   */
  public static Expr parseTemplate(String file, String content, Position start, Diagnostics diagnostics) {
    Cursor in = new Cursor(file, content, start.line(), start.column());
    int before = (int) diagnostics.errorCount();
    List<TemplatePart> parts = new TemplateScan(in, diagnostics, false, 0).scanHeredoc(content.length());
    if (diagnostics.errorCount() > before) {
      return new Expr.Literal(content, start);
    }
    NativeSyntax parser = new NativeSyntax(file, List.of(Token.of(TokenKind.EOF, "", start)), diagnostics);
    try {
      return parser.template(new Token(TokenKind.TEMPLATE, content, start, parts, false, false));
    } catch (Abandon a) {
      return new Expr.Literal(content, start);
    }
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(at);
    if (!t.is(TokenKind.EOF)) {
      at++;
    }
    return t;
  }

  private void skipNewlines() {
    while (peek().is(TokenKind.NEWLINE)) {
      at++;
    }
  }

  private Abandon fail(Position where, String message, String hint) {
    diagnostics.error(where, message, hint);
    return new Abandon();
  }

  /** The body of {@code opener} (null for the file), up to its closing brace. */
  private Body body(Token opener) {
    List<Attribute> attributes = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    while (true) {
      skipNewlines();
      Token t = peek();
      if (t.is(TokenKind.EOF)) {
        if (opener != null) {
          diagnostics.error(opener.position(), "unclosed block: `" + opener.text() + "` opened here has no closing `}`",
              "add `}` where the block ends");
        }
        break;
      }
      if (t.is(TokenKind.RBRACE)) {
        if (opener != null) {
          next();
          break;
        }
        diagnostics.error(t.position(), "unexpected `}`: no block is open here",
            "remove it, or look for a block above that is closed twice");
        next();
        continue;
      }
      int start = at;
      try {
        statement(attributes, blocks);
      } catch (Abandon a) {
        recover(start);
      }
    }
    return new Body(List.copyOf(attributes), List.copyOf(blocks));
  }

  private void statement(List<Attribute> attributes, List<Block> blocks) {
    Token name = peek();
    if (name.is(TokenKind.TEMPLATE) && name.unterminated()) {
      throw unclosedString(name);
    }
    if (!name.is(TokenKind.IDENT)) {
      throw fail(name.position(), "unexpected " + name.shown() + ": expected an attribute or a block",
          "write an attribute (name = value) or a block (type \"name\" { ... })");
    }
    next();
    Token after = peek();
    if (after.is(TokenKind.EQUALS)) {
      next();
      attributes.add(attribute(name));
    } else if (after.is(TokenKind.COLON)) {
      throw fail(after.position(), "expected `=` after `" + name.text() + "`, found `:`",
          "set an attribute with `=`: " + name.text() + " = ...");
    } else if (after.is(TokenKind.LBRACE) || after.is(TokenKind.TEMPLATE) || after.is(TokenKind.IDENT)) {
      blocks.add(block(name));
    } else if (after.is(TokenKind.NEWLINE) || after.is(TokenKind.EOF) || after.is(TokenKind.RBRACE)) {
      throw fail(name.position(), "unexpected `" + name.text() + "`: expected an attribute or a block",
          "write an attribute (" + name.text() + " = value) or a block (" + name.text() + " \"name\" { ... })");
    } else {
      throw fail(after.position(), "unexpected " + after.shown() + " after `" + name.text() + "`",
          "write an attribute (" + name.text() + " = value) or a block (" + name.text() + " \"name\" { ... })");
    }
  }

  private Attribute attribute(Token name) {
    if (VALUE_END.contains(peek().kind())) {
      throw fail(name.position(), "attribute `" + name.text() + "` has no value",
          "write a value after `=`, e.g. " + name.text() + " = \"...\"");
    }
    Expr value = expression();
    Token end = peek();
    if (!VALUE_END.contains(end.kind())) {
      if (end.is(TokenKind.IDENT) && peek(1).is(TokenKind.EQUALS)) {
        throw fail(end.position(), "`" + end.text() + "` must start a new line: one attribute per line",
            "put each attribute on its own line");
      }
      throw fail(end.position(), "unexpected " + end.shown() + " after the value of `" + name.text() + "`",
          "an attribute holds one value; put anything else on a new line");
    }
    return new Attribute(name.text(), name.position(), value);
  }

  private Block block(Token type) {
    List<Label> labels = new ArrayList<>();
    while (peek().is(TokenKind.TEMPLATE) || peek().is(TokenKind.IDENT)) {
      Token label = next();
      if (label.is(TokenKind.TEMPLATE) && label.unterminated()) {
        String shown = type.text() + labels.stream().map(l -> " \"" + l.value() + "\"").collect(Collectors.joining())
            + " \"" + label.text().replace("{", "").strip() + "\" {";
        throw fail(label.position(), "malformed block header: unclosed string in the header of `" + type.text() + "`",
            "write labels in double quotes: " + shown.replace(" \"\" {", " {"));
      }
      labels.add(new Label(labelText(label), label.position()));
    }
    if (!peek().is(TokenKind.LBRACE)) {
      Token t = peek();
      String header = type.text() + labels.stream().map(l -> " \"" + l.value() + "\"").collect(Collectors.joining());
      throw fail(t.position(), "expected `{` to open block `" + header + "`, found " + t.shown(),
          "open the block on the header line: " + header + " {");
    }
    descend(type.position());
    next();
    Token opener = Token.of(TokenKind.IDENT,
        type.text() + labels.stream().map(l -> " \"" + l.value() + "\"").collect(Collectors.joining()), type.position());
    Body body;
    try {
      body = body(opener);
    } finally {
      depth--;
    }
    Token end = peek();
    if (!VALUE_END.contains(end.kind())) {
      throw fail(end.position(), "unexpected " + end.shown() + " after the `}` of `" + opener.text() + "`",
          "put the next item on a new line");
    }
    return new Block(type.text(), List.copyOf(labels), type.position(), body);
  }

  private String labelText(Token label) {
    if (label.is(TokenKind.IDENT)) {
      return label.text();
    }
    StringBuilder text = new StringBuilder();
    for (TemplatePart part : label.parts()) {
      if (part instanceof TemplatePart.Literal l) {
        text.append(l.text());
      } else {
        throw fail(label.position(), "a block label cannot contain `${...}`", "write the name literally");
      }
    }
    return text.toString();
  }

  /**
   * Skips the rest of a broken statement: to the end of its line, or past the block it opened.
   * Stops before a `}` that closes the enclosing block so that block still ends where it should.
   */
  private void recover(int start) {
    at = Math.max(at, start);
    int braces = 0;
    for (int k = start; k < at; k++) {
      braces += braceDelta(tokens.get(k));
    }
    while (true) {
      Token t = peek();
      if (t.is(TokenKind.EOF)) {
        return;
      }
      if (t.is(TokenKind.RBRACE) && braces <= 0) {
        return;
      }
      if (t.is(TokenKind.NEWLINE) && braces <= 0) {
        next();
        return;
      }
      braces += braceDelta(t);
      next();
    }
  }

  private static int braceDelta(Token t) {
    if (t.is(TokenKind.LBRACE)) {
      return 1;
    }
    if (t.is(TokenKind.RBRACE)) {
      return -1;
    }
    if (t.is(TokenKind.TEMPLATE) && t.unterminated() && t.text().strip().endsWith("{")) {
      return 1;
    }
    return 0;
  }

  private Abandon unclosedString(Token t) {
    if (t.reported()) {
      return new Abandon();
    }
    return fail(t.position(), "unclosed string: no closing `\"` on this line",
        "add the closing quote; for text over several lines use a heredoc (<<EOT ... EOT)");
  }

  // ---- expressions

  private Expr expression() {
    Expr e = primary();
    Token t = peek();
    if (t.is(TokenKind.OTHER)) {
      throw fail(t.position(), "operators are not supported: `" + t.text() + "`",
          "write the value literally, or build a string with \"...${var.name}...\"");
    }
    return e;
  }

  private Expr primary() {
    Token t = next();
    boolean nests = t.is(TokenKind.LBRACKET) || t.is(TokenKind.LBRACE) || t.is(TokenKind.LPAREN);
    if (!nests) {
      return flat(t);
    }
    descend(t.position());
    try {
      return nested(t);
    } finally {
      depth--;
    }
  }

  private Expr nested(Token t) {
    switch (t.kind()) {
      case LBRACKET:
        return tuple(t);
      case LBRACE:
        return object(t);
      default: {
        skipNewlines();
        Expr inner = expression();
        skipNewlines();
        expect(TokenKind.RPAREN, "`)`");
        return inner;
      }
    }
  }

  private Expr flat(Token t) {
    switch (t.kind()) {
      case TEMPLATE:
        return template(t);
      case NUMBER:
        return new Expr.Literal(number(t), t.position());
      case IDENT:
        return identifierExpression(t);
      case OTHER:
        if (t.text().equals("-") && peek().is(TokenKind.NUMBER)) {
          return new Expr.Literal(number(next()).negate(), t.position());
        }
        throw fail(t.position(), "expected a value, found " + t.shown(), "write a string, number, bool, list, map or reference");
      default:
        throw fail(t.position(), "expected a value, found " + t.shown(), "write a string, number, bool, list, map or reference");
    }
  }

  /** The lexer's digits as a number; an exponent past what a number holds (1e9999999999) is an error. */
  private BigDecimal number(Token t) {
    try {
      return new BigDecimal(t.text());
    } catch (NumberFormatException e) {
      throw fail(t.position(), "number out of range: " + t.shown(), "write a smaller number");
    }
  }

  private Expr identifierExpression(Token t) {
    switch (t.text()) {
      case "true":
        return new Expr.Literal(Boolean.TRUE, t.position());
      case "false":
        return new Expr.Literal(Boolean.FALSE, t.position());
      case "null":
        return new Expr.Null(t.position());
      default:
        break;
    }
    if (peek().is(TokenKind.LPAREN)) {
      descend(next().position());
      try {
        return new Expr.Call(t.text(), arguments(), t.position());
      } finally {
        depth--;
      }
    }
    // the reference up to its last computed key (null while there is none), and the names after it
    Expr target = null;
    Expr key = null;
    List<String> path = new ArrayList<>();
    path.add(t.text());
    while (true) {
      if (peek().is(TokenKind.DOT)) {
        next();
        Token step = next();
        if (step.is(TokenKind.IDENT) || step.is(TokenKind.NUMBER)) {
          path.add(step.text());
          continue;
        }
        throw fail(step.position(), "expected a name after `" + Expr.describe(reference(target, key, path, t)) + ".`, found "
            + step.shown(), "references look like registry.shared or var.name");
      }
      if (peek().is(TokenKind.LBRACKET)) {
        Expr written = reference(target, key, path, t);
        Expr k = key(next(), Expr.describe(written));
        Optional<String> literal = k instanceof Expr.Literal l ? l.asKey() : Optional.empty();
        if (literal.isPresent()) {
          path.add(literal.get());
        } else {
          target = written;
          key = k;
          path = new ArrayList<>();
        }
        continue;
      }
      return reference(target, key, path, t);
    }
  }

  private static Expr reference(Expr target, Expr key, List<String> path, Token start) {
    return target == null ? new Expr.Traversal(List.copyOf(path), start.position())
        : new Expr.Index(target, key, List.copyOf(path), start.position());
  }

  /** The key inside {@code [...]} after {@code shown}: a literal, or an expression such as each.key. */
  private Expr key(Token open, String shown) {
    descend(open.position());
    try {
      skipNewlines();
      if (peek().is(TokenKind.RBRACKET)) {
        throw fail(open.position(), "empty `[]` after `" + shown + "`",
            "write the key inside: " + shown + "[\"eu-1\"] or " + shown + "[each.key]");
      }
      Expr k = expression();
      // what follows the key on its line, so that a missing `]` is reported there, not lines below
      Token after = peek();
      skipNewlines();
      if (!next().is(TokenKind.RBRACKET)) {
        throw fail(after.position(), "expected `]` after the key of `" + shown + "[`, found " + after.shown(),
            "close the key: " + shown + "[" + Expr.describe(k) + "]");
      }
      return k;
    } finally {
      depth--;
    }
  }

  private List<Expr> arguments() {
    List<Expr> args = new ArrayList<>();
    skipNewlines();
    while (!peek().is(TokenKind.RPAREN)) {
      args.add(expression());
      skipNewlines();
      if (peek().is(TokenKind.COMMA)) {
        next();
        skipNewlines();
      } else if (!peek().is(TokenKind.RPAREN)) {
        throw fail(peek().position(), "expected `,` or `)` in the argument list, found " + peek().shown(), null);
      }
    }
    next();
    return List.copyOf(args);
  }

  private Expr tuple(Token open) {
    List<Expr> items = new ArrayList<>();
    skipNewlines();
    rejectFor(open);
    while (!peek().is(TokenKind.RBRACKET)) {
      if (peek().is(TokenKind.EOF)) {
        throw fail(open.position(), "unclosed list: `[` has no matching `]`", "close the list with `]`");
      }
      items.add(expression());
      skipNewlines();
      if (peek().is(TokenKind.COMMA)) {
        next();
        skipNewlines();
      } else if (!peek().is(TokenKind.RBRACKET)) {
        Token t = peek();
        throw fail(t.position(), "expected `,` or `]` in the list, found " + t.shown(),
            "separate list items with commas: [\"a\", \"b\"]");
      }
    }
    next();
    return new Expr.Tuple(List.copyOf(items), open.position());
  }

  private Expr object(Token open) {
    List<Expr.Entry> entries = new ArrayList<>();
    skipNewlines();
    rejectFor(open);
    while (!peek().is(TokenKind.RBRACE)) {
      Token key = next();
      String keyText;
      if (key.is(TokenKind.IDENT)) {
        keyText = key.text();
      } else if (key.is(TokenKind.TEMPLATE) && !key.unterminated()) {
        keyText = labelText(key);
      } else if (key.is(TokenKind.TEMPLATE)) {
        throw unclosedString(key);
      } else if (key.is(TokenKind.EOF)) {
        throw fail(open.position(), "unclosed map: `{` has no matching `}`", "close the map with `}`");
      } else {
        throw fail(key.position(), "expected a key in the map, found " + key.shown(), "write entries as key = \"value\"");
      }
      Token sep = next();
      if (!sep.is(TokenKind.EQUALS) && !sep.is(TokenKind.COLON)) {
        throw fail(sep.position(), "expected `=` after the map key `" + keyText + "`, found " + sep.shown(),
            "write entries as " + keyText + " = \"value\"");
      }
      if (peek().is(TokenKind.NEWLINE) || peek().is(TokenKind.RBRACE) || peek().is(TokenKind.COMMA)) {
        throw fail(key.position(), "map key `" + keyText + "` has no value", "write " + keyText + " = \"value\"");
      }
      entries.add(new Expr.Entry(keyText, key.position(), expression()));
      boolean separated = false;
      if (peek().is(TokenKind.COMMA)) {
        next();
        separated = true;
      }
      if (peek().is(TokenKind.NEWLINE)) {
        skipNewlines();
        separated = true;
      }
      if (!separated && !peek().is(TokenKind.RBRACE)) {
        Token t = peek();
        throw fail(t.position(), "expected `,`, a new line or `}` in the map, found " + t.shown(),
            "separate map entries with commas or new lines");
      }
    }
    next();
    return new Expr.ObjectExpr(List.copyOf(entries), open.position());
  }

  private void rejectFor(Token open) {
    if (peek().is(TokenKind.IDENT) && peek().text().equals("for") && peek(1).is(TokenKind.IDENT)) {
      throw fail(peek().position(), "`for` expressions are not supported", "write the items out");
    }
  }

  private Expr template(Token t) {
    if (t.unterminated()) {
      throw unclosedString(t);
    }
    if (t.reported()) {
      throw new Abandon();
    }
    List<Expr> parts = new ArrayList<>();
    for (TemplatePart part : t.parts()) {
      if (part instanceof TemplatePart.Literal l) {
        parts.add(new Expr.Literal(l.text(), t.position()));
      } else {
        parts.add(interpolation((TemplatePart.Interpolation) part));
      }
    }
    if (parts.size() == 1 && !(parts.get(0) instanceof Expr.Literal)) {
      // "${registry.shared}" is the value itself, as in HCL (and how the JSON form writes references)
      return parts.get(0);
    }
    if (parts.stream().allMatch(p -> p instanceof Expr.Literal)) {
      String text = parts.stream().map(p -> (String) ((Expr.Literal) p).value()).collect(Collectors.joining());
      return new Expr.Literal(text, t.position());
    }
    return new Expr.Template(List.copyOf(parts), t.position());
  }

  private Expr interpolation(TemplatePart.Interpolation part) {
    Position p = part.position();
    String source = part.source().strip();
    if (source.isEmpty()) {
      throw fail(p, "empty `${}` in string", "put a reference inside, as in \"${var.name}\"");
    }
    int before = (int) diagnostics.errorCount();
    List<Token> inner = Lexer.tokens(file, part.source(), p.line(), p.column(), diagnostics);
    if (diagnostics.errorCount() > before) {
      throw new Abandon();
    }
    descend(p);
    NativeSyntax sub = new NativeSyntax(file, inner, diagnostics, depth);
    depth--;
    sub.skipNewlines();
    Expr e = sub.expression();
    sub.skipNewlines();
    if (!sub.peek().is(TokenKind.EOF)) {
      throw fail(sub.peek().position(), "unexpected " + sub.peek().shown() + " in `${...}`",
          "put one reference inside, as in \"${var.name}\"");
    }
    return e;
  }

  private void expect(TokenKind kind, String shown) {
    Token t = next();
    if (!t.is(kind)) {
      throw fail(t.position(), "expected " + shown + ", found " + t.shown(), null);
    }
  }
}
