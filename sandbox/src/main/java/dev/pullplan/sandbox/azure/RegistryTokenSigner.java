package dev.pullplan.sandbox.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Signs the registry access tokens of the sandbox's ACR token server the way distribution's token
 * auth accepts them: RS256 JWTs whose header carries the signing certificate ({@code x5c}), which
 * the registry trusts through its {@code rootcertbundle}. Times are the machine's, not the world
 * clock's: the registry checks {@code exp}/{@code nbf} against its own clock.
 */
final class RegistryTokenSigner {

  static final String ISSUER = "pullplan-sandbox-acr";
  static final Duration LIFETIME = Duration.ofMinutes(5);

  /** One entry of the {@code access} claim: {@code repository}, a name and the granted actions. */
  record Access(String type, String name, List<String> actions) {
    Access {
      actions = List.copyOf(actions);
    }
  }

  private final KeyPair keys;
  private final X509Certificate certificate;

  private RegistryTokenSigner(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  static RegistryTokenSigner generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=pullplan sandbox registry token signer");
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      return new RegistryTokenSigner(keys, cert);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate the registry token key: " + e.getMessage(), e);
    }
  }

  /** The certificate the registry's {@code auth.token.rootcertbundle} names, PEM-encoded. */
  String certificatePem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A signed token for {@code audience} (the registry's service name) granting {@code access}. */
  String sign(String audience, String subject, List<Access> access) {
    try {
      ObjectNode header = Json.object().put("typ", "JWT").put("alg", "RS256");
      header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      long now = Instant.now().getEpochSecond();
      ObjectNode claims = Json.object().put("iss", ISSUER).put("sub", subject).put("aud", audience)
          .put("exp", now + LIFETIME.toSeconds()).put("nbf", now - 10).put("iat", now)
          .put("jti", UUID.randomUUID().toString());
      ArrayNode granted = claims.putArray("access");
      for (Access a : access) {
        ObjectNode entry = granted.addObject().put("type", a.type()).put("name", a.name());
        a.actions().forEach(entry.putArray("actions")::add);
      }
      String signingInput = base64Url(Json.bytes(header)) + "." + base64Url(Json.bytes(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return IssuedSecrets.issued(signingInput + "." + base64Url(rsa.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a registry token: " + e.getMessage(), e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
