package dev.hearth.protocols.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a client sends, it gets a closed connection with a code and a reason (vosk-server defines no error
 * messages), and the server goes on serving everyone else: after each bad client a good one is still understood.
 */
@Tag("model")
class VoskBadInputTest {
  private static final int MAX_MESSAGE_BYTES = 65_536;
  @TempDir
  static Path data;
  static Hearth hearth;
  static int port;
  static AudioChunk go;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestServers.start(data, Map.of("vosk_server.max_message_bytes", String.valueOf(MAX_MESSAGE_BYTES)));
    port = hearth.compatPort("vosk-server", "ws");
    go = Wav.read(TestData.audio("ps_goforward.wav"));
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  /** After every bad client, a good one streams a recording and gets its words. */
  @AfterEach
  void aGoodClientIsStillUnderstood() throws Exception {
    assertThat(VoskClient.stream(port, VoskServerTest.config(16_000), go.pcm(), 6_400).transcript())
        .isEqualTo("go forward ten meters");
  }

  /** Sends {@code text} and expects the connection closed with {@code code} and a reason. */
  private static VoskClient.Close refused(String text) throws Exception {
    try (VoskClient client = VoskClient.connect(port)) {
      client.send(text);
      VoskClient.Close close = client.awaitClose();
      assertThat(client.unread()).isEmpty();
      assertThat(close.reason()).isNotBlank();
      return close;
    }
  }

  @Test
  void textThatIsNotJsonIsUnsupportedData() throws Exception {
    assertThat(refused("hello, are you vosk?").code()).isEqualTo(1003);
    assertThat(refused("{\"config\" : ").code()).isEqualTo(1003);
    assertThat(refused("[1, 2]").code()).isEqualTo(1003);
  }

  @Test
  void unknownMessagesAreUnsupportedData() throws Exception {
    VoskClient.Close close = refused("{\"dance\" : 1}");
    assertThat(close.code()).isEqualTo(1003);
    assertThat(close.reason()).contains("eof");
    assertThat(refused("{\"eof\" : 2}").code()).isEqualTo(1003);
    assertThat(refused("{\"eof\" : 1, \"reset\" : 1}").code()).isEqualTo(1003);
  }

  @Test
  void configValuesThatCannotBeUsedAreInvalidData() throws Exception {
    VoskClient.Close close = refused("{\"config\" : {\"sample_rate\" : \"fast\"}}");
    assertThat(close.code()).isEqualTo(1007);
    assertThat(close.reason()).contains("sample_rate").contains("8000");
    assertThat(refused("{\"config\" : {\"sample_rate\" : 3}}").code()).isEqualTo(1007);
    assertThat(refused("{\"config\" : 5}").code()).isEqualTo(1007);
    assertThat(refused("{\"config\" : {\"words\" : \"yes\"}}").code()).isEqualTo(1007);
    assertThat(refused("{\"config\" : {\"max_alternatives\" : -1}}").code()).isEqualTo(1007);
    assertThat(refused("{\"config\" : {\"phrase_list\" : [\"one\", 2]}}").code()).isEqualTo(1007);
  }

