package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.brain.Brain;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.ContextTurn;
import dev.hearth.brain.ContextWindow;
import dev.hearth.brain.Refusal;
import dev.hearth.brain.Reply;
import dev.hearth.brain.Responder;
import dev.hearth.brain.skills.OfflineFallback;
import dev.hearth.brain.skills.Skills;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions}, answered by Hearth's brain (skills first, then the local model and OpenAI as
 * configured, then the offline fallback) whatever model is named; the response echoes the name. Stateless: nothing is
 * stored (like {@code store: false}), the request's messages are the whole conversation (its last
 * {@code brain.context_events} earlier messages reach the brain), and timers cannot be set (see
 * {@link StatelessTimers}). The responder that answered is named in the {@code x-hearth-source} header ({@code skill},
 * {@code llm}, {@code openai}, {@code fallback}). When the offline fallback would answer because Hearth's own OpenAI
 * was refused by a rate or the day's budget, the answer is that refusal, as OpenAI says it: 429 with
 * {@code Retry-After}. Audio parts are transcribed on the STT pool; the brain runs on its own pool, and a streamed
 * answer is sent as it is written.
 */
final class ChatCompletions {
  private static final Logger log = LoggerFactory.getLogger(ChatCompletions.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SOURCE_HEADER = "x-hearth-source";

  private final OpenAiApi.Chat chat;
  private final Recognition recognition;
  private final long maxBodyBytes;
  private final Executor sttPool;
  private final Executor brainPool;
  private final Clock clock;

  /** @param maxBodyBytes the largest body taken (audio parts make it large) */
  ChatCompletions(OpenAiApi.Chat chat, Recognition recognition, long maxBodyBytes, Executor sttPool, Executor brainPool,
      Clock clock) {
    this.chat = chat;
    this.recognition = recognition;
    this.maxBodyBytes = maxBodyBytes;
    this.sttPool = sttPool;
    this.brainPool = brainPool;
    this.clock = clock;
  }

  void handle(Context ctx) {
    ChatRequest request = ChatRequest.parse(Bodies.object(ctx, maxBodyBytes));
    String client = ctx.ip();
    OpenAiApi.async(ctx, "The brain", "brain_failed", () -> {
      CompletableFuture<List<ContextTurn>> turns = request.hasAudio()
          ? CompletableFuture.supplyAsync(() -> transcribed(request), sttPool)
          : CompletableFuture.completedFuture(texts(request, null));
      return turns.thenAcceptAsync(t -> answer(ctx, request, t, client), brainPool);
    });
  }

  private List<ContextTurn> transcribed(ChatRequest request) {
    return texts(request, audio -> {
      try {
        return recognition.transcribe(audio, s -> {}).text();
      } catch (Exception e) {
        throw OpenAiError.server("Transcribing input_audio failed: " + e.getMessage(), "stt_failed").failure();
      }
    });
  }

  /** Each message as its text, its parts joined by newlines and audio transcribed. */
  private static List<ContextTurn> texts(ChatRequest request, Function<AudioChunk, String> stt) {
    List<ContextTurn> turns = new ArrayList<>();
    for (ChatRequest.Message m : request.messages()) {
      StringBuilder text = new StringBuilder();
      for (ChatRequest.Part p : m.parts()) {
        String piece = p instanceof ChatRequest.Text t ? t.text() : stt.apply(((ChatRequest.Audio) p).audio());
        if (!piece.isEmpty()) text.append(text.length() > 0 ? "\n" : "").append(piece);
      }
      turns.add(new ContextTurn(m.role(), text.toString()));
    }
    return turns;
  }

  private void answer(Context ctx, ChatRequest request, List<ContextTurn> turns, String client) {
    String question = turns.get(turns.size() - 1).text();
    List<ContextTurn> earlier = turns.subList(0, turns.size() - 1);
    List<ContextTurn> context = earlier.subList(earlier.size() - ContextWindow.length(earlier.size(), chat.contextTurns()),
        earlier.size());
    String prompt = request.systemPrompt().orElse(chat.defaultSystemPrompt());
    AtomicReference<String> answering = new AtomicReference<>();
    AtomicReference<Refusal> openAiRefused = new AtomicReference<>();
    Brain brain = new Brain(tracked(chat.chain().apply(new StatelessTimers(), prompt), answering, openAiRefused));
    Completion completion = new Completion(request, clock.instant().getEpochSecond(),
        Tokens.estimate(prompt) + turns.stream().mapToLong(t -> Tokens.estimate(t.text())).sum());
    Stream stream = request.stream() ? new Stream(ctx, completion, answering) : null;
    BrainRequest asked = new BrainRequest(question, "openai-api-" + completion.id, context,
        ZonedDateTime.now(clock.withZone(chat.zone())), () -> stream != null && stream.gone(), client,
        System.nanoTime() + chat.deadlineMillis() * 1_000_000, null);
    Reply reply;
    try {
      reply = brain.answer(asked, stream == null ? piece -> {} : stream::delta);
    } catch (StatelessTimers.Refused refused) {
      reply = Reply.of(refused.getMessage(), Skills.SOURCE);
    } catch (Exception | Error e) { // an Error too (a native library gone): this request ends, the server does not
      OpenAiError error = OpenAiError.server("The brain could not answer: " + e.getMessage(), "brain_failed");
      if (stream == null || !stream.started()) throw error.failure();
      log.warn("The brain failed while streaming a chat completion", e);
      stream.error(error);
      return;
    }
    if (reply.source().equals(OfflineFallback.SOURCE) && openAiRefused.get() != null && (stream == null || !stream.started())) {
      throw refusal(ctx, openAiRefused.get()).failure();
    }
    if (stream != null) {
      stream.finish(reply);
      return;
    }
    ctx.header(SOURCE_HEADER, reply.source());
    ctx.contentType("application/json").result(completion.whole(reply.written()).toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A refusal of Hearth's OpenAI as OpenAI answers one: 429, {@code rate_limit_exceeded} (the SDKs retry after
   * {@code Retry-After}) or {@code insufficient_quota} (not worth retrying today).
   */
  private static OpenAiError refusal(Context ctx, Refusal refusal) {
    ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
    if (refusal.code().equals(Refusal.RATE_LIMITED)) {
      return new OpenAiError(429, refusal.sentence(), "requests", null, "rate_limit_exceeded");
    }
    ctx.header("x-should-retry", "false");
    return new OpenAiError(429, refusal.sentence(), "insufficient_quota", null, "insufficient_quota");
  }

  /**
   * The chain, each responder noting that it is the one answering, so deltas can be told apart before the reply, and
   * the refusal it was asked after, if any.
   */
  private static List<Responder> tracked(List<Responder> chain, AtomicReference<String> answering,
      AtomicReference<Refusal> refused) {
    List<Responder> tracked = new ArrayList<>();
    for (Responder r : chain) {
      tracked.add(new Responder() {
        @Override
        public String source() {
          return r.source();
        }

        @Override
        public Optional<Reply> respond(BrainRequest request, Consumer<String> deltas) throws Exception {
          answering.set(r.source());
          if (request.refusal() != null) refused.compareAndSet(null, request.refusal());
          return r.respond(request, deltas);
        }
      });
    }
    return tracked;
  }

  /** The response objects of one completion, all with its id, creation time and the model's name as asked. */
  static final class Completion {
    final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    final ChatRequest request;
    final long created;
    final long promptTokens;

    Completion(ChatRequest request, long created, long promptTokens) {
      this.request = request;
      this.created = created;
      this.promptTokens = promptTokens;
    }

    ObjectNode whole(String text) {
      ObjectNode root = head("chat.completion");
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal").putArray("annotations");
      choice.putNull("logprobs");
      choice.put("finish_reason", "stop");
      root.set("usage", usage(text));
      return root;
    }

    /** A chunk with one choice whose delta is {@code delta}; {@code usage: null} when usage was asked for. */
    ObjectNode chunk(ObjectNode delta, String finishReason) {
      ObjectNode root = head("chat.completion.chunk");
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason);
      if (request.includeUsage()) root.putNull("usage");
      return root;
    }

    /** The last chunk when usage was asked for: no choices, the usage. */
    ObjectNode usageChunk(String text) {
      ObjectNode root = head("chat.completion.chunk");
      root.putArray("choices");
      root.set("usage", usage(text));
      return root;
    }

    private ObjectNode head(String object) {
      ObjectNode root = JSON.createObjectNode();
      root.put("id", id).put("object", object).put("created", created).put("model", request.model());
      return root;
    }

    /** Estimated counts (see {@link Tokens}). */
    private ObjectNode usage(String text) {
      long completion = Tokens.estimate(text);
      return JSON.createObjectNode().put("prompt_tokens", promptTokens).put("completion_tokens", completion)
          .put("total_tokens", promptTokens + completion);
    }
  }

  /**
   * A streamed answer: the headers (with the answering responder) and the role chunk go out with the first text, then
   * a chunk per delta, the final chunk, the usage chunk when asked for, and {@code data: [DONE]}.
   */
  private static final class Stream {
    private final Context ctx;
    private final Completion completion;
    private final AtomicReference<String> answering;
    private final StringBuilder streamed = new StringBuilder();
    private ResponseStream events;
    private boolean gone;

    Stream(Context ctx, Completion completion, AtomicReference<String> answering) {
      this.ctx = ctx;
      this.completion = completion;
      this.answering = answering;
    }

    synchronized boolean started() {
      return events != null;
    }

    synchronized boolean gone() {
      return gone || events != null && events.gone();
    }

    synchronized void delta(String piece) {
      if (piece.isEmpty() || !begin(answering.get())) return;
      streamed.append(piece);
      events.event(completion.chunk(JSON.createObjectNode().put("content", piece), null).toString());
    }

    synchronized void finish(Reply reply) {
      if (!begin(reply.source())) return;
      if (streamed.length() == 0) {
        streamed.append(reply.written());
        events.event(completion.chunk(JSON.createObjectNode().put("content", reply.written()), null).toString());
      }
      events.event(completion.chunk(JSON.createObjectNode(), "stop").toString());
      if (completion.request.includeUsage()) events.event(completion.usageChunk(streamed.toString()).toString());
      events.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }

    /** An error after the stream began: an event the SDKs throw as an APIError. */
    synchronized void error(OpenAiError error) {
      if (events != null) events.event(error.toJson().toString());
    }

    /** Sends the headers and the role chunk once; false when the client has gone. */
    private boolean begin(String source) {
      if (gone) return false;
      if (events == null) {
        try {
          if (source != null) ctx.header(SOURCE_HEADER, source);
          events = ResponseStream.events(ctx);
        } catch (IOException e) {
          gone = true;
          return false;
        }
        events.event(completion.chunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null).toString());
      }
      return !events.gone();
    }
  }
}
