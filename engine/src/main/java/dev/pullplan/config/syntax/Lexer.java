package dev.pullplan.config.syntax;

import dev.pullplan.diag.Diagnostics;
import dev.pullplan.diag.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns HCL native syntax into tokens with positions. Comments are dropped, newlines kept (they
 * end attributes), strings and heredocs become templates. Lexical problems (unclosed string,
 * comment or heredoc, bad escape) are reported and lexing goes on with the next line.
 */
final class Lexer {
  private final Cursor in;
  private final Diagnostics diagnostics;
  private final List<Token> tokens = new ArrayList<>();
  /** Where each comment starts and ends, as indexes into the text. */
  private final List<int[]> comments = new ArrayList<>();

  private Lexer(Cursor in, Diagnostics diagnostics) {
    this.in = in;
    this.diagnostics = diagnostics;
  }

  static List<Token> tokens(String file, String text, Diagnostics diagnostics) {
    return tokens(file, text, 1, 1, diagnostics);
  }

  /** Tokens of a fragment (an interpolation) that starts at the given line and column. */
  static List<Token> tokens(String file, String text, int line, int column, Diagnostics diagnostics) {
    Lexer lexer = new Lexer(new Cursor(file, text, line, column), diagnostics);
    lexer.run();
    return lexer.tokens;
  }

  /**
   * The text with every comment's characters, except line breaks, replaced by spaces: the same
   * lines and columns, nothing a comment said. Other tools read it without our idea of where
   * a comment ends (hcl4j ends one at a lone carriage return, then lexes the rest as code).
   */
  static String blankComments(String text) {
    Lexer lexer = new Lexer(new Cursor("", text, 1, 1), new Diagnostics());
    lexer.run();
    char[] chars = text.toCharArray();
    for (int[] c : lexer.comments) {
      for (int i = c[0]; i < c[1]; i++) {
        if (chars[i] != '\n') {
          chars[i] = ' ';
        }
      }
    }
    return new String(chars);
  }

  private void run() {
    while (!in.atEnd()) {
      char c = in.peek();
      Position at = in.position();
      if (c == '\n') {
        in.next();
        add(TokenKind.NEWLINE, "\n", at);
      } else if (c == ' ' || c == '\t' || c == '\r') {
        in.next();
      } else if (c == '#' || in.startsWith("//")) {
        int from = in.index();
        skipToEndOfLine();
        comments.add(new int[] {from, in.index()});
      } else if (in.startsWith("/*")) {
        int from = in.index();
        blockComment(at);
        comments.add(new int[] {from, in.index()});
      } else if (c == '"') {
        quoted(at);
      } else if (in.startsWith("<<") && heredocAhead()) {
        heredoc(at);
      } else if (c == '\'') {
        singleQuoted(at);
      } else if (isIdentStart(c)) {
        int from = in.index();
        while (isIdentPart(in.peek())) {
          in.next();
        }
        add(TokenKind.IDENT, in.slice(from), at);
      } else if (Character.isDigit(c)) {
        number(at);
      } else {
        punctuation(c, at);
      }
    }
    tokens.add(Token.of(TokenKind.EOF, "", in.position()));
  }

  static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private void add(TokenKind kind, String text, Position at) {
    tokens.add(Token.of(kind, text, at));
  }

  private void skipToEndOfLine() {
    while (!in.atEnd() && in.peek() != '\n') {
      in.next();
    }
  }

  private void blockComment(Position at) {
    in.skip(2);
    while (!in.atEnd() && !in.startsWith("*/")) {
      in.next();
    }
    if (in.atEnd()) {
      diagnostics.error(at, "unclosed comment: `/*` has no matching `*/`", "end the comment with `*/`");
    } else {
      in.skip(2);
    }
  }