  @Test
  void aWavHeaderOfAudioThatIsNot16BitPcmIsInvalidData() throws Exception {
    byte[] wav = Wav.toBytes(new AudioChunk(AudioFormat.pcm16(16_000, 1), new byte[3_200]));
    ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 8); // 8-bit samples
    try (VoskClient client = VoskClient.connect(port)) {
      client.send(VoskServerTest.config(16_000));
      sendBinary(client, wav);
      VoskClient.Close close = client.awaitClose();
      assertThat(close.code()).isEqualTo(1007);
      assertThat(close.reason()).contains("16-bit");
    }
  }

  @Test
  void aModelPathFromAClientIsIgnored() throws Exception {
    String config = "{\"config\" : {\"model\" : \"/etc\", \"sample_rate\" : 16000}}";
    assertThat(VoskClient.stream(port, config, go.pcm(), 6_400).transcript()).isEqualTo("go forward ten meters");
  }

  @Test
  void messagesOverTheLimitCloseWith1009() throws Exception {
    try (VoskClient client = VoskClient.connect(port)) {
      client.send(VoskServerTest.config(16_000));
      sendBinary(client, new byte[MAX_MESSAGE_BYTES + 2]);
      assertThat(client.awaitClose().code()).isEqualTo(1009);
    }
    try (VoskClient client = VoskClient.connect(port)) {
      char[] text = new char[MAX_MESSAGE_BYTES + 2];
      Arrays.fill(text, ' ');
      try {
        client.send(new String(text) + "{\"eof\" : 1}");
      } catch (CompletionException e) {
        // the server may close before the whole message is written
      }
      assertThat(client.awaitClose().code()).isEqualTo(1009);
    }
  }

  @Test
  void aClientThatDropsTheConnectionMidStreamLeavesNothingBehind() throws Exception {
    for (int i = 0; i < 4; i++) {
      VoskClient client = VoskClient.connect(port);
      client.send(VoskServerTest.config(16_000));
      client.audio(go.pcm(), 0, 6_400);
      client.abort();
    }
  }

  @Test
  void aFrameCutShortByTheClientLeavingIsDropped() throws Exception {
    try (RawSocket raw = RawSocket.open(port)) {
      raw.out.write(frameHeader(0x2, 6_400));
      raw.out.write(new byte[100]); // 100 of the 6400 bytes the header promised
      raw.out.flush();
    }
  }

  @Test
  void aFrameClaimingATerabyteIsRefusedAtItsHeader() throws Exception {
    try (RawSocket raw = RawSocket.open(port)) {
      raw.out.write(frameHeader(0x2, 1L << 40));
      raw.out.flush();
      assertThat(raw.closeCode()).isEqualTo(1009);
    }
  }

  @Test
  void bytesThatAreNoWebSocketFramesCloseTheConnection() throws Exception {
    try (RawSocket raw = RawSocket.open(port)) {
      byte[] noise = new byte[512];
      new Random(7).nextBytes(noise);
      noise[0] = (byte) 0x8f; // FIN with the reserved opcode 0xF
      raw.out.write(noise);
      raw.out.flush();
      assertThat(raw.closeCode()).isEqualTo(1002);
    }
  }

  @Test
  void anUnmaskedClientFrameClosesTheConnection() throws Exception {
    try (RawSocket raw = RawSocket.open(port)) {
      raw.out.write(new byte[] {(byte) 0x82, 4, 0, 0, 0, 0}); // binary, 4 bytes, no mask
      raw.out.flush();
      assertThat(raw.closeCode()).isEqualTo(1002);
    }
  }

  /** Sends a binary frame that the server answers by closing the connection, perhaps before it is all written. */
  private static void sendBinary(VoskClient client, byte[] bytes) {
    try {
      client.audio(bytes, 0, bytes.length);
      throw new IllegalStateException("the server answered instead of closing the connection");
    } catch (CompletionException | AssertionError e) {
      // the write failed, or the server closed instead of replying: what awaitClose() checks
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A masked client frame header (zero mask) announcing {@code length} bytes. */
  private static byte[] frameHeader(int opcode, long length) {
    ByteBuffer b = ByteBuffer.allocate(14);
    b.put((byte) (0x80 | opcode));
    if (length < 126) {
      b.put((byte) (0x80 | length));
    } else if (length < 65_536) {
      b.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      b.put((byte) (0x80 | 127)).putLong(length);
    }
    b.putInt(0); // the masking key: all zero, so the payload goes as it is
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A WebSocket connection by hand, for frames no client library sends. */
  private static final class RawSocket implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    private RawSocket(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    }

    static RawSocket open(int port) throws IOException {
      RawSocket raw = new RawSocket(new Socket("127.0.0.1", port));
      raw.socket.setSoTimeout(10_000);
      raw.out.write(("GET /asr/en/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      raw.out.flush();
      String head = raw.head();
      assertThat(head).startsWith("HTTP/1.1 101");
      return raw;
    }

    private String head() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) throw new IOException("closed inside the handshake: " + head);
        head.write(b);
        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads frames until the server's close frame and returns its code; -1 when the connection just ends. */
    int closeCode() throws IOException {
      try {
        while (true) {
          int b0 = in.read();
          int b1 = in.read();
          if (b0 < 0 || b1 < 0) return -1;
          long length = b1 & 0x7f;
          if (length == 126) length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
          else if (length == 127) length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
          byte[] payload = in.readNBytes((int) length);
          if ((b0 & 0x0f) == 0x8) return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server neither closed the connection nor sent a close frame within 10 s");
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
