package dev.hearth.pi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.satellite.PinnedTls;
import dev.hearth.tls.LocalCertificates;
import dev.hearth.tls.ServerNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * install.sh and uninstall.sh run for real, as root, in a Debian root made by debootstrap ({@code .ci/run} makes
 * one per release under {@code .ci/cache/}, with systemd and the packages the installer wants), in their
 * no-systemd mode: users, groups, files, the unit and the udev rule, but no service started. Every command runs
 * in a network namespace of its own, so the installer cannot download anything: picking a package the root lacks
 * fails. The root is x86-64, so the installer runs with {@code --any-arch}. The steps build on each other, in
 * order, on one copy of the root.
 */
@TestMethodOrder(OrderAnnotation.class)
@TestInstance(Lifecycle.PER_CLASS)
abstract class InstallerSteps {
  private static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final List<String> INSTALLED = List.of("/opt/hearth", "/etc/hearth", "/var/lib/hearth",
      "/etc/systemd/system/hearth.service", "/etc/udev/rules.d/60-hearth-gpio.rules", "/usr/local/bin/hearth");

  private Path root;

  /** The Debian release's code name: the root is {@code .ci/cache/debian-<release>}. */
  abstract String release();

  /** The libgpiod package the installer must choose for this release. */
  abstract String gpiodPackage();

  @BeforeAll
  void copyTheRoot() throws Exception {
    Path prepared = Path.of(System.getProperty("hearth.pi.roots", "../.ci/cache")).resolve("debian-" + release());
    TestTools.require(Shell.ok("id", "-u").trim().equals("0"), "the installer tests chroot, which needs root");
    TestTools.require(Files.isRegularFile(prepared.resolve("usr/bin/java")) && Files.isDirectory(prepared.resolve("lib/systemd")),
        "no Debian root with Java and systemd at " + prepared + " (.ci/run makes one with debootstrap)");
    // not a missing tool but another machine: the roots .ci/run makes are the machine's own architecture
    assumeTrue(!"aarch64".equals(System.getProperty("os.arch")), "the steps expect an x86-64 root (--any-arch)");
    root = Files.createTempDirectory("hearth-pi-root");
    Shell.ok("cp", "-a", prepared + "/.", root.toString());
    Shell.ok("tar", "-xzf", Bundle.tarball().toString(), "-C", root.resolve("tmp").toString());
  }

  @AfterAll
  void removeTheRoot() throws Exception {
    if (root == null) return;
    Shell.run("umount", root.resolve("proc").toString());
    if (Shell.run("mountpoint", "-q", root.resolve("proc").toString()).exitCode() != 0) Bundle.deleteTree(root);
  }