  private void number(Position at) {
    int from = in.index();
    while (Character.isDigit(in.peek())) {
      in.next();
    }
    if (in.peek() == '.' && Character.isDigit(in.peek(1))) {
      in.next();
      while (Character.isDigit(in.peek())) {
        in.next();
      }
    }
    if ((in.peek() == 'e' || in.peek() == 'E')
        && (Character.isDigit(in.peek(1)) || ((in.peek(1) == '+' || in.peek(1) == '-') && Character.isDigit(in.peek(2))))) {
      in.skip(2);
      while (Character.isDigit(in.peek())) {
        in.next();
      }
    }
    add(TokenKind.NUMBER, in.slice(from), at);
  }

  private void punctuation(char c, Position at) {
    TokenKind kind = switch (c) {
      case '{' -> TokenKind.LBRACE;
      case '}' -> TokenKind.RBRACE;
      case '[' -> TokenKind.LBRACKET;
      case ']' -> TokenKind.RBRACKET;
      case '(' -> TokenKind.LPAREN;
      case ')' -> TokenKind.RPAREN;
      case ':' -> TokenKind.COLON;
      case ',' -> TokenKind.COMMA;
      case '.' -> TokenKind.DOT;
      case '=' -> in.peek(1) == '=' || in.peek(1) == '>' ? TokenKind.OTHER : TokenKind.EQUALS;
      default -> TokenKind.OTHER;
    };
    int from = in.index();
    in.next();
    if (kind == TokenKind.OTHER && "=!<>&|.".indexOf(in.peek()) >= 0 && "=!<>&|.".indexOf(c) >= 0) {
      in.next();
    }
    add(kind, in.slice(from), at);
  }

  private void singleQuoted(Position at) {
    diagnostics.error(at, "single quotes do not make a string", "write strings in double quotes: \"...\"");
    in.next();
    int from = in.index();
    while (!in.atEnd() && in.peek() != '\'' && in.peek() != '\n') {
      in.next();
    }
    String text = in.slice(from);
    if (in.peek() == '\'') {
      in.next();
    }
    tokens.add(new Token(TokenKind.TEMPLATE, text, at, List.of(new TemplatePart.Literal(text)), false, true));
  }

  private void quoted(Position at) {
    in.next();
    int from = in.index();
    TemplateScan scan = new TemplateScan(in, diagnostics, true, 0);
    List<TemplatePart> parts = scan.scanUntilQuote();
    String raw = in.slice(from);
    boolean closed = in.peek() == '"';
    if (closed) {
      in.next();
    }
    // an unclosed string is reported by the parser, which knows whether it broke a block header
    tokens.add(new Token(TokenKind.TEMPLATE, raw, at, parts, !closed, scan.failed()));
  }

  private boolean heredocAhead() {
    int k = 2;
    if (in.peek(k) == '-') {
      k++;
    }
    return isIdentStart(in.peek(k));
  }

  private void heredoc(Position at) {
    in.skip(2);
    boolean indented = in.peek() == '-';
    if (indented) {
      in.next();
    }
    int from = in.index();
    while (isIdentPart(in.peek())) {
      in.next();
    }
    String marker = in.slice(from);
    skipSpaces();
    if (in.peek() != '\n') {
      diagnostics.error(at, "a heredoc marker must end its line: `<<" + (indented ? "-" : "") + marker + "`",
          "start the text on the next line");
      skipToEndOfLine();
      return;
    }
    in.next();
    HeredocBody body = HeredocBody.find(in, marker);
    if (body == null) {
      diagnostics.error(at, "unclosed heredoc: no line holding only `" + marker + "` ends the text started here",
          "end the text with a line holding only " + marker);
      while (!in.atEnd()) {
        in.next();
      }
      tokens.add(new Token(TokenKind.TEMPLATE, "", at, List.of(), true, true));
      return;
    }
    int indent = indented ? body.commonIndent() : 0;
    TemplateScan scan = new TemplateScan(in, diagnostics, false, indent);
    List<TemplatePart> parts = scan.scanHeredoc(body.contentEnd());
    skipToEndOfLine();
    tokens.add(new Token(TokenKind.TEMPLATE, marker, at, parts, false, scan.failed()));
  }

  private void skipSpaces() {
    while (in.peek() == ' ' || in.peek() == '\t' || in.peek() == '\r') {
      in.next();
    }
  }
}
