package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import dev.hearth.store.AlarmInfo;
import dev.hearth.timer.Alarms;
import dev.hearth.timer.Ringing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Alarms at a clock time, kept through {@link Alarms}: "wake me up at seven thirty", "set an alarm for 6 am
 * tomorrow", "what alarms do i have", "cancel my alarm". A time said without am or pm means the next one to come, or
 * the morning for "wake me up". A ringing alarm is stopped by "stop" (see {@link StopSkill}) or "turn off the alarm",
 * and snoozed by "snooze" ({@value #SNOOZE_MINUTES} minutes) or "snooze for five minutes": it stops, and a new alarm is
 * set for then, kept like any other.
 */
final class AlarmSkill implements Skill {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);
  private static final String SET = "(set|create|make|add|put|schedule|start|i need|i want|give me)";
  private static final String CANCEL = "(cancel|delete|remove|clear|turn off|switch off|disable|stop)";
  private static final String NOT_HERE = "I can't set alarms here.";
  /** How long "snooze" puts a ringing alarm off, as most alarm clocks do. */
  static final int SNOOZE_MINUTES = 10;
  /** The longest snooze: anything longer is a new alarm. */
  static final long LONGEST_SNOOZE_MILLIS = 60 * 60_000;

  private final Alarms alarms;
  private final Ringing ringing;

  AlarmSkill(Alarms alarms, Ringing ringing) {
    this.alarms = alarms;
    this.ringing = ringing;
  }

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.slotType("time", SkillSlots.CLOCK_TIME).slotType("day", SkillSlots.DAY)
        .slotType("number", SkillSlots.NUMBER).slotType("duration", SkillSlots.DURATION);
    sentences.sentences("alarm.set",
        SET + " [an|my|another|new] alarm [for|at] {time} [{day}]",
        SET + " [an|my|another|new] alarm {day} (at|for) {time}",
        "alarm (for|at) {time} [{day}]",
        "{day} alarm (for|at) {time}");
    sentences.sentences("alarm.wake",
        "wake me [up] (at|by) {time} [{day}]",
        "wake me [up] {day} at {time}",
        "i (want|need) to (wake up|get up|be up) at {time} [{day}]");
    sentences.sentences("alarm.list",
        "(what|which) alarms (do i have|have i got|are set|are on)",
        "(list|show|check|show me|tell me about|read) [all] [of] [my|the] alarms",
        "(do i have|have i got|is there|are there) [an|any] alarms [set|on]",
        "(is|when is) my alarm [set] [for]",
        "when (is|does) my alarm [go off|ring]",
        "my alarms");
    sentences.sentences("alarm.cancel",
        CANCEL + " [my|the|this|that] alarm [(for|at) {time}]");
    sentences.sentences("alarm.snooze", "snooze [it|my|the|this|that] [alarm] [(for|by|another) {duration}]");
    sentences.sentences("alarm.cancel_all",
        CANCEL + " (all|every|both) [of] [my|the] alarms",
        CANCEL + " [my|the] alarms");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    if (alarms == null) return Skill.say(NOT_HERE);
    return Skill.say(switch (intent.name()) {
      case "alarm.set", "alarm.wake" -> set(intent, request);
      case "alarm.list" -> list(request);
      case "alarm.cancel" -> cancel(intent.slot("time", ClockWords.ClockTime.class).orElse(null), false);
      case "alarm.snooze" -> snooze(intent.slot("duration", Long.class).orElse(SNOOZE_MINUTES * 60_000L), request);
      default -> cancel(null, true);
    });
  }

  private String set(Intent intent, BrainRequest request) {
    ClockWords.ClockTime time = intent.slot("time", ClockWords.ClockTime.class).orElseThrow();
    LocalDate day = intent.slot("day", DayWords.Day.class).map(d -> d.on(request.now().toLocalDate())).orElse(null);
    ZonedDateTime now = request.now();
    ZonedDateTime at = time.next(now, day, intent.name().equals("alarm.wake"));
    if (!at.isAfter(now)) return "That time has already passed. Say a time to come, like seven thirty tomorrow.";
    if (at.isAfter(now.plusDays(7))) return "I can set alarms up to a week ahead.";
    alarms.set(request.conversationId(), at, null);
    return "Okay, alarm set for " + when(at, now) + ".";
  }

  private String snooze(long millis, BrainRequest request) {
    if (millis > LONGEST_SNOOZE_MILLIS) return "I can snooze for up to an hour. For longer, set a new alarm.";
    if (ringing == null || ringing.stopAll("alarm").isEmpty()) return "There's no alarm ringing.";
    ZonedDateTime at = request.now().plus(Duration.ofMillis(millis));
    alarms.set(request.conversationId(), at, null);
    return "Okay, I'll ring again at " + at.format(TIME) + ".";
  }

  private String list(BrainRequest request) {
    List<AlarmInfo> active = alarms.active();
    if (active.isEmpty()) return "You have no alarms.";
    List<String> items = new ArrayList<>();
    for (AlarmInfo alarm : active) items.add(when(at(alarm, request.now()), request.now()));
    if (items.size() == 1) return "You have an alarm for " + items.get(0) + ".";
    return "You have " + items.size() + " alarms: " + TimerSkill.joinWithAnd(items, ", ") + ".";
  }

  private String cancel(ClockWords.ClockTime time, boolean all) {
    if (ringing != null) {
      List<Ringing.Ring> stopped = ringing.stopAll("alarm");
      if (!stopped.isEmpty()) return "Okay, alarm off.";
    }
    List<AlarmInfo> active = alarms.active();
    if (active.isEmpty()) return "You have no alarms.";
    List<AlarmInfo> chosen = time == null ? active
        : active.stream().filter(a -> sameTime(LocalTime.parse(a.localTime()), time)).toList();
    if (chosen.isEmpty()) return "You don't have an alarm for " + time.toString().replaceFirst("^0", "") + ".";
    if (chosen.size() > 1 && !all) {
      return "You have " + chosen.size() + " alarms. Say which time to cancel, or say cancel all alarms.";
    }
    int cancelled = 0;
    for (AlarmInfo alarm : chosen) cancelled += alarms.cancel(alarm.id()).isPresent() ? 1 : 0;
    if (cancelled == 0) return "That alarm has already rung.";
    return cancelled == 1 ? "Okay, alarm cancelled." : "Okay, cancelled all " + cancelled + " alarms.";
  }

  private static boolean sameTime(LocalTime set, ClockWords.ClockTime said) {
    if (set.getMinute() != said.minute()) return false;
    return said.meridiemKnown() ? set.getHour() == said.hour() : set.getHour() % 12 == said.hour() % 12;
  }

  private static ZonedDateTime at(AlarmInfo alarm, ZonedDateTime now) {
    return Instant.ofEpochMilli(alarm.dueAtMillis()).atZone(now.getZone());
  }

  /** "7:30 AM", "7:30 AM tomorrow", "7:30 AM on Friday, December 11". */
  static String when(ZonedDateTime at, ZonedDateTime now) {
    long days = ChronoUnit.DAYS.between(now.toLocalDate(), at.toLocalDate());
    String time = at.format(TIME);
    if (days == 0) return time + " today";
    if (days == 1) return time + " tomorrow";
    return time + " on " + at.format(DAY);
  }
}
