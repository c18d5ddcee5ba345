package dev.pullplan.sandbox.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An ABAC role assignment condition (version 2.0) evaluated for one request: an action on one
 * repository. Covers the grammar of Microsoft's ACR examples — {@code ( … )}, {@code AND},
 * {@code OR}, {@code !}, {@code ActionMatches{'…'}} and
 * {@code @Request[Microsoft.ContainerRegistry/registries/repositories:name]} (or {@code @Resource[…]})
 * compared with the {@code StringEquals}, {@code StringStartsWith}, {@code StringLike} operators and
 * their {@code IgnoreCase} and {@code Not} forms. Anything else makes the condition unparsable, and
 * an unparsable condition grants nothing: conditions fail closed, as in Azure.
 */
final class RepositoryCondition {

  static final String REPOSITORY_NAME = "Microsoft.ContainerRegistry/registries/repositories:name";

  private final List<String> tokens;
  private int at;
  private final String action;
  private final String repository;

  private RepositoryCondition(List<String> tokens, String action, String repository) {
    this.tokens = tokens;
    this.action = action;
    this.repository = repository;
  }

  /** Whether the condition allows {@code action} on {@code repository}; false when it cannot be read. */
  static boolean allows(String condition, String action, String repository) {
    try {
      RepositoryCondition c = new RepositoryCondition(tokenize(condition), action, repository);
      boolean result = c.or();
      return c.at == c.tokens.size() && result;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean or() {
    boolean value = and();
    while (peek("OR")) {
      at++;
      value = and() | value;
    }
    return value;
  }

  private boolean and() {
    boolean value = unary();
    while (peek("AND")) {
      at++;
      value = unary() & value;
    }
    return value;
  }

  private boolean unary() {
    if (peek("!")) {
      at++;
      return !unary();
    }
    if (peek("(")) {
      at++;
      boolean value = or();
      expect(")");
      return value;
    }
    String token = next();
    if (token.startsWith("ActionMatches{")) {
      String pattern = quoted(token.substring("ActionMatches{".length(), token.length() - 1));
      return like(action, pattern, true);
    }
    if (token.startsWith("@Request[") || token.startsWith("@Resource[")) {
      String attribute = token.substring(token.indexOf('[') + 1, token.length() - 1);
      if (!attribute.equalsIgnoreCase(REPOSITORY_NAME)) {
        throw new IllegalArgumentException("unknown attribute " + attribute);
      }
      return compare(next(), quoted(next()));
    }
    throw new IllegalArgumentException("unexpected " + token);
  }

  private boolean compare(String operator, String value) {
    String op = operator;
    boolean negated = op.startsWith("StringNot");
    if (negated) {
      op = "String" + op.substring("StringNot".length());
    }
    boolean ignoreCase = op.endsWith("IgnoreCase");
    if (ignoreCase) {
      op = op.substring(0, op.length() - "IgnoreCase".length());
    }
    String have = ignoreCase ? repository.toLowerCase(Locale.ROOT) : repository;
    String want = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    boolean result = switch (op) {
      case "StringEquals" -> have.equals(want);
      case "StringStartsWith" -> have.startsWith(want);
      case "StringLike" -> like(have, want, false);
      default -> throw new IllegalArgumentException("unknown operator " + operator);
    };
    return negated != result;
  }

  private static boolean like(String text, String pattern, boolean ignoreCase) {
    String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(text).matches();
  }

  private static String quoted(String token) {
    if (token.length() < 2 || !token.startsWith("'") || !token.endsWith("'")) {
      throw new IllegalArgumentException("expected a quoted string, got " + token);
    }
    return token.substring(1, token.length() - 1);
  }

  private boolean peek(String token) {
    return at < tokens.size() && tokens.get(at).equalsIgnoreCase(token);
  }

  private String next() {
    if (at >= tokens.size()) {
      throw new IllegalArgumentException("unexpected end");
    }
    return tokens.get(at++);
  }

  private void expect(String token) {
    if (!peek(token)) {
      throw new IllegalArgumentException("expected " + token);
    }
    at++;
  }

  /** Splits into parentheses, {@code !}, quoted strings, {@code X{…}} and {@code @X[…]} terms, and words. */
  static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == '!') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string");
        }
        out.add(text.substring(i, end + 1));
        i = end + 1;
      } else {
        int j = i;
        while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && "()!'".indexOf(text.charAt(j)) < 0) {
          j = skipBracketed(text, j);
        }
        out.add(text.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  // ActionMatches{'a/b'} and @Request[x:y] hold characters that would otherwise end a word
  private static int skipBracketed(String text, int j) {
    char c = text.charAt(j);
    char close = c == '{' ? '}' : c == '[' ? ']' : 0;
    if (close == 0) {
      return j + 1;
    }
    int end = text.indexOf(close, j);
    if (end < 0) {
      throw new IllegalArgumentException("unterminated " + c);
    }
    return end + 1;
  }
}
