package dev.pullplan.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class DockerConfigJsonTest {
  private static final RegistryLogin LOGIN = new RegistryLogin("acme.azurecr.io", "robot", "p@ss:w0rd/+");

  @Test
  void encodesTheCanonicalCompactShapeWithStandardBase64AndNoEmail() {
    assertThat(DockerConfigJson.encode(LOGIN)).isEqualTo("{\"auths\":{\"acme.azurecr.io\":{\"username\":\"robot\","
        + "\"password\":\"p@ss:w0rd/+\",\"auth\":\"" + Base64.getEncoder().encodeToString("robot:p@ss:w0rd/+".getBytes())
        + "\"}}}");
  }

  @Test
  void decodesWhatItEncodes() {
    assertThat(DockerConfigJson.decode(DockerConfigJson.encode(LOGIN), "acme.azurecr.io")).contains(LOGIN);
  }

  @Test
  void decodesAnEntryThatHasOnlyAuthSplittingAtTheFirstColon() {
    String json = "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + DockerConfigJson.base64("u:pa:ss") + "\"}}}";

    assertThat(DockerConfigJson.decode(json, "ghcr.io")).contains(new RegistryLogin("ghcr.io", "u", "pa:ss"));
  }

  @Test
  void prefersTheEntryOfTheWantedServer() {
    String json = "{\"auths\":{\"a.io\":{\"auth\":\"" + DockerConfigJson.base64("a:1") + "\"},"
        + "\"b.io\":{\"auth\":\"" + DockerConfigJson.base64("b:2") + "\"}}}";

    assertThat(DockerConfigJson.decode(json, "b.io")).contains(new RegistryLogin("b.io", "b", "2"));
  }

  @Test
  void somethingElseDecodesToNothing() {
    assertThat(DockerConfigJson.decode("{}", "x")).isEmpty();
    assertThat(DockerConfigJson.decode("{\"auths\":{}}", "x")).isEmpty();
    assertThat(DockerConfigJson.decode("not json", "x")).isEmpty();
    assertThat(DockerConfigJson.decode("{\"auths\":{\"x\":{\"auth\":\"%%%\"}}}", "x")).isEmpty();
  }
}
