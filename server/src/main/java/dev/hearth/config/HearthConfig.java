package dev.hearth.config;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * All settings, one small class per capability. Values come from, in rising precedence: the defaults on the
 * fields, a properties file ({@code --config FILE}, {@code HEARTH_CONFIG}, or {@code ~/.config/hearth/hearth.properties}
 * when it exists), environment variables ({@code HEARTH_STT_MODEL_DIR}) and command-line overrides.
 * Unknown keys in the file are an error, so a typo never goes unnoticed.
 */
public final class HearthConfig {
  private final ServerConfig server = new ServerConfig();
  private final SttConfig stt = new SttConfig();
  private final TtsConfig tts = new TtsConfig();
  private final StoreConfig store = new StoreConfig();
  private final BrainConfig brain = new BrainConfig();
  private final TlsConfig tls = new TlsConfig();
  private final LlmConfig llm = new LlmConfig();
  private final GpioConfig gpio = new GpioConfig();
  private final AudioConfig audio = new AudioConfig();
  private final OpenAiConfig openai = new OpenAiConfig();
  private final VoskServerConfig voskServer = new VoskServerConfig();
  private final WyomingConfig wyoming = new WyomingConfig();
  private final MaryServerConfig maryServer = new MaryServerConfig();
  private final OpenAiServerConfig openaiServer = new OpenAiServerConfig();
  private final WatchdogConfig watchdog = new WatchdogConfig();
  private final SharingConfig sharing = new SharingConfig();

  private HearthConfig() {}

  public ServerConfig server() { return server; }
  public SttConfig stt() { return stt; }
  public TtsConfig tts() { return tts; }
  public StoreConfig store() { return store; }
  public BrainConfig brain() { return brain; }
  public TlsConfig tls() { return tls; }
  public LlmConfig llm() { return llm; }
  public GpioConfig gpio() { return gpio; }
  public AudioConfig audio() { return audio; }
  public OpenAiConfig openai() { return openai; }
  public VoskServerConfig voskServer() { return voskServer; }
  public WyomingConfig wyoming() { return wyoming; }
  public MaryServerConfig maryServer() { return maryServer; }
  public OpenAiServerConfig openaiServer() { return openaiServer; }
  public WatchdogConfig watchdog() { return watchdog; }
  public SharingConfig sharing() { return sharing; }

  public List<ConfigSection> sections() {
    return List.of(server, tls, stt, tts, store, brain, llm, openai, gpio, audio, voskServer, wyoming, maryServer, openaiServer,
        watchdog, sharing);
  }

  /** The installation folder (the launcher sets {@code -Dhearth.home}); the working directory otherwise. */
  public static Path home() {
    return Path.of(System.getProperty("hearth.home", ".")).toAbsolutePath().normalize();
  }

  /** Defaults only. */
  public static HearthConfig defaults() {
    return of(Map.of());
  }

  /** Defaults overridden by the given keys (tests and embedding). Validates. */
  public static HearthConfig of(Map<String, String> values) {
    HearthConfig config = new HearthConfig();
    config.apply(values, "setting");
    config.validate();
    return config;
  }

