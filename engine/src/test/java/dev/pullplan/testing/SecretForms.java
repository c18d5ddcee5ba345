package dev.pullplan.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every form a secret may take when it leaks into output: plain, base64, URL-safe base64 and
 * URL-encoded, plus, for a registry login, the docker {@code auth} ({@code user:password} in
 * base64). Each form is named by the secret's position, so a failure message never shows it.
 */
public record SecretForms(Map<String, String> forms) {
  /** A form this short would be found by chance. */
  private static final int SHORTEST_SEARCHED = 8;

  public SecretForms {
    forms = Map.copyOf(forms);
  }

  public static SecretForms of(Collection<String> secrets) {
    Map<String, String> forms = new LinkedHashMap<>();
    int n = 0;
    for (String s : secrets) {
      n++;
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      forms.put("secret " + n, s);
      forms.put("secret " + n + " in base64", Base64.getEncoder().encodeToString(utf8));
      // without padding: the padded form contains it
      forms.put("secret " + n + " in URL-safe base64", Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
      forms.put("secret " + n + " URL-encoded", URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    return new SecretForms(forms);
  }

  /** These forms and the docker {@code auth} of each login (user name to password). */
  public SecretForms withDockerAuths(Map<String, String> logins) {
    Map<String, String> more = new LinkedHashMap<>(forms);
    logins.forEach((user, password) -> more.put("auth of " + user,
        Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    return new SecretForms(more);
  }

  /** The names of the forms found in the text, sorted. */
  public List<String> foundIn(String text) {
    return forms.entrySet().stream()
        .filter(f -> f.getValue().length() >= SHORTEST_SEARCHED && text.contains(f.getValue()))
        .map(Map.Entry::getKey).sorted().toList();
  }

  public int size() {
    return forms.size();
  }
}
