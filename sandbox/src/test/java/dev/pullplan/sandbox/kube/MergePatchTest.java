package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class MergePatchTest {
  private static JsonNode json(String text) {
    return KubeJson.parse(text.replace('\'', '"')).orElseThrow();
  }

  @Test
  void listsAreReplacedNotConcatenated() {
    JsonNode out = MergePatch.apply(json("{'imagePullSecrets':[{'name':'a'}]}"), json("{'imagePullSecrets':[{'name':'b'}]}"));

    assertThat(out).isEqualTo(json("{'imagePullSecrets':[{'name':'b'}]}"));
  }

  @Test
  void nullRemovesAKeyAndObjectsMergeRecursively() {
    JsonNode out = MergePatch.apply(json("{'a':{'b':1,'c':2},'d':3}"), json("{'a':{'b':null,'e':4},'d':null}"));

    assertThat(out).isEqualTo(json("{'a':{'c':2,'e':4}}"));
  }

  @Test
  void jsonPatchWithAFailingTestIsRefused422() {
    assertThatThrownBy(() -> JsonPatch.apply(json("{'metadata':{'resourceVersion':'5'}}"),
        json("[{'op':'test','path':'/metadata/resourceVersion','value':'4'}]")))
        .isInstanceOfSatisfying(PatchFailure.class, f -> assertThat(f.code()).isEqualTo(422));
  }

  @Test
  void jsonPatchAddsToTheEndOfAList() throws Exception {
    JsonNode out = JsonPatch.apply(json("{'l':[1]}"), json("[{'op':'add','path':'/l/-','value':2}]"));

    assertThat(out).isEqualTo(json("{'l':[1,2]}"));
  }
}
