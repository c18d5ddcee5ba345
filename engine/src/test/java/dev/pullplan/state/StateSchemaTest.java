package dev.pullplan.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pullplan.state.crypto.Keyring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** schema/state.schema.json describes the files the codec really writes. */
class StateSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() throws IOException {
    // surefire runs in the module directory; the schema lives at the repository root
    JsonNode text = JSON.readTree(Path.of("..", "schema", "state.schema.json").toFile());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text);
  }

  private JsonNode written(Optional<Keyring> keyring) throws IOException {
    Path file = dir.resolve("pullplan.state.json");
    new LocalStateBackend(file, keyring, w -> {}).write(StateFixtures.sample());
    return JSON.readTree(file.toFile());
  }

  private Path keyFile() throws IOException {
    return Files.write(dir.resolve("key"), new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
  }

  @Test
  void plaintextFileValidates() throws IOException {
    assertThat(schema.validate(written(Optional.empty()))).isEmpty();
  }

  @Test
  void fileEncryptedWithAKeyFileValidates() throws IOException {
    assertThat(schema.validate(written(Keyring.fromEnvironment(Map.of(Keyring.KEY_FILE, keyFile().toString()))))).isEmpty();
  }

  @Test
  void fileEncryptedWithAPassphraseValidates() throws IOException {
    assertThat(schema.validate(written(Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "schema test"))))).isEmpty();
  }

  @Test
  void schemaRejectsAPlaintextSecretInAnEncryptedFile() throws IOException {
    ObjectNode file = (ObjectNode) written(Keyring.fromEnvironment(Map.of(Keyring.KEY_FILE, keyFile().toString())));
    ((ObjectNode) file.get("resources").get(0).get("sensitive")).put(".dockerconfigjson", "in the clear");

    Set<ValidationMessage> errors = schema.validate(file);

    assertThat(errors).isNotEmpty();
  }

  @Test
  void schemaRejectsAResourceWithoutAnAddress() throws IOException {
    ObjectNode file = (ObjectNode) written(Optional.empty());
    ((ObjectNode) file.get("resources").get(0)).remove("address");

    assertThat(schema.validate(file)).isNotEmpty();
  }

  @Test
  void aFileWithDeposedRecordsValidatesAndReadsBack() throws IOException {
    Path file = dir.resolve("pullplan.state.json");
    State sample = StateFixtures.sample();
    State withDeposed = sample.withDeposed(new Deposed("k1", Deposed.Kind.CREDENTIAL, sample.resources().get(1)))
        .withDeposed(new Deposed("k2", Deposed.Kind.OBJECT, sample.resources().get(0)));
    LocalStateBackend backend = new LocalStateBackend(file, Keyring.fromEnvironment(Map.of(Keyring.KEY_FILE, keyFile().toString())), w -> {});
    backend.write(withDeposed);

    assertThat(schema.validate(JSON.readTree(file.toFile()))).isEmpty();
    assertThat(backend.read().orElseThrow()).isEqualTo(withDeposed);
  }
}
