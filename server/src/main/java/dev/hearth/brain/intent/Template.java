package dev.hearth.brain.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sentence a person may say, written as a template: plain words, alternatives {@code (set|start)}, optional parts
 * {@code [the]} (which may hold alternatives, {@code [now|right now]}), and slots {@code {duration}} or
 * {@code {from:unit}} (a slot named {@code from} read as a {@code unit}). Words are lowercase letters and digits, as a
 * normalised utterance has them. Parsed once, when a skill declares it; a malformed template fails at once
 * with the column and what was expected.
 */
public final class Template {
  /** A part of a template. */
  public sealed interface Node permits Word, Sequence, Choice, SlotRef {}

  /** One word that must be said. */
  public record Word(String text) implements Node {}

  /** Parts said one after another. */
  public record Sequence(List<Node> parts) implements Node {}

  /** One of the alternatives, or (when optional) none of them. */
  public record Choice(List<Node> alternatives, boolean optional) implements Node {}

  /** A slot: words read by the slot type {@code type}, kept under {@code name}. */
  public record SlotRef(String name, String type) implements Node {}

  private final String source;
  private final Node root;

  private Template(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  /** Parses {@code source}; throws IllegalArgumentException naming the column of a mistake. */
  public static Template parse(String source) {
    Parser p = new Parser(source);
    Node root = p.sequence();
    if (p.peek() == '|') throw p.error("a template's top level has no alternatives; wrap them in ( )");
    if (p.at < source.length()) throw p.error("unexpected '" + source.charAt(p.at) + "'");
    return new Template(source, root);
  }

  /** The template as written. */
  public String source() {
    return source;
  }

  public Node root() {
    return root;
  }

  /** The slots this template holds, in order. */
  public List<SlotRef> slots() {
    List<SlotRef> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  /** Every word sequence a template without slots accepts, each with single spaces: "[the] (a|b)" → a, b, the a, the b. */
  public List<String> spellings() {
    if (!slots().isEmpty()) throw new IllegalStateException("a template with slots has no fixed spellings: " + source);
    return spell(root).stream().map(s -> s.trim()).toList();
  }

  @Override
  public String toString() {
    return source;
  }

  private static List<String> spell(Node node) {
    if (node instanceof Word w) return List.of(w.text());
    List<String> out = new ArrayList<>();
    if (node instanceof Choice c) {
      if (c.optional()) out.add("");
      for (Node n : c.alternatives()) out.addAll(spell(n));
      return out;
    }
    out.add("");
    for (Node part : ((Sequence) node).parts()) {
      List<String> next = new ArrayList<>();
      for (String head : out) {
        for (String tail : spell(part)) next.add(head.isEmpty() || tail.isEmpty() ? head + tail : head + " " + tail);
      }
      out = next;
    }
    return out;
  }

  private static void collect(Node node, List<SlotRef> out) {
    if (node instanceof SlotRef s) {
      if (!out.contains(s)) out.add(s);
    } else if (node instanceof Sequence s) {
      s.parts().forEach(n -> collect(n, out));
    } else if (node instanceof Choice c) {
      c.alternatives().forEach(n -> collect(n, out));
    }
  }

  private static final class Parser {
    private final String s;
    private int at;

    Parser(String s) {
      this.s = s;
    }

    /** alternatives := sequence ('|' sequence)* */
    Node alternatives() {
      List<Node> alts = new ArrayList<>();
      alts.add(sequence());
      while (peek() == '|') {
        at++;
        alts.add(sequence());
      }
      return alts.size() == 1 ? alts.get(0) : new Choice(alts, false);
    }

    /** sequence := item* */
    Node sequence() {
      List<Node> parts = new ArrayList<>();
      while (true) {
        skipSpaces();
        char c = peek();
        if (c == 0 || c == '|' || c == ')' || c == ']') break;
        parts.add(item());
      }
      if (parts.isEmpty()) throw error("an empty alternative");
      return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
    }

    Node item() {
      char c = peek();
      if (c == '(' || c == '[') {
        at++;
        Node inner = alternatives();
        char close = c == '(' ? ')' : ']';
        if (peek() != close) throw error("expected '" + close + "'");
        at++;
        List<Node> alts = inner instanceof Choice ch && !ch.optional() ? ch.alternatives() : List.of(inner);
        return new Choice(alts, c == '[');
      }
      if (c == '{') {
        int end = s.indexOf('}', at);
        if (end < 0) throw error("expected '}'");
        String body = s.substring(at + 1, end);
        String[] parts = body.split(":", -1);
        if (parts.length > 2 || !parts[0].matches("[a-z_]+") || (parts.length == 2 && !parts[1].matches("[a-z_]+"))) {
          throw error("a slot is {type} or {name:type}, in lowercase letters and _, not {" + body + "}");
        }
        at = end + 1;
        return new SlotRef(parts[0], parts.length == 2 ? parts[1] : parts[0]);
      }
      int start = at;
      while (at < s.length() && isWordChar(s.charAt(at))) at++;
      if (at == start) throw error("unexpected '" + c + "'");
      String word = s.substring(start, at);
      if (!word.equals(word.toLowerCase(Locale.ROOT))) throw error("words are lowercase: '" + word + "'");
      return new Word(word);
    }

    private static boolean isWordChar(char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    private void skipSpaces() {
      while (at < s.length() && s.charAt(at) == ' ') at++;
    }

    private char peek() {
      skipSpaces();
      return at < s.length() ? s.charAt(at) : 0;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("template \"" + s + "\", column " + (at + 1) + ": " + what);
    }
  }
}
