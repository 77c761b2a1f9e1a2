package dev.hearth.pi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.HearthConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** What the Pi bundle carries: every native library Hearth loads, built for 64-bit ARM, and a complete app. */
class BundleNativesIT {
  /** The jar (by name prefix) and the entry in it that Hearth needs at run time on a Pi. */
  private static final Map<String, String> NATIVES = Map.of(
      "pytorch-native-cpu-", "pytorch/cpu/linux-aarch64/libtorch_cpu.so",
      "pytorch-jni-", "jnilib/linux-aarch64/cpu/libdjl_torch.so",
      "tokenizers-", "native/lib/linux-aarch64/cpu/libtokenizers.so",
      "sqlite-jdbc-", "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
      "jna-5", "com/sun/jna/linux-aarch64/libjnidispatch.so");

  @Test
  void everyNativeLibraryHearthLoadsIsBuiltForAarch64() throws Exception {
    Path lib = Bundle.unpacked().resolve("lib");
    for (Map.Entry<String, String> n : NATIVES.entrySet()) {
      Path jar = onlyJar(lib, n.getKey());
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        ZipEntry entry = zip.getEntry(n.getValue());
        assertThat(entry).as(jar.getFileName() + " has " + n.getValue()).isNotNull();
        try (InputStream in = zip.getInputStream(entry)) {
          ElfHeader elf = ElfHeader.read(in);
          assertThat(elf.isAarch64()).as(n.getValue() + " in " + jar.getFileName() + ": " + elf).isTrue();
        }
      }
    }
  }

  @Test
  void allOfPyTorchsLibrariesAreForAarch64AndNoneForX86() throws Exception {
    Path lib = Bundle.unpacked().resolve("lib");
    try (Stream<Path> jars = Files.list(lib)) {
      assertThat(jars.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("x86_64"));
    }
    List<String> libraries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(onlyJar(lib, "pytorch-native-cpu-").toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (entry.isDirectory() || !entry.getName().contains(".so")) continue;
        assertThat(entry.getName()).startsWith("pytorch/cpu/linux-aarch64/");
        try (InputStream in = zip.getInputStream(entry)) {
          assertThat(ElfHeader.read(in).isAarch64()).as(entry.getName()).isTrue();
        }
        libraries.add(entry.getName());
      }
    }
    assertThat(libraries).anyMatch(n -> n.endsWith("/libc10.so")).anyMatch(n -> n.endsWith("/libtorch.so"));
  }

  @Test
  void theElfReaderTellsX86FromArm() throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("/bin/sh").toRealPath())) {
      ElfHeader sh = ElfHeader.read(in);
      assertThat(sh.wordBits()).isEqualTo(64);
      assertThat(sh.isAarch64()).isEqualTo("aarch64".equals(System.getProperty("os.arch")));
    }
  }

  @Test
  void theInstallerFetchesTheVoskLibraryOfTheBundledVoskVersion() throws Exception {
    Path lib = Bundle.unpacked().resolve("lib");
    String jar = onlyJar(lib, "vosk-").getFileName().toString();
    Matcher version = Pattern.compile("vosk-([0-9.]+)\\.jar").matcher(jar);
    assertThat(version.matches()).as(jar).isTrue();
    String installer = Files.readString(Bundle.unpacked().resolve("install.sh"));
    assertThat(installer).contains("vosk_zip_name=vosk-linux-aarch64-" + version.group(1) + ".zip")
        .containsPattern("vosk_zip_sha256=[0-9a-f]{64}\n");
  }

  @Test
  void carriesTheLauncherScriptsModelAndSettings() throws Exception {
    Path b = Bundle.unpacked();
    for (String script : List.of("install.sh", "uninstall.sh", "bin/hearth")) {
      assertThat(Files.getPosixFilePermissions(b.resolve(script))).as(script)
          .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }
    assertThat(b.resolve("models/vosk-model-small-en-us-0.15/am/final.mdl")).isNotEmptyFile();
    assertThat(b.resolve("models/vosk-model-small-en-us-0.15.sha256")).isNotEmptyFile();
    assertThat(onlyJar(b.resolve("lib"), "hearth-server-")).isNotEmptyFile();
    assertThat(Files.readString(b.resolve("VERSION")).trim()).isEqualTo(System.getProperty("hearth.version"));
    // the settings the installer writes to /etc/hearth are all known keys with valid values
    HearthConfig config = HearthConfig.load(b.resolve("hearth.properties"), Map.of(), Map.of());
    assertThat(config.store().dataDir()).isEqualTo(Path.of("/var/lib/hearth"));
    assertThat(config.gpio().enabled()).isTrue();
  }

  private static Path onlyJar(Path lib, String prefix) throws IOException {
    try (Stream<Path> jars = Files.list(lib)) {
      List<Path> found = jars.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
      assertThat(found).as("jars named " + prefix + "* in the bundle").hasSize(1);
      return found.get(0);
    }
  }
}
