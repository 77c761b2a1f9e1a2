package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import io.javalin.http.Context;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paired device stays paired across restarts, and the database never holds its token. */
class DeviceTokensTest {

  @Test
  void aTokenWorksAfterARestartAndOnlyItsHashIsStored(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("hearth.db");
    String token;
    try (StoreThread store = new StoreThread(SqliteStore.open(db))) {
      token = DeviceTokens.load(store.devices(), Clock.systemUTC()).pair("Phone").join().token();
    }
    byte[] file = Files.readAllBytes(db);
    byte[] wal = Files.exists(Path.of(db + "-wal")) ? Files.readAllBytes(Path.of(db + "-wal")) : new byte[0];
    assertThat(new String(file, StandardCharsets.ISO_8859_1) + new String(wal, StandardCharsets.ISO_8859_1))
        .doesNotContain(token).contains(DeviceTokens.sha256(token));

    try (StoreThread store = new StoreThread(SqliteStore.open(db))) {
      DeviceTokens tokens = DeviceTokens.load(store.devices(), Clock.systemUTC());
      assertThat(tokens.device(bearer(token))).map(d -> d.name()).contains("Phone");
      assertThat(tokens.device(bearer(token + "x"))).isEmpty();
      assertThat(tokens.device(bearer(DeviceTokens.sha256(token)))).as("the stored hash is not a token").isEmpty();
    }
  }

  /** A request context that answers only the headers given (enough for {@link DeviceTokens#token}). */
  private static Context bearer(String token) {
    Map<String, String> headers = Map.of("Authorization", "Bearer " + token);
    return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) ->
        switch (method.getName()) {
          case "header" -> headers.get((String) args[0]);
          case "cookie" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
