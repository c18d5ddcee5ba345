package dev.pullplan.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullplan.config.ConfigLoader;
import dev.pullplan.config.VariableInputs;
import dev.pullplan.diag.DiagnosticsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code provider "azure"} block is checked against the settings the Azure provider declares. */
class AzureProviderSettingsTest {
  @TempDir Path dir;

  @Test
  void aMisspelledSettingIsAnErrorAtItsPositionWithTheProvidersSpelling() throws IOException {
    write("provider \"azure\" {\n  subscription = \"0000\"\n}\n");

    assertThatThrownBy(() -> new ConfigLoader().load(dir, VariableInputs.none()))
        .isInstanceOfSatisfying(DiagnosticsException.class, e -> assertThat(e.diagnostics()).singleElement()
            .satisfies(d -> {
              assertThat(d.headline()).isEqualTo("main.pullplan.hcl:2:3: error: unknown attribute `subscription` in provider \"azure\"");
              assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("`subscription_id`"));
            }));
  }

  @Test
  void everySettingTheProviderReadsIsAccepted() throws IOException {
    StringBuilder block = new StringBuilder("provider \"azure\" {\n");
    AzureSettings.names().forEach(n -> block.append("  ").append(n).append(" = \"x\"\n"));
    write(block.append("}\n").toString());

    var providers = new ConfigLoader().load(dir, VariableInputs.none()).stack().providers();

    assertThat(providers.get("azure").settings()).containsOnlyKeys(AzureSettings.names());
  }

  @Test
  void aMisspelledProviderNameIsAnErrorNamingTheProvidersOnTheClassPath() throws IOException {
    write("provider \"azurerm\" {\n  subscription_id = \"0000\"\n}\n");

    assertThatThrownBy(() -> new ConfigLoader().load(dir, VariableInputs.none()))
        .isInstanceOfSatisfying(DiagnosticsException.class, e -> assertThat(e.diagnostics()).singleElement()
            .satisfies(d -> {
              assertThat(d.headline()).isEqualTo("main.pullplan.hcl:1:10: error: unknown provider \"azurerm\"");
              assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("\"azure\""));
            }));
  }

  private void write(String text) throws IOException {
    Files.writeString(dir.resolve("main.pullplan.hcl"), text);
  }
}
