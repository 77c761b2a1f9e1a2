package dev.hearth.config;

import dev.hearth.config.Setting.Tier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/** HTTPS: browsers only give a page the microphone over https:// (or on localhost). */
public final class TlsConfig implements ConfigSection {
  private static final Pattern DNS_NAME = Pattern.compile(
      "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.?");

  @Setting(doc = "Serve HTTPS beside plain HTTP; `false` serves plain HTTP only (phones then cannot use the microphone).")
  private boolean enabled = true;

  @Setting(doc = "HTTPS port for the page, `/api` and `/ws` (0 picks a free port).", tier = Tier.ESSENTIAL)
  private int port = 8443;

  @Setting(doc = "Your own certificate (PEM, may hold the chain, e.g. `fullchain.pem`) instead of the one Hearth makes; needs `tls.key_file`.")
  private Path certFile = Path.of("");

  @Setting(doc = "The private key of `tls.cert_file` (PEM: `BEGIN PRIVATE KEY`, `BEGIN RSA PRIVATE KEY` or `BEGIN EC PRIVATE KEY`).")
  private Path keyFile = Path.of("");

  @Setting(doc = "More host names or IP addresses for Hearth's own certificate, comma-separated (e.g. a DNS name your router gives it).")
  private List<String> extraNames = List.of();

  @Setting(doc = "Send browsers on other machines from the plain-HTTP page to the HTTPS one (`/api`, `/ws` and this machine stay on HTTP).")
  private boolean redirectHttp = true;

  @Override
  public String prefix() {
    return "tls";
  }

  @Override
  public void validate() {
    Validation.range("tls.port", port, 0, 65_535);
    boolean cert = certFile().isPresent();
    boolean key = keyFile().isPresent();
    if (cert != key) {
      throw new ConfigException((cert ? "tls.cert_file is set but tls.key_file is not" : "tls.key_file is set but tls.cert_file is not")
          + "; give both (PEM files), or neither to use the certificate Hearth makes itself");
    }
    for (String name : extraNames) {
      if (!IPAddress.isValid(name) && !DNS_NAME.matcher(name).matches()) {
        throw new ConfigException("tls.extra_names: '" + name + "' is neither a host name nor an IP address;"
            + " list names like hearth.home.arpa or 192.168.1.20, separated by commas");
      }
    }
  }

  public boolean enabled() { return enabled; }
  public int port() { return port; }
  public boolean redirectHttp() { return redirectHttp; }
  public List<String> extraNames() { return extraNames; }

  /** The user's certificate file, if they gave one. */
  public Optional<Path> certFile() {
    return certFile.toString().isBlank() ? Optional.empty() : Optional.of(certFile);
  }

  /** The user's key file, if they gave one. */
  public Optional<Path> keyFile() {
    return keyFile.toString().isBlank() ? Optional.empty() : Optional.of(keyFile);
  }
}
