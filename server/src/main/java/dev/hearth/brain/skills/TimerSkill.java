package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.store.TimerInfo;
import dev.hearth.timer.TimerPhrases;
import dev.hearth.timer.Timers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets, lists and cancels the household's countdown timers through {@link Timers}. A timer is set in the request's
 * conversation, and any conversation lists and cancels every timer: after "start a new conversation" the timers
 * set before are still there.
 *
 * <p>Set: "set a timer for five minutes", "set a pasta timer for ten minutes", "five minute timer".
 * List: "what timers do i have", "how much time is left". Cancel: "cancel the timer", "cancel all timers",
 * "stop the pasta timer", "cancel the five minute timer".
 */
final class TimerSkill implements Skill {
  static final long MAX_MILLIS = 24 * 3_600_000L;

  private static final String HOW_LONG = "For example, say set a timer for five minutes.";
  private static final String SELECTOR = "(?: (?<sel>[a-z0-9. ]+?))?";

  private static final List<Pattern> LIST = List.of(
      Pattern.compile("(?:what|which) timers? (?:do i have|have i got|have i set|are there|are set|are running"
          + "|are going|are on)(?: set| running| going| on)?"),
      Pattern.compile("(?:list|show|check|show me|tell me about|read)(?: all)?(?: of)?(?: my| the)? timers?"),
      Pattern.compile("(?:do i have|have i got|are there|is there)(?: any)? timers?(?: set| running| going| on)?"),
      Pattern.compile("timers?(?: status)?|my timers?"),
      Pattern.compile("how (?:much time|long|much longer)(?: is| do i have| have i got)? (?:left|remaining|to go)"
          + "(?: (?:on|for|in) (?:the|my)" + SELECTOR + " timers?)?"),
      Pattern.compile("how much longer(?: (?:on|for) (?:the|my)" + SELECTOR + " timers?)?"),
      Pattern.compile("(?:how much|what)(?: time)? is left (?:on|in) (?:the|my)" + SELECTOR + " timers?"),
      Pattern.compile("how long (?:until|till|before) (?:the|my)" + SELECTOR
          + " timers? (?:goes off|go off|is done|are done|rings|ring|finishes|ends)"));

  private static final Pattern CANCEL = Pattern.compile(
      "(?:cancel|stop|delete|remove|clear|turn off|switch off|end|kill|dismiss)"
          + "(?<all> all| every| each| both)?(?: of)?(?: the| my| this| that)?" + SELECTOR
          + " (?<noun>timers?)(?: (?:for|called|named) (?<sel2>[a-z0-9. ]+))?");

  private static final List<String> SET_VERBS = List.of("set up", "set", "start", "create", "make", "add",
      "put on", "put", "begin", "run", "i need", "i want", "give me", "can i have", "can i get");
  private static final Set<String> FILLERS = Set.of("a", "an", "the", "another", "new", "my", "one more");
  private static final Set<String> LABEL_INTRO = Set.of("called", "named", "labeled", "labelled", "for");
  private static final Set<String> NOT_LABEL = Set.of("a", "an", "the", "my", "for", "and", "of", "timer", "timers",
      "called", "named", "labeled", "labelled", "me", "please", "to", "in", "on", "at", "with", "it", "that", "this");
  private static final int MAX_LABEL_WORDS = 3;

  private final Timers timers;

  TimerSkill(Timers timers) {
    this.timers = timers;
  }

  @Override
  public Optional<Reply> answer(Utterance utterance, BrainRequest request) {
    for (Pattern pattern : LIST) {
      Matcher m = pattern.matcher(utterance.text());
      if (m.matches()) return Skill.say(list(request, selector(group(m, "sel"))));
    }
    Matcher cancel = CANCEL.matcher(utterance.text());
    if (cancel.matches()) {
      String sel = group(cancel, "sel2") != null ? group(cancel, "sel2") : group(cancel, "sel");
      boolean all = cancel.group("all") != null || (cancel.group("noun").equals("timers") && sel == null);
      return Skill.say(cancel(selector(sel), all));
    }
    return set(utterance.tokens(), request);
  }

