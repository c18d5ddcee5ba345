package dev.pullplan.sandbox.kube;

/**
 * One validation failure, as the API server's {@code field.Error} reports it in a 422 Status:
 * {@code reason} is the cause's reason ({@code FieldValueInvalid}, ...), {@code body} the text after
 * the field path.
 */
record FieldError(String field, String reason, String body) {

  static FieldError invalid(String field, String value, String detail) {
    return new FieldError(field, "FieldValueInvalid", "Invalid value: " + KubeStatus.quote(value) + ": " + detail);
  }

  static FieldError required(String field) {
    return new FieldError(field, "FieldValueRequired", "Required value");
  }

  static FieldError forbidden(String field, String detail) {
    return new FieldError(field, "FieldValueForbidden", "Forbidden: " + detail);
  }

  static FieldError tooLong(String field, int limit) {
    return new FieldError(field, "FieldValueTooLong", "Too long: may not be more than " + limit + " bytes");
  }

  @Override
  public String toString() {
    return field + ": " + body;
  }
}
