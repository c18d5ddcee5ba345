package dev.pullplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullplan.PullplanException;
import dev.pullplan.state.LocalStateBackend;
import dev.pullplan.state.StateFixtures;
import dev.pullplan.state.crypto.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a state file that was damaged (bytes flipped, cut short, fields renamed, a newer
 * format) or that is opened with the wrong key is either read as it is or refused with a
 * {@link PullplanException} whose message quotes no secret, and the refusal changes no file.
 * Cases come from a seeded {@link Random}; {@code -Dpullplan.fuzz.state.cases} runs more.
 */
class DamagedFilesTest {
  private static final int DEFAULT_CASES = 400;

  @TempDir Path dir;

  private Path keyFile(String name) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(key) + "\n");
  }

  @Test
  void aDamagedStateIsReadOrRefusedClearlyAndNothingChanges() throws Exception {
    int cases = Integer.getInteger("pullplan.fuzz.state.cases", DEFAULT_CASES);
    long seed = Long.getLong("pullplan.fuzz.seed", 20261201L);
    Random random = new Random(seed);
    Map<String, String> env = Map.of(Keyring.KEY_FILE, keyFile("state.key").toString());
    Path file = dir.resolve("pullplan.state.json");
    byte[] plaintext = write(file, Optional.empty());
    byte[] encrypted = write(file, Keyring.fromEnvironment(env));
    List<String> failures = new ArrayList<>();
    int read = 0;
    int refused = 0;
    for (int n = 0; n < cases; n++) {
      boolean keyed = random.nextBoolean();
      byte[] damaged = damage(random, keyed ? encrypted : plaintext);
      Files.write(file, damaged);
      Map<String, byte[]> before = snapshot();
      try {
        new LocalStateBackend(file, keyed ? Keyring.fromEnvironment(env) : Optional.empty(), w -> {}).read();
        read++;
      } catch (PullplanException e) {
        refused++;
        if (quotesASecret(e.getMessage())) {
          failures.add("case " + n + ": the message quotes a secret");
        }
      } catch (RuntimeException e) {
        failures.add("case " + n + " (seed " + seed + "): threw " + e.getClass().getName());
      }
      if (!sameFiles(before, snapshot())) {
        failures.add("case " + n + ": a read changed the files");
      }
    }
    System.out.printf("damaged state: %d cases (seed %d): %d read, %d refused with a message, %d failed%n",
        cases, seed, read, refused, failures.size());

    assertThat(failures).isEmpty();
    assertThat(refused).as("most damage is refused").isGreaterThan(cases / 2);
  }

  @Test
  void aStateOfANewerFormatIsRefusedAndLeftAsItIs() throws Exception {
    Path file = dir.resolve("pullplan.state.json");
    byte[] newer = new String(write(file, Optional.empty()), StandardCharsets.UTF_8)
        .replace("\"format_version\": 1", "\"format_version\": 99").getBytes(StandardCharsets.UTF_8);
    Files.write(file, newer);
    Map<String, byte[]> before = snapshot();

    assertThat(refusal(() -> new LocalStateBackend(file, Optional.empty(), w -> {}).read()))
        .contains("format version 99").contains("upgrade pullplan");
    assertThat(sameFiles(before, snapshot())).isTrue();
  }

  @Test
  void aWrongPassphraseIsRefusedAndLeavesTheStateAsItIs() throws Exception {
    Path file = dir.resolve("pullplan.state.json");
    Files.write(file, write(file, Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "the right passphrase"))));
    Map<String, byte[]> before = snapshot();
    LocalStateBackend wrong = new LocalStateBackend(file,
        Keyring.fromEnvironment(Map.of(Keyring.PASSPHRASE, "a wrong passphrase")), w -> {});

    assertThat(refusal(wrong::read)).contains(Keyring.PASSPHRASE).contains("do");
    assertThat(sameFiles(before, snapshot())).isTrue();
  }

  /** The bytes of a state file holding the fixture's secrets, written by the backend; the file itself is removed. */
  private byte[] write(Path file, Optional<Keyring> keyring) throws IOException {
    new LocalStateBackend(file, keyring, w -> {}).write(StateFixtures.sample());
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".backup"));
    return bytes;
  }

  /** One of: bytes flipped, the file cut short, a field renamed, a value's type changed, a line deleted. */
  private static byte[] damage(Random random, byte[] original) {
    switch (random.nextInt(5)) {
      case 0: {
        byte[] b = original.clone();
        for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 1:
        return Arrays.copyOf(original, random.nextInt(original.length));
      default: {
        String[] lines = new String(original, StandardCharsets.UTF_8).split("\n", -1);
        int at = random.nextInt(lines.length);
        String line = lines[at];
        lines[at] = switch (random.nextInt(3)) {
          case 0 -> line.replaceFirst("\"([a-z_]+)\":", "\"$1_renamed\":");
          case 1 -> line.replaceFirst(": \"[^\"]*\"", ": 17").replaceFirst(": [0-9]+", ": \"seventeen\"");
          default -> "";
        };
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  private static boolean quotesASecret(String message) {
    return Stream.of(StateFixtures.PASSWORD, StateFixtures.DOCKER_CONFIG, "c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3M=")
        .anyMatch(s -> message != null && message.contains(s));
  }

  private static String refusal(java.util.concurrent.Callable<?> read) throws Exception {
    try {
      read.call();
    } catch (PullplanException e) {
      return e.getMessage();
    }
    throw new AssertionError("the read was not refused");
  }

  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static boolean sameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
    return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
  }
}