  // ---- set ----

  private Optional<Reply> set(List<String> tokens, BrainRequest request) {
    int timerAt = tokens.indexOf("timer");
    if (timerAt < 0 || tokens.lastIndexOf("timer") != timerAt) return Optional.empty();

    int i = 0;
    boolean verb = false;
    for (String phrase : SET_VERBS) {
      if (startsWith(tokens, 0, phrase)) {
        i = phrase.split(" ").length;
        verb = true;
        break;
      }
    }
    if (i > timerAt) return Optional.empty();

    Long millis = null;
    List<String> label = new ArrayList<>();
    boolean understood = true;

    // before "timer": [article] [duration] [label words]
    while (i < timerAt && DurationWords.parse(tokens, i).isEmpty() && FILLERS.contains(tokens.get(i))) i++;
    Optional<DurationWords.Match> before = DurationWords.parse(tokens.subList(0, timerAt), i);
    if (before.isPresent()) {
      millis = before.get().millis();
      i += before.get().tokens();
    }
    label.addAll(tokens.subList(i, timerAt));

    // after "timer": clauses "[for] <duration>" and "called|named|for <label>"
    int j = timerAt + 1;
    while (j < tokens.size() && understood) {
      int k = "for".equals(tokens.get(j)) ? j + 1 : j;
      Optional<DurationWords.Match> after = DurationWords.parse(tokens, k);
      if (after.isPresent() && millis == null) {
        millis = after.get().millis();
        j = k + after.get().tokens();
      } else if (LABEL_INTRO.contains(tokens.get(j)) && label.isEmpty()) {
        j++;
        while (j < tokens.size() && FILLERS.contains(tokens.get(j))) j++;
        int end = j;
        while (end < tokens.size() && !LABEL_INTRO.contains(tokens.get(end))) end++;
        label.addAll(tokens.subList(j, end));
        understood = end > j;
        j = end;
      } else {
        understood = false;
      }
    }
    understood = understood && isLabel(label);

    if (!understood || millis == null) {
      return verb ? Skill.say("How long should the timer be? " + HOW_LONG) : Optional.empty();
    }
    if (millis < 1000) return Skill.say("That timer would be over before it started. " + HOW_LONG);
    if (millis > MAX_MILLIS) return Skill.say("That's too long for me. Timers can run for up to 24 hours.");

    String name = label.isEmpty() ? null : String.join(" ", label);
    TimerInfo timer = timers.start(request.conversationId(), millis, name);
    if (name == null) return Skill.say("Okay, " + TimerPhrases.withArticle(timer) + ", starting now.");
    return Skill.say("Okay, " + TimerPhrases.withArticle(timer) + " for " + TimerPhrases.duration(millis)
        + ", starting now.");
  }

  private static boolean isLabel(List<String> words) {
    if (words.size() > MAX_LABEL_WORDS) return false;
    for (String word : words) {
      if (!word.chars().allMatch(c -> c >= 'a' && c <= 'z') || NOT_LABEL.contains(word)
          || NumberWords.isNumberWord(word) || DurationWords.isUnit(word)) {
        return false;
      }
    }
    return true;
  }

  // ---- list ----

  private String list(BrainRequest request, Selector selector) {
    long now = request.now().toInstant().toEpochMilli();
    List<TimerInfo> active = timers.active();
    List<TimerInfo> chosen = active.stream().filter(selector).toList();
    if (active.isEmpty()) return "You have no timers.";
    if (chosen.isEmpty()) return "You don't have " + selector.spoken() + ".";
    if (chosen.size() == 1) {
      TimerInfo timer = chosen.get(0);
      return "Your " + TimerPhrases.describe(timer) + " has " + TimerPhrases.remaining(timer.remainingMillis(now))
          + " left.";
    }
    List<String> items = new ArrayList<>();
    for (TimerInfo timer : chosen) {
      String name = timer.label() != null ? timer.label() : TimerPhrases.withArticle(timer);
      items.add(name + ", " + TimerPhrases.remaining(timer.remainingMillis(now)) + " left");
    }
    return "You have " + TimerPhrases.count(chosen.size()) + " timers: " + joinWithAnd(items, "; ") + ".";
  }