  /**
   * Loads the file (explicit, or from {@code HEARTH_CONFIG}, or the default location when present), then the
   * environment, then {@code overrides}; validates.
   */
  public static HearthConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
    HearthConfig config = new HearthConfig();
    Path chosen = file != null ? file : env.containsKey("HEARTH_CONFIG") ? Path.of(env.get("HEARTH_CONFIG")) : null;
    if (chosen == null) {
      Path fallback = Path.of(System.getProperty("user.home"), ".config", "hearth", "hearth.properties");
      if (Files.isRegularFile(fallback)) chosen = fallback;
    } else if (!Files.isRegularFile(chosen)) {
      throw new ConfigException("config file " + chosen + " does not exist");
    }
    if (chosen != null) config.apply(readProperties(chosen), "key in " + chosen);
    config.apply(fromEnvironment(config, env), "environment variable");
    config.apply(overrides, "setting");
    config.validate();
    return config;
  }

  private void validate() {
    for (ConfigSection section : sections()) section.validate();
    if (tls.enabled() && tls.port() != 0 && tls.port() == server.port()) {
      throw new ConfigException("tls.port and server.port are both " + server.port()
          + "; HTTPS needs a port of its own (the default is 8443)");
    }
  }

  /** Every setting key with its field, in declaration order. */
  public Map<String, Field> keys() {
    Map<String, Field> keys = new LinkedHashMap<>();
    for (ConfigSection section : sections()) {
      for (Field f : section.getClass().getDeclaredFields()) {
        if (f.isAnnotationPresent(Setting.class)) keys.put(section.prefix() + "." + snake(f.getName()), f);
      }
    }
    return keys;
  }

  /** The current value of a setting, as text in the form it is written (a list as {@code a,b}). */
  public String value(String key) {
    Field f = keys().get(key);
    if (f == null) throw new ConfigException("unknown setting " + key);
    try {
      f.setAccessible(true);
      Object value = f.get(section(key));
      if (value instanceof List<?> list) return String.join(",", list.stream().map(String::valueOf).toList());
      return String.valueOf(value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The environment variable for a key: {@code stt.model_dir} is {@code HEARTH_STT_MODEL_DIR}. */
  public static String envName(String key) {
    return "HEARTH_" + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  private void apply(Map<String, String> values, String what) {
    Map<String, Field> keys = keys();
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      Field f = keys.get(e.getKey());
      if (f == null) {
        unknown.add(e.getKey());
        continue;
      }
      set(section(e.getKey()), f, e.getKey(), e.getValue().trim());
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException("unknown " + what + (unknown.size() > 1 ? "s " : " ") + new TreeSet<>(unknown)
          + "; known settings are listed in docs/configuration.md");
    }
  }

  private ConfigSection section(String key) {
    String prefix = key.substring(0, key.indexOf('.'));
    for (ConfigSection s : sections()) if (s.prefix().equals(prefix)) return s;
    throw new ConfigException("unknown setting " + key);
  }

  private static void set(Object target, Field f, String key, String raw) {
    try {
      f.setAccessible(true);
      Class<?> type = f.getType();
      Object value;
      if (type == int.class) value = Integer.parseInt(raw);
      else if (type == long.class) value = Long.parseLong(raw);
      else if (type == boolean.class) value = parseBoolean(key, raw);
      else if (type == double.class) value = Double.parseDouble(raw);
      else if (type == Path.class) value = expandHome(raw);
      else if (type == List.class) value = parseList(raw);
      else value = raw;
      f.set(target, value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number, got '" + raw + "'");
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean parseBoolean(String key, String raw) {
    if (raw.equalsIgnoreCase("true")) return true;
    if (raw.equalsIgnoreCase("false")) return false;
    throw new ConfigException(key + " must be true or false, got '" + raw + "'");
  }

  /** A list setting is written comma-separated ({@code a, b}); blanks around entries and empty entries are dropped. */
  private static List<String> parseList(String raw) {
    List<String> items = new ArrayList<>();
    for (String item : raw.split(",")) {
      if (!item.isBlank()) items.add(item.strip());
    }
    return List.copyOf(items);
  }

  private static Path expandHome(String raw) {
    if (raw.equals("~") || raw.startsWith("~/")) return Path.of(System.getProperty("user.home") + raw.substring(1));
    return Path.of(raw);
  }

  private static Map<String, String> fromEnvironment(HearthConfig config, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, Field> e : config.keys().entrySet()) {
      String alias = e.getValue().getAnnotation(Setting.class).env();
      String v = env.get(envName(e.getKey()));
      if (v == null && !alias.isEmpty()) v = env.get(alias);
      if (v != null) values.put(e.getKey(), v);
    }
    return values;
  }

  private static Map<String, String> readProperties(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) values.put(k, p.getProperty(k));
    return values;
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
