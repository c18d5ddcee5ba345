package dev.pullplan.provider.registry;

import dev.pullplan.IoFailure;
import dev.pullplan.PullplanException;
import dev.pullplan.spi.RunContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where an external credential's password is read from, at plan and apply time: an environment
 * variable ({@code password_env}) or a file relative to the stack directory ({@code password_file}).
 */
record PasswordSource(String kind, String name) {
  static final String ENV = "password_env";
  static final String FILE = "password_file";

  /** The source the attributes name; {@code block} (e.g. {@code access.ghcr}) is for messages. */
  static PasswordSource of(Map<String, Object> attributes, String block) {
    if (attributes.get(ENV) instanceof String env && !env.isBlank()) {
      return new PasswordSource(ENV, env);
    }
    if (attributes.get(FILE) instanceof String file && !file.isBlank()) {
      return new PasswordSource(FILE, file);
    }
    throw new PullplanException(block + ": an external credential needs password_env or password_file");
  }

  String read(RunContext run, String block) {
    return kind.equals(ENV) ? fromEnvironment(run, block) : fromFile(run, block);
  }

  private String fromEnvironment(RunContext run, String block) {
    String value = run.environment().get(name);
    if (value == null || value.isEmpty()) {
      throw new PullplanException("the environment variable " + name + " is not set: it holds the password of "
          + block + "'s external credential (password_env); export it before running pullplan");
    }
    return value;
  }

  /** A trailing newline is the editor's, not the password's. */
  private String fromFile(RunContext run, String block) {
    Path file = run.configDir().resolve(name);
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
      if (value.isEmpty()) {
        throw new PullplanException(block + ": password_file " + name + " is empty");
      }
      return value;
    } catch (IOException e) {
      throw new PullplanException(block + ": password_file " + name + " cannot be read ("
          + IoFailure.describe(e) + ")");
    }
  }
}
