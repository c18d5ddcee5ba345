package dev.pullplan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Validates documents against the schemas in the repository's {@code schema/} folder. */
public final class Schemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Schemas() {}

  /** The repository root, found from the module's working directory. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("schema"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no schema/ folder above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Validation messages of {@code json} against {@code schema/<name>}; empty when valid. */
  public static Set<ValidationMessage> validate(String name, String json) {
    try {
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(Files.readString(repositoryRoot().resolve("schema").resolve(name)));
      JsonNode doc = MAPPER.readTree(json);
      return schema.validate(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