  @Test
  @Order(1)
  void aVoskArchiveWithTheWrongChecksumIsRefusedBeforeAnythingChanges() throws Exception {
    Files.write(root.resolve("tmp/vosk-linux-aarch64-0.3.45.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});
    Shell r = inRoot("/tmp/hearth-pi/install.sh", "--no-systemd", "--any-arch", "--vosk-zip", "/tmp/vosk-linux-aarch64-0.3.45.zip");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("is not Vosk's vosk-linux-aarch64-0.3.45.zip (SHA-256 ")
        .contains("expected 45e95d37755deb07568e79497d7feba8c03aee5a9e071df29961aa023fd94541");
    assertNothingInstalled();
  }

  @Test
  @Order(2)
  void anotherArchitectureIsRefusedUnlessAsked() throws Exception {
    Shell r = inRoot("/tmp/hearth-pi/install.sh", "--no-systemd");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("this machine is amd64, and this bundle is for 64-bit ARM (arm64)");
    Shell satellite = inRoot("/tmp/hearth-pi/install.sh", "--no-systemd", "--any-arch", "--satellite", "ws://kitchen:8080");
    assertThat(satellite.exitCode()).isNotZero();
    assertThat(satellite.output()).contains("--satellite takes the server's wss:// address");
    assertNothingInstalled();
  }

  @Test
  @Order(3)
  void installsTheAppSettingsDataUserAndUnit() throws Exception {
    Shell r = inRoot("/tmp/hearth-pi/install.sh", "--no-systemd", "--any-arch");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("created the system user hearth").contains("Hearth " + System.getProperty("hearth.version") + " is installed");

    assertThat(inRootOk("dpkg-query", "-W", "-f=${Status}", gpiodPackage())).isEqualTo("install ok installed");
    assertThat(inRootOk("id", "-nG", "hearth").trim().split(" ")).contains("hearth", "gpio", "audio");
    assertThat(inRootOk("getent", "passwd", "hearth")).contains(":/var/lib/hearth:/usr/sbin/nologin");
    assertThat(stat("/opt/hearth/bin/hearth")).isEqualTo("755 root root");
    assertThat(stat("/opt/hearth/uninstall.sh")).isEqualTo("755 root root");
    assertThat(stat("/etc/hearth/hearth.properties")).isEqualTo("640 root hearth");
    assertThat(stat("/etc/hearth/hearth.env")).isEqualTo("640 root hearth");
    assertThat(stat("/var/lib/hearth")).isEqualTo("700 hearth hearth");
    assertThat(stat("/etc/systemd/system/hearth.service")).isEqualTo("644 root root");
    assertThat(inRootOk("readlink", "/usr/local/bin/hearth").trim()).isEqualTo("/opt/hearth/bin/hearth");
    assertThat(root.resolve("opt/hearth/models/vosk-model-small-en-us-0.15/am/final.mdl")).isNotEmptyFile();
    assertThat(Files.readString(root.resolve("etc/udev/rules.d/60-hearth-gpio.rules"))).contains("GROUP=\"gpio\"");
    // on x86-64 the Vosk jar's own library serves; libvosk.so is fetched for arm64 only
    assertThat(root.resolve("opt/hearth/native")).doesNotExist();
  }

  @Test
  @Order(4)
  void theUnitPassesTheReleasesOwnSystemdAnalyzeVerify() throws Exception {
    // verify warns about unknown keys and fails on a missing program; warnings count as failures here
    Shell r = inRoot("systemd-analyze", "verify", "/etc/systemd/system/hearth.service");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).isBlank();
  }

  @Test
  @Order(5)
  void aSecondRunChangesNothingAndKeepsTheSettings() throws Exception {
    Path settings = root.resolve("etc/hearth/hearth.properties");
    Files.writeString(settings, Files.readString(settings) + "gpio.led_lines=27\n");
    String before = snapshot();
    Shell r = inRoot("/tmp/hearth-pi/install.sh", "--no-systemd", "--any-arch");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("is already installed; nothing changed");
    assertThat(snapshot()).isEqualTo(before);
    assertThat(Files.readString(settings)).endsWith("gpio.led_lines=27\n");
  }

  @Test
  @Order(6)
  void aSatelliteTakesItsTurnsOnTheServerItIsGiven() throws Exception {
    // the CA exactly as a Hearth server serves it at /hearth-ca.crt (HttpServer.caCertificate: its DER encoding), the
    // file `curl -o hearth-ca.crt` leaves; the server keeps its own copy as PEM (ca.crt), which is accepted as well
    Path serverCerts = Files.createTempDirectory("hearth-pi-server-certs");
    X509Certificate served = LocalCertificates.load(serverCerts, ServerNames.of("kitchen", List.of(), List.of()),
        Clock.systemUTC()).localCa().orElseThrow();
    Files.write(root.resolve("tmp/hearth-ca.crt"), served.getEncoded());
    Files.copy(serverCerts.resolve("ca.crt"), root.resolve("tmp/hearth-ca.pem"));
    Bundle.deleteTree(serverCerts);

    String[] install = {"/tmp/hearth-pi/install.sh", "--no-systemd", "--any-arch", "--satellite", "wss://kitchen.local:8443",
        "--ca", "/tmp/hearth-ca.crt"};
    Shell r = inRoot(install);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(Files.readAllLines(root.resolve("etc/hearth/hearth.env")))
        .containsOnlyOnce("HEARTH_ARGS=satellite --server wss://kitchen.local:8443 --ca /etc/hearth/server-ca.crt")
        .noneMatch(line -> line.equals("HEARTH_ARGS=run"));
    assertThat(root.resolve("etc/hearth/server-ca.crt")).hasBinaryContent(served.getEncoded());
    // what `hearth satellite --ca /etc/hearth/server-ca.crt` will trust
    assertThat(PinnedTls.trusting(root.resolve("etc/hearth/server-ca.crt"))).isNotNull();
    String before = snapshot();
    assertThat(inRoot(install).output()).contains("nothing changed");
    assertThat(snapshot()).isEqualTo(before);

    install[install.length - 1] = "/tmp/hearth-ca.pem";
    Shell pem = inRoot(install);
    assertThat(pem.exitCode()).as(pem.output()).isZero();
    assertThat(root.resolve("etc/hearth/server-ca.crt")).hasSameBinaryContentAs(root.resolve("tmp/hearth-ca.pem"));
  }

  @Test
  @Order(7)
  void aCaFileThatIsNoCertificateIsRefusedBeforeAnythingChanges() throws Exception {
    byte[] der = Files.readAllBytes(root.resolve("tmp/hearth-ca.crt"));
    Files.write(root.resolve("tmp/cut-ca.crt"), Arrays.copyOf(der, der.length / 2));
    Files.writeString(root.resolve("tmp/page.crt"), "<html>404 Not Found</html>\n");
    String before = snapshot();
    for (String file : List.of("/tmp/cut-ca.crt", "/tmp/page.crt")) {
      Shell r = inRoot("/tmp/hearth-pi/install.sh", "--no-systemd", "--any-arch", "--satellite", "wss://kitchen.local:8443",
          "--ca", file);
      assertThat(r.exitCode()).as(file).isNotZero();
      assertThat(r.output()).contains(file + " is not a certificate (neither DER nor PEM)");
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(8)
  void theInstalledLauncherRunsAsTheHearthUser() throws Exception {
    Shell.ok("mount", "-t", "proc", "proc", root.resolve("proc").toString());
    try {
      assertThat(asHearth("/usr/local/bin/hearth", "--version")).contains("hearth " + System.getProperty("hearth.version"));
      String models = asHearth("/usr/local/bin/hearth", "models", "--verify");
      assertThat(models).containsPattern("\\* vosk-model-small-en-us-0\\.15 +/opt/hearth/models/vosk-model-small-en-us-0\\.15 .*ok");
      // speech made and heard by the installed app, with the settings from /etc/hearth
      asHearth("/usr/local/bin/hearth", "say", "set a timer for five minutes", "-o", "/var/lib/hearth/said.wav");
      assertThat(asHearth("/usr/local/bin/hearth", "transcribe", "/var/lib/hearth/said.wav")).contains("timer for five minutes");
    } finally {
      Shell.run("umount", root.resolve("proc").toString());
    }
  }

  @Test
  @Order(9)
  void uninstallKeepsTheDataAndPurgeRemovesIt() throws Exception {
    Files.writeString(root.resolve("var/lib/hearth/hearth.db"), "history");
    Shell r = inRoot("/opt/hearth/uninstall.sh", "--no-systemd");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("its data stays in /var/lib/hearth");
    for (String path : INSTALLED) {
      if (!path.equals("/var/lib/hearth")) assertThat(root.resolve(path.substring(1))).as(path).doesNotExist();
    }
    assertThat(inRoot("getent", "passwd", "hearth").exitCode()).isNotZero();
    assertThat(root.resolve("var/lib/hearth/hearth.db")).hasContent("history");

    // installing again adopts the kept data for the new user
    assertThat(inRoot("/tmp/hearth-pi/install.sh", "--no-systemd", "--any-arch").exitCode()).isZero();
    assertThat(stat("/var/lib/hearth/hearth.db")).endsWith("hearth hearth");

    Shell purge = inRoot("/tmp/hearth-pi/uninstall.sh", "--no-systemd", "--purge");
    assertThat(purge.exitCode()).as(purge.output()).isZero();
    assertNothingInstalled();
  }

  private void assertNothingInstalled() throws Exception {
    for (String path : INSTALLED) assertThat(root.resolve(path.substring(1))).as(path).doesNotExist();
    assertThat(inRoot("getent", "passwd", "hearth").exitCode()).isNotZero();
  }

  /** Mode, owner and group of a path in the root, as {@code 755 root root}. */
  private String stat(String path) throws Exception {
    return inRootOk("stat", "-c", "%a %U %G", path).trim();
  }

  /** Every installed path with its mode, owner, size and modification time, and the user's entries. */
  private String snapshot() throws Exception {
    List<String> command = new ArrayList<>(List.of("find"));
    command.addAll(INSTALLED);
    command.addAll(List.of("-printf", "%p %M %u %g %s %T@ %l\\n"));
    return inRootOk(command.toArray(String[]::new)) + inRootOk("getent", "passwd", "hearth")
        + inRootOk("getent", "group", "hearth", "gpio", "audio");
  }

  private Shell inRoot(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("unshare", "--net", "chroot", root.toString(), "/usr/bin/env", "-i", PATH,
        "LANG=C.UTF-8"));
    full.addAll(List.of(command));
    return Shell.run(full.toArray(String[]::new));
  }

  private String inRootOk(String... command) throws IOException, InterruptedException {
    Shell r = inRoot(command);
    if (r.exitCode() != 0) throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output());
    return r.output();
  }

  private String asHearth(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("unshare", "--net", "chroot", "--userspec=hearth:hearth", root.toString(),
        "/usr/bin/env", "-i", PATH, "LANG=C.UTF-8", "HOME=/var/lib/hearth"));
    full.addAll(List.of(command));
    return Shell.ok(full.toArray(String[]::new));
  }
}
