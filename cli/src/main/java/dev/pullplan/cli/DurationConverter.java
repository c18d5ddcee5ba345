package dev.pullplan.cli;

import dev.pullplan.model.ShortDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 30s}, {@code 2m}, {@code 1h}. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return ShortDuration.parse(value).orElseThrow(
        () -> new TypeConversionException("'" + value + "' is not a duration; write e.g. 30s, 2m or 1h"));
  }
}
