package dev.hearth.llm.text;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** The common C {@code strftime} directives, in English, for {@code strftime_now} in chat templates. */
final class Strftime {
  private Strftime() {}

  static String format(String format, ZonedDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      switch (d) {
        case 'd' -> out.append(String.format("%02d", t.getDayOfMonth()));
        case 'e' -> out.append(String.format("%2d", t.getDayOfMonth()));
        case 'm' -> out.append(String.format("%02d", t.getMonthValue()));
        case 'Y' -> out.append(t.getYear());
        case 'y' -> out.append(String.format("%02d", t.getYear() % 100));
        case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'H' -> out.append(String.format("%02d", t.getHour()));
        case 'I' -> out.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
        case 'M' -> out.append(String.format("%02d", t.getMinute()));
        case 'S' -> out.append(String.format("%02d", t.getSecond()));
        case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
        case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
        case 'Z' -> out.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'z' -> out.append(DateTimeFormatter.ofPattern("xx").format(t));
        case 'F' -> out.append(DateTimeFormatter.ISO_LOCAL_DATE.format(t));
        case 'T' -> out.append(DateTimeFormatter.ofPattern("HH:mm:ss").format(t));
        case '%' -> out.append('%');
        default -> out.append('%').append(d);
      }
    }
    return out.toString();
  }
}