  // ---- cancel ----

  private String cancel(Selector selector, boolean all) {
    List<TimerInfo> active = timers.active();
    List<TimerInfo> chosen = active.stream().filter(selector).toList();
    if (active.isEmpty()) return "You have no timers.";
    if (chosen.isEmpty()) return "You don't have " + selector.spoken() + ".";
    if (chosen.size() > 1 && !all) {
      List<String> names = chosen.stream().map(TimerSkill::shortName).toList();
      return "You have " + TimerPhrases.count(chosen.size()) + " timers: " + joinWithAnd(names, ", ")
          + ". Say which one to cancel, or say cancel all timers.";
    }
    List<TimerInfo> cancelled = new ArrayList<>();
    for (TimerInfo timer : chosen) timers.cancel(timer.id()).ifPresent(cancelled::add);
    if (cancelled.isEmpty()) return "That timer has already finished.";
    if (cancelled.size() == 1) return "Cancelled your " + TimerPhrases.describe(cancelled.get(0)) + ".";
    if (cancelled.size() == 2) return "Cancelled both of your timers.";
    return "Cancelled all " + TimerPhrases.count(cancelled.size()) + " timers.";
  }

  private static String shortName(TimerInfo timer) {
    return timer.label() != null ? timer.label() : TimerPhrases.withArticle(timer);
  }

  // ---- helpers ----

  /** Which timers a request is about: all, those of one length, or the one with a label. */
  private record Selector(Long millis, String label) implements Predicate<TimerInfo> {
    static final Selector ALL = new Selector(null, null);

    @Override
    public boolean test(TimerInfo timer) {
      if (millis != null) return timer.durationMillis() == millis;
      if (label != null) return timer.label() != null && labelKey(timer.label()).equals(label);
      return true;
    }

    String spoken() {
      if (millis != null) return TimerPhrases.withArticle(TimerPhrases.lengthAdjective(millis) + " timer");
      if (label != null) return TimerPhrases.withArticle(label + " timer");
      return "any timers";
    }
  }

  private static Selector selector(String text) {
    if (text == null || text.isBlank()) return Selector.ALL;
    List<String> words = Arrays.asList(text.trim().split(" "));
    Optional<DurationWords.Match> duration = DurationWords.parse(words, 0);
    if (duration.isPresent() && duration.get().tokens() == words.size()) {
      return new Selector(duration.get().millis(), null);
    }
    return new Selector(null, labelKey(text));
  }

  private static String labelKey(String label) {
    String key = label.trim().toLowerCase(java.util.Locale.ROOT);
    return key.endsWith(" timer") ? key.substring(0, key.length() - " timer".length()) : key;
  }

  /** The trimmed text of a named group, or null when the pattern lacks it or it matched nothing. */
  private static String group(Matcher m, String name) {
    if (!m.pattern().pattern().contains("(?<" + name + ">")) return null;
    String value = m.group(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static boolean startsWith(List<String> tokens, int at, String phrase) {
    String[] words = phrase.split(" ");
    if (at + words.length > tokens.size()) return false;
    for (int k = 0; k < words.length; k++) {
      if (!tokens.get(at + k).equals(words[k])) return false;
    }
    return true;
  }

  /** "a", "a; and b", "a; b; and c" for separator "; ", or "a and b", "a, b and c" for ", ". */
  static String joinWithAnd(List<String> items, String separator) {
    if (items.size() == 1) return items.get(0);
    String head = String.join(separator, items.subList(0, items.size() - 1));
    String last = items.get(items.size() - 1);
    return separator.equals("; ") ? head + "; and " + last : head + " and " + last;
  }
}
