package dev.hearth.llm.text;

import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code json.dumps(x, ensure_ascii=False)} as transformers' {@code tojson} filter writes it: separators
 * {@code ", "} and {@code ": "}, or newlines and {@code indent} spaces when an indent is given. Templates put tool
 * schemas into the prompt with it, and the model was trained on exactly this spacing.
 */
final class PythonJson {
  private PythonJson() {}

  static String dumps(Object value, int indent) {
    StringBuilder out = new StringBuilder();
    write(value, indent, 0, out);
    return out.toString();
  }

  private static void write(Object v, int indent, int depth, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
      out.append(v);
    } else if (v instanceof Number n) {
      double d = n.doubleValue();
      out.append(d == Math.rint(d) && !Double.isInfinite(d) ? String.format("%.1f", d) : String.valueOf(d));
    } else if (v instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) out.append(indent > 0 ? "," : ", ");
        first = false;
        newline(indent, depth + 1, out);
        string(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), indent, depth + 1, out);
      }
      newline(indent, depth, out);
      out.append('}');
    } else if (v instanceof Collection<?> || v instanceof Object[]) {
      Collection<?> items = v instanceof Object[] arr ? java.util.Arrays.asList(arr) : (Collection<?>) v;
      if (items.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) out.append(indent > 0 ? "," : ", ");
        first = false;
        newline(indent, depth + 1, out);
        write(item, indent, depth + 1, out);
      }
      newline(indent, depth, out);
      out.append(']');
    } else {
      string(String.valueOf(v), out);
    }
  }

  private static void newline(int indent, int depth, StringBuilder out) {
    if (indent > 0) out.append('\n').append(" ".repeat(indent * depth));
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }
}
