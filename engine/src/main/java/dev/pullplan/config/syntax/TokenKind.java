package dev.pullplan.config.syntax;

/** The kinds of token of HCL's native syntax that pullplan's configuration uses. */
enum TokenKind {
  IDENT,
  NUMBER,
  /** A quoted string or a heredoc: a template, see {@link Token#parts()}. */
  TEMPLATE,
  LBRACE,
  RBRACE,
  LBRACKET,
  RBRACKET,
  LPAREN,
  RPAREN,
  EQUALS,
  COLON,
  COMMA,
  DOT,
  NEWLINE,
  /** Operators and other punctuation the configuration has no use for. */
  OTHER,
  EOF
}
