package dev.hearth.llm.text;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Hugging Face chat templates use beyond plain Jinja, for jinjava: Python string methods, transformers'
 * {@code tojson}, and the {@code raise_exception} and {@code strftime_now} functions.
 *
 * <p>jinjava calls Java methods on strings, so {@code s.startswith('x')} fails and {@code s.split(',')} returns a
 * Java array. {@link #rewriteMethods} therefore turns {@code .NAME(} for the Python string methods below into a filter
 * call {@code |py_NAME(}: {@code message.content.strip()} becomes {@code message.content|py_strip()}. A filter binds
 * to the whole attribute/subscript chain before it, as a method call does, so the meaning is kept; when the call is
 * itself subscripted ({@code s.split(',')[0]}) the receiver and filter are put in parentheses. The rewrite is
 * textual and also applies inside string literals, where {@code ".strip("} does not occur in real templates.
 */
final class TemplateLibrary {
  private TemplateLibrary() {}

  private static final Pattern METHOD = Pattern.compile(
      "\\.(startswith|endswith|strip|lstrip|rstrip|lower|upper|title|capitalize|split|rsplit|splitlines|find|count|isdigit|isalpha|isspace)\\(");

  /** The context variable through which {@link #strftimeNow} reads the renderer's clock. */
  static final String CLOCK_VARIABLE = "__hearth_clock";

  static String rewriteMethods(String template) {
    StringBuilder out = new StringBuilder(template);
    Matcher m = METHOD.matcher(template);
    List<int[]> calls = new ArrayList<>();
    while (m.find()) calls.add(new int[] {m.start(), m.end()});
    // right to left, so earlier offsets stay valid while later text changes
    for (int c = calls.size() - 1; c >= 0; c--) {
      int dot = calls.get(c)[0];
      int open = calls.get(c)[1] - 1;
      int close = matching(out, open);
      boolean chained = close >= 0 && close + 1 < out.length() && (out.charAt(close + 1) == '[' || out.charAt(close + 1) == '.');
      String name = out.substring(dot + 1, open);
      out.replace(dot, open, "|py_" + name);
      if (chained) {
        // (x|py_split(',')) [0]: a filter's result cannot be subscripted without parentheses
        int shift = "|py_".length() - 1;
        out.insert(close + shift + 1, ')');
        out.insert(receiverStart(out, dot), '(');
      }
    }
    return out.toString();
  }

  /** Index of the parenthesis closing the one at {@code open}, or -1; skips string literals. */
  private static int matching(CharSequence s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\'' || ch == '"') {
        i = skipString(s, i);
      } else if (ch == '(' || ch == '[') {
        depth++;
      } else if (ch == ')' || ch == ']') {
        if (--depth == 0) return i;
      }
    }
    return -1;
  }

  private static int skipString(CharSequence s, int quote) {
    char q = s.charAt(quote);
    for (int i = quote + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') i++;
      else if (s.charAt(i) == q) return i;
    }
    return s.length();
  }

  /** Start of the attribute/subscript/call chain that ends just before {@code end} ({@code messages[0].content}). */
  private static int receiverStart(CharSequence s, int end) {
    int i = end - 1;
    while (i >= 0) {
      char ch = s.charAt(i);
      if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '.') {
        i--;
      } else if (ch == ']' || ch == ')' || ch == '\'' || ch == '"') {
        i = openingOf(s, i) - 1;
      } else {
        break;
      }
    }
    return i + 1;
  }

  private static int openingOf(CharSequence s, int close) {
    char c = s.charAt(close);
    if (c == '\'' || c == '"') {
      int i = close - 1;
      while (i >= 0 && s.charAt(i) != c) i--;
      return Math.max(i, 0);
    }
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      char ch = s.charAt(i);
      if (ch == ')' || ch == ']') depth++;
      else if ((ch == '(' || ch == '[') && --depth == 0) return i;
    }
    return 0;
  }

  static List<Filter> filters() {
    List<Filter> filters = new ArrayList<>();
    filters.add(filter("py_startswith", (s, a) -> anyOf(a, 0, s::startsWith)));
    filters.add(filter("py_endswith", (s, a) -> anyOf(a, 0, s::endsWith)));
    filters.add(filter("py_strip", (s, a) -> rstrip(lstrip(s, chars(a)), chars(a))));
    filters.add(filter("py_lstrip", (s, a) -> lstrip(s, chars(a))));
    filters.add(filter("py_rstrip", (s, a) -> rstrip(s, chars(a))));
    filters.add(filter("py_lower", (s, a) -> s.toLowerCase(java.util.Locale.ROOT)));
    filters.add(filter("py_upper", (s, a) -> s.toUpperCase(java.util.Locale.ROOT)));
    filters.add(filter("py_capitalize", (s, a) -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1).toLowerCase(java.util.Locale.ROOT)));
    filters.add(filter("py_title", (s, a) -> title(s)));
    filters.add(filter("py_split", (s, a) -> split(s, a, false)));
    filters.add(filter("py_rsplit", (s, a) -> split(s, a, true)));
    filters.add(filter("py_splitlines", (s, a) -> s.lines().toList()));
    filters.add(filter("py_find", (s, a) -> (long) s.indexOf(String.valueOf(a[0]))));
    filters.add(filter("py_count", (s, a) -> (long) count(s, String.valueOf(a[0]))));
    filters.add(filter("py_isdigit", (s, a) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit)));
    filters.add(filter("py_isalpha", (s, a) -> !s.isEmpty() && s.chars().allMatch(Character::isLetter)));
    filters.add(filter("py_isspace", (s, a) -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace)));
    filters.add(new Filter() {
      @Override public String getName() { return "tojson"; }
      @Override public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, (Object[]) args, Map.of());
      }
      @Override public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
        return PythonJson.dumps(var, indent == null ? 0 : Integer.parseInt(String.valueOf(indent)));
      }
    });
    return filters;
  }

  /** {@code raise_exception(message)}: templates call it to reject a conversation they cannot format. */
  public static String raiseException(String message) {
    throw new ChatTemplateException("the chat template refused the conversation: " + message);
  }

  /** {@code strftime_now(format)}: the current local time in a C {@code strftime} format (Llama 3.x puts today's date in). */
  public static String strftimeNow(String format) {
    Object clock = JinjavaInterpreter.getCurrent() == null ? null : JinjavaInterpreter.getCurrent().getContext().get(CLOCK_VARIABLE);
    ZonedDateTime now = ZonedDateTime.now(clock instanceof Clock c ? c : Clock.systemDefaultZone());
    return Strftime.format(format, now);
  }

  private interface StringMethod extends BiFunction<String, Object[], Object> {}

  private static Filter filter(String name, StringMethod method) {
    return new Filter() {
      @Override public String getName() { return name; }
      @Override public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return method.apply(var == null ? "" : String.valueOf(var), args);
      }
      @Override public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return method.apply(var == null ? "" : String.valueOf(var), args);
      }
    };
  }

  /** {@code startswith} takes a string or a tuple (a list here) of strings. */
  private static boolean anyOf(Object[] args, int index, java.util.function.Predicate<String> test) {
    if (args.length <= index) throw new ChatTemplateException("startswith/endswith needs an argument");
    Object a = args[index];
    if (a instanceof Collection<?> options) return options.stream().anyMatch(o -> test.test(String.valueOf(o)));
    return test.test(String.valueOf(a));
  }

  private static String chars(Object[] args) {
    return args.length == 0 || args[0] == null ? null : String.valueOf(args[0]);
  }

  private static boolean strips(char c, String chars) {
    return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
  }

  private static String lstrip(String s, String chars) {
    int i = 0;
    while (i < s.length() && strips(s.charAt(i), chars)) i++;
    return s.substring(i);
  }

  private static String rstrip(String s, String chars) {
    int i = s.length();
    while (i > 0 && strips(s.charAt(i - 1), chars)) i--;
    return s.substring(0, i);
  }

  private static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = !Character.isLetter(c);
    }
    return out.toString();
  }

  private static int count(String s, String sub) {
    if (sub.isEmpty()) return s.length() + 1;
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) n++;
    return n;
  }

  /** Python's {@code str.split(sep=None, maxsplit=-1)} and {@code rsplit}. */
  private static List<String> split(String s, Object[] args, boolean fromRight) {
    String sep = args.length > 0 && args[0] != null ? String.valueOf(args[0]) : null;
    int max = args.length > 1 ? Integer.parseInt(String.valueOf(args[1])) : -1;
    List<String> parts = new ArrayList<>();
    if (sep == null) {
      for (String p : s.strip().split("\\s+")) if (!p.isEmpty()) parts.add(p);
      return parts;  // maxsplit with whitespace splitting is not needed by known templates
    }
    if (sep.isEmpty()) throw new ChatTemplateException("split: empty separator");
    if (!fromRight) {
      int from = 0;
      for (int i = s.indexOf(sep); i >= 0 && (max < 0 || parts.size() < max); i = s.indexOf(sep, from)) {
        parts.add(s.substring(from, i));
        from = i + sep.length();
      }
      parts.add(s.substring(from));
    } else {
      int to = s.length();
      while (max < 0 || parts.size() < max) {
        int i = s.lastIndexOf(sep, to - sep.length());
        if (i < 0) break;
        parts.add(0, s.substring(i + sep.length(), to));
        to = i;
      }
      parts.add(0, s.substring(0, to));
    }
    return parts;
  }
}
