package dev.pullplan.provider.azure;

/** A value inside an OData string literal: a quote is written twice. */
final class ODataText {
  private ODataText() {}

  static String quote(String value) {
    return value.replace("'", "''");
  }
}
