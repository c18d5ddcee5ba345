package dev.pullplan.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
  private static JsonNode json(String text) {
    return KubeJson.parse(text.replace('\'', '"')).orElseThrow();
  }

  @Test
  void serviceAccountImagePullSecretsHaveNoStrategyAndAreReplaced() throws Exception {
    JsonNode sa = json("{'imagePullSecrets':[{'name':'ours'},{'name':'legacy'}]}");

    JsonNode out = StrategicMergePatch.apply("ServiceAccount", sa, json("{'imagePullSecrets':[{'name':'theirs'}]}"));

    assertThat(out.get("imagePullSecrets")).isEqualTo(json("[{'name':'theirs'}]"));
  }

  @Test
  void serviceAccountSecretsMergeOnName() throws Exception {
    JsonNode sa = json("{'secrets':[{'name':'a'}]}");

    JsonNode out = StrategicMergePatch.apply("ServiceAccount", sa, json("{'secrets':[{'name':'b'}]}"));

    assertThat(out.get("secrets")).isEqualTo(json("[{'name':'a'},{'name':'b'}]"));
  }

  @Test
  void podImagePullSecretsMergeOnName() throws Exception {
    JsonNode pod = json("{'spec':{'imagePullSecrets':[{'name':'a'}]}}");

    JsonNode out = StrategicMergePatch.apply("Pod", pod, json("{'spec':{'imagePullSecrets':[{'name':'b'}]}}"));

    assertThat(out.at("/spec/imagePullSecrets")).isEqualTo(json("[{'name':'a'},{'name':'b'}]"));
  }

  @Test
  void deleteDirectiveRemovesOneMergedElement() throws Exception {
    JsonNode d = json("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b'}]}}}}");

    JsonNode out = StrategicMergePatch.apply("Deployment", d,
        json("{'spec':{'template':{'spec':{'containers':[{'name':'a','$patch':'delete'}]}}}}"));

    assertThat(out.at("/spec/template/spec/containers")).isEqualTo(json("[{'name':'b'}]"));
  }

  @Test
  void mapsMergeAndNullRemovesAKey() throws Exception {
    JsonNode secret = json("{'metadata':{'labels':{'a':'1','b':'2'}},'data':{'k':'dg=='}}");

    JsonNode out = StrategicMergePatch.apply("Secret", secret, json("{'metadata':{'labels':{'a':null,'c':'3'}}}"));

    assertThat(out.at("/metadata/labels")).isEqualTo(json("{'b':'2','c':'3'}"));
    assertThat(out.at("/data/k").asText()).isEqualTo("dg==");
  }

  @Test
  void replaceDirectiveReplacesAWholeMap() throws Exception {
    JsonNode secret = json("{'data':{'a':'YQ==','b':'Yg=='}}");

    JsonNode out = StrategicMergePatch.apply("Secret", secret, json("{'data':{'$patch':'replace','c':'Yw=='}}"));

    assertThat(out.get("data")).isEqualTo(json("{'c':'Yw=='}"));
  }

  @Test
  void setElementOrderDirectivesThatKubectlApplySendsAreAccepted() throws Exception {
    JsonNode sa = json("{'secrets':[{'name':'a'}]}");

    JsonNode out = StrategicMergePatch.apply("ServiceAccount", sa,
        json("{'$setElementOrder/secrets':[{'name':'a'},{'name':'b'}],'secrets':[{'name':'b'}]}"));

    assertThat(out).isEqualTo(json("{'secrets':[{'name':'a'},{'name':'b'}]}"));
  }

  @Test
  void anElementWithoutTheMergeKeyIsABadRequest() {
    assertThatThrownBy(() -> StrategicMergePatch.apply("ServiceAccount", json("{}"), json("{'secrets':[{'x':'a'}]}")))
        .isInstanceOfSatisfying(PatchFailure.class, f -> assertThat(f.code()).isEqualTo(400));
  }
}
