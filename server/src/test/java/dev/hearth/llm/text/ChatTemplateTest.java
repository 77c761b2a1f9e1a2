package dev.hearth.llm.text;

import dev.hearth.llm.Fixtures;
import dev.hearth.brain.ChatModel.ChatMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-07T14:05:09Z"), ZoneOffset.UTC);
  private static ChatTemplate qwen;

  @BeforeAll
  static void load() throws IOException {
    qwen = ChatTemplate.read(Fixtures.dir("tiny-qwen2"), CLOCK);
  }

  @Test
  void qwenMultiTurnWithASystemPromptIsExactChatMl() {
    String prompt = qwen.render(List.of(
        ChatMessage.system("You are Hearth. Answer in one sentence."),
        ChatMessage.user("What's the capital of France?"),
        ChatMessage.assistant("Paris."),
        ChatMessage.user("And of Japan?")), true);
    assertThat(prompt).isEqualTo("""
        <|im_start|>system
        You are Hearth. Answer in one sentence.<|im_end|>
        <|im_start|>user
        What's the capital of France?<|im_end|>
        <|im_start|>assistant
        Paris.<|im_end|>
        <|im_start|>user
        And of Japan?<|im_end|>
        <|im_start|>assistant
        """);
  }

  @Test
  void qwenInsertsItsDefaultSystemPromptWhenThereIsNone() {
    String prompt = qwen.render(List.of(ChatMessage.user("Hi")), true);
    assertThat(prompt).isEqualTo("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
        + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void withoutAGenerationPromptTheTextEndsAfterTheLastTurn() {
    assertThat(qwen.render(List.of(ChatMessage.user("Hi")), false)).endsWith("<|im_start|>user\nHi<|im_end|>\n");
  }

  @Test
  void theRenderedPromptEncodesToTheChatMarkers() throws IOException {
    try (Tokenizer t = Tokenizer.open(Fixtures.dir("tiny-qwen2"))) {
      int[] ids = t.encode(qwen.render(List.of(ChatMessage.system("S"), ChatMessage.user("Hi")), true));
      assertThat(ids).startsWith(151644).contains(151645);
      assertThat(t.decode(ids, false)).isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }
  }

  @Test
  void pythonStringMethodsWork() {
    ChatTemplate t = new ChatTemplate("""
        {%- for m in messages -%}
        [{{ m.content.strip() }}|{{ m.content.lstrip(' x') }}|{{ m.content.startswith(' x') }}|{{ m.content.endswith(('a', 'y ')) }}\
        |{{ m.content.split('x')|length }}|{{ m.content.split()[1] }}|{{ m.content.upper().strip() }}|{{ m.role.title() }}]
        {%- endfor -%}""", "", "", CLOCK);
    assertThat(t.render(List.of(ChatMessage.user(" x and y ")), false))
        .isEqualTo("[x and y|and y |true|true|2|and|X AND Y|User]");
  }

  @Test
  void aThinkingBlockCanBeCutWithSplitAndLstrip() {
    ChatTemplate t = new ChatTemplate("{{ messages[0].content.split('</think>')[-1].lstrip('\\n') }}", "", "", CLOCK);
    assertThat(t.render(List.of(ChatMessage.assistant("<think>hm</think>\n\nYes.")), false)).isEqualTo("Yes.");
  }

  @Test
  void raiseExceptionRejectsTheConversationWithTheTemplatesMessage() {
    ChatTemplate t = new ChatTemplate("{% if messages[0].role != 'user' %}{{ raise_exception('Conversation must start with user') }}{% endif %}ok",
        "", "", CLOCK);
    assertThat(t.render(List.of(ChatMessage.user("a")), false)).isEqualTo("ok");
    assertThatThrownBy(() -> t.render(List.of(ChatMessage.assistant("a")), false))
        .isInstanceOf(ChatTemplateException.class).hasMessageContaining("Conversation must start with user");
  }

  @Test
  void strftimeNowUsesTheInjectedClock() {
    ChatTemplate t = new ChatTemplate("{%- set date_string = strftime_now(\"%d %b %Y\") -%}Today Date: {{ date_string }}", "", "", CLOCK);
    assertThat(t.render(List.of(), false)).isEqualTo("Today Date: 07 Mar 2025");
  }

  @Test
  void bosEosAndUndefinedToolsAreAvailable() {
    ChatTemplate t = new ChatTemplate("{{ bos_token }}{% if tools is not none %}T{% endif %}{% if not tools %}-{% endif %}"
        + "{% for m in messages %}{{ m['content'] + eos_token }}{% endfor %}", "<s>", "</s>", CLOCK);
    assertThat(t.render(List.of(ChatMessage.user("a"), ChatMessage.assistant("b")), false)).isEqualTo("<s>-a</s>b</s>");
  }

  @Test
  void tojsonWritesPythonsSpacing() {
    assertThat(PythonJson.dumps(java.util.Map.of("a", List.of(1, "é\"")), 0)).isEqualTo("{\"a\": [1, \"é\\\"\"]}");
    ChatTemplate t = new ChatTemplate("{{ messages[0] | tojson }}", "", "", CLOCK);
    assertThat(t.render(List.of(ChatMessage.user("x")), false)).isIn("{\"role\": \"user\", \"content\": \"x\"}", "{\"content\": \"x\", \"role\": \"user\"}");
  }

  @Test
  void aTemplateSyntaxErrorIsReported() {
    ChatTemplate t = new ChatTemplate("{% for m in messages %}{{ m.content }", "", "", CLOCK);
    assertThatThrownBy(() -> t.render(List.of(ChatMessage.user("x")), false)).isInstanceOf(ChatTemplateException.class);
  }
}
