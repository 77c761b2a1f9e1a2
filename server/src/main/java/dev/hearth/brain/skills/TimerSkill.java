package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.brain.intent.SlotType;
import dev.hearth.store.TimerInfo;
import dev.hearth.timer.Ringing;
import dev.hearth.timer.TimerPhrases;
import dev.hearth.timer.Timers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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
  private static final String SET = "set up|set|start|create|make|add|put on|put|begin|run|i need|i want|give me"
      + "|can i have|can i get";
  private static final String CANCEL = "(cancel|stop|delete|remove|clear|turn off|switch off|end|kill|dismiss)";
  private static final String MORE = "[another|new|my|one more]";
  private static final String NAMED = "[(called|named|labeled|labelled|for) {name:timer_name}]";
  private static final String WHICH = "[{which:timer_selector}]";
  private static final Set<String> NOT_LABEL = Set.of("a", "an", "the", "my", "for", "and", "of", "timer", "timers",
      "called", "named", "labeled", "labelled", "me", "please", "to", "in", "on", "at", "with", "it", "that", "this",
      "all", "every", "each", "both", "another", "new", "any", "old", "previous", "those", "these");
  private static final int MAX_LABEL_WORDS = 3;
  /** How much less sure a timer name is that is not among the common ones. */
  static final double UNCOMMON_NAME_DOUBT = 0.06;
  /** Names a restricted recognizer may hear for a timer; any other name is heard by open recognition. */
  private static final List<String> COMMON_NAMES = List.of("pasta", "egg", "eggs", "pizza", "tea", "laundry", "bread",
      "rice", "cake", "cookies", "chicken", "oven", "potatoes", "soup", "coffee", "nap", "workout", "homework",
      "kitchen", "dinner", "lunch", "breakfast", "roast", "turkey", "fish", "noodles", "popcorn", "break");

  /**
   * Names of timers: one to three plain words that are neither numbers nor units nor the sentence's own words. A name
   * that is not a common one is read a little less surely ({@link #UNCOMMON_NAME_DOUBT}), so where a recognizer
   * restricted to the common names heard one that sounds alike ("pastor" against "pasta"), that one wins.
   */
  static final SlotType NAME = SkillSlots.of((words, start) -> {
    List<SlotType.Reading> readings = new ArrayList<>();
    for (int n = Math.min(MAX_LABEL_WORDS, words.size() - start); n >= 1; n--) {
      List<String> label = words.subList(start, start + n);
      String name = String.join(" ", label);
      if (isLabel(label)) readings.add(new SlotType.Reading(name, n, COMMON_NAMES.contains(name) ? 0 : UNCOMMON_NAME_DOUBT));
    }
    return readings;
  }, COMMON_NAMES);

  /** Which timers a request is about: by length ("the five minute timer") or by name ("the pasta timer"). */
  static final SlotType SELECTOR = SkillSlots.of((words, start) -> {
    List<SlotType.Reading> readings = new ArrayList<>();
    for (SlotType.Reading r : SkillSlots.DURATION.read(words, start)) {
      readings.add(SlotType.Reading.exact(new Selector((Long) r.value(), null), r.words()));
    }
    for (SlotType.Reading r : NAME.read(words, start)) {
      readings.add(new SlotType.Reading(new Selector(null, labelKey((String) r.value())), r.words(), r.doubt()));
    }
    return readings;
  }, List.of("{duration}", "{timer_name}"));

  /** Any words after a request to set a timer that says no length the skill understands: then it asks how long. */
  private static final SlotType UNCLEAR = SkillSlots.of((words, start) -> List.of(
      new SlotType.Reading(String.join(" ", words.subList(start, words.size())), words.size() - start, 0.1)), List.of());

  private final Timers timers;
  private final Ringing ringing;

  TimerSkill(Timers timers, Ringing ringing) {
    this.timers = timers;
    this.ringing = ringing;
  }

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.slotType("duration", SkillSlots.DURATION).slotType("timer_name", NAME)
        .slotType("timer_selector", SELECTOR).slotType("unclear", UNCLEAR);
    sentences.sentences("timer.set",
        "[" + SET + "] " + MORE + " {duration} [{name:timer_name}] timer " + NAMED,
        "[" + SET + "] " + MORE + " [{name:timer_name}] timer [for] {duration} " + NAMED);
    sentences.sentences("timer.set_without_length",
        "(" + SET + ") " + MORE + " [{name:timer_name}] timer [{unclear}]");
    sentences.sentences("timer.list",
        "(what|which) timers (do i have|have i got|have i set|are there|are set|are running|are going|are on)"
            + " [set|running|going|on]",
        "(list|show|check|show me|tell me about|read) [all] [of] [my|the] timers",
        "(do i have|have i got|are there|is there) [any] timers [set|running|going|on]",
        "my timers",
        "timers status",
        "how (much time|long|much longer) [is|do i have|have i got] (left|remaining|to go)"
            + " [(on|for|in) (the|my) " + WHICH + " timer]",
        "how much longer [(on|for) (the|my) " + WHICH + " timer]",
        "(how much|what) [time] is left (on|in) (the|my) " + WHICH + " timer",
        "how long (until|till|before) (the|my) " + WHICH
            + " timer (goes off|go off|is done|are done|rings|ring|finishes|ends)");
    sentences.sentences("timer.cancel",
        CANCEL + " [of] [the|my|this|that] " + WHICH + " timer [(for|called|named) {which:timer_selector}]");
    sentences.sentences("timer.cancel_all",
        CANCEL + " (all|every|each|both|old|previous|those|these) [of] [the|my|this|that] " + WHICH
            + " timers [(for|called|named) {which:timer_selector}]",
        CANCEL + " [the|my|this|that] timers");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    Selector which = intent.slot("which", Selector.class).orElse(Selector.ALL);
    return Skill.say(switch (intent.name()) {
      case "timer.set" -> set(intent.slot("duration", Long.class).orElseThrow(), intent.slot("name", String.class)
          .orElse(null), request);
      case "timer.set_without_length" -> "How long should the timer be? " + HOW_LONG;
      case "timer.list" -> list(request, which);
      case "timer.cancel" -> cancel(which, false);
      default -> cancel(which, true);
    });
  }

  private String set(long millis, String name, BrainRequest request) {
    if (millis < 1000) return "That timer would be over before it started. " + HOW_LONG;
    if (millis > MAX_MILLIS) return "That's too long for me. Timers can run for up to 24 hours.";
    TimerInfo timer = timers.start(request.conversationId(), millis, name);
    if (name == null) return "Okay, " + TimerPhrases.withArticle(timer) + ", starting now.";
    return "Okay, " + TimerPhrases.withArticle(timer) + " for " + TimerPhrases.duration(millis) + ", starting now.";
  }

  private static boolean isLabel(List<String> words) {
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
    // "stop the timer" while one rings means the ringing, not a timer still counting down
    if (ringing != null && !ringing.stopAll("timer").isEmpty()) return "Okay, timer off.";
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

    /** The length in ms or the name, as the command corpus writes it. */
    @Override
    public String toString() {
      return millis != null ? millis.toString() : label;
    }

    String spoken() {
      if (millis != null) return TimerPhrases.withArticle(TimerPhrases.lengthAdjective(millis) + " timer");
      if (label != null) return TimerPhrases.withArticle(label + " timer");
      return "any timers";
    }
  }

  private static String labelKey(String label) {
    String key = label.trim().toLowerCase(Locale.ROOT);
    return key.endsWith(" timer") ? key.substring(0, key.length() - " timer".length()) : key;
  }

  /** "a", "a; and b", "a; b; and c" for separator "; ", or "a and b", "a, b and c" for ", ". */
  static String joinWithAnd(List<String> items, String separator) {
    if (items.size() == 1) return items.get(0);
    String head = String.join(separator, items.subList(0, items.size() - 1));
    String last = items.get(items.size() - 1);
    return separator.equals("; ") ? head + "; and " + last : head + " and " + last;
  }
}
