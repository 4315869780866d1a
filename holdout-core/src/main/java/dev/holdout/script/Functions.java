package dev.holdout.script;

import dev.holdout.metric.TextMetrics;
import dev.holdout.script.Script.Env;
import dev.holdout.script.Script.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The script language's functions, all pure:
 *
 * <ul>
 *   <li>{@code len(t)}: characters (Unicode code points); {@code words(t)}: whitespace-separated words
 *   <li>{@code lower(t)}, {@code upper(t)}, {@code trim(t)}, {@code normalize(t)} (SQuAD's, as exact_match)
 *   <li>{@code contains(t, part)}, {@code starts_with(t, part)}, {@code ends_with(t, part)}
 *   <li>{@code matches(t, regex)}: Java's regular expression found anywhere in t (an invalid one fails the row)
 *   <li>{@code number(t)}: the first number written in t ({@code "12.5 EUR"} is 12.5, {@code "-3"} is -3), NaN when none;
 *       a comparison with NaN is false, except {@code !=}
 *   <li>{@code abs(x)}, {@code min(x, y)}, {@code max(x, y)}
 *   <li>{@code if(condition, a, b)}: a when the condition holds, else b (a and b of one type)
 * </ul>
 */
final class Functions {
  private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

  private Functions() {}

  /** One function: the argument types it takes, its result type, and its value. */
  interface Fn {
    boolean accepts(List<Type> args);

    Type result(List<Type> args);

    String signature();

    Object apply(Object[] args, Env env);
  }

  static final Map<String, Fn> ALL = new LinkedHashMap<>();

  static {
    fixed("len", List.of(Type.TEXT), Type.NUMBER, (a, e) -> (double) ((String) a[0]).codePointCount(0, ((String) a[0]).length()));
    fixed("words", List.of(Type.TEXT), Type.NUMBER, (a, e) -> {
      String t = ((String) a[0]).strip();
      return t.isEmpty() ? 0.0 : (double) t.split("\\s+").length;
    });
    fixed("lower", List.of(Type.TEXT), Type.TEXT, (a, e) -> ((String) a[0]).toLowerCase(Locale.ROOT));
    fixed("upper", List.of(Type.TEXT), Type.TEXT, (a, e) -> ((String) a[0]).toUpperCase(Locale.ROOT));
    fixed("trim", List.of(Type.TEXT), Type.TEXT, (a, e) -> ((String) a[0]).strip());
    fixed("normalize", List.of(Type.TEXT), Type.TEXT, (a, e) -> TextMetrics.normalize((String) a[0]));
    fixed("contains", List.of(Type.TEXT, Type.TEXT), Type.BOOL, (a, e) -> ((String) a[0]).contains((String) a[1]));
    fixed("starts_with", List.of(Type.TEXT, Type.TEXT), Type.BOOL, (a, e) -> ((String) a[0]).startsWith((String) a[1]));
    fixed("ends_with", List.of(Type.TEXT, Type.TEXT), Type.BOOL, (a, e) -> ((String) a[0]).endsWith((String) a[1]));
    fixed("matches", List.of(Type.TEXT, Type.TEXT), Type.BOOL, (a, e) -> {
      Pattern p;
      try {
        p = Pattern.compile((String) a[1]);
      } catch (PatternSyntaxException ex) {
        return false;
      }
      return p.matcher(new Deadline((String) a[0], e)).find();
    });
    fixed("number", List.of(Type.TEXT), Type.NUMBER, (a, e) -> {
      Matcher m = NUMBER.matcher((String) a[0]);
      return m.find() ? Double.parseDouble(m.group()) : Double.NaN;
    });
    fixed("abs", List.of(Type.NUMBER), Type.NUMBER, (a, e) -> Math.abs((Double) a[0]));
    fixed("min", List.of(Type.NUMBER, Type.NUMBER), Type.NUMBER, (a, e) -> Math.min((Double) a[0], (Double) a[1]));
    fixed("max", List.of(Type.NUMBER, Type.NUMBER), Type.NUMBER, (a, e) -> Math.max((Double) a[0], (Double) a[1]));
    ALL.put("if", new Fn() {
      @Override
      public boolean accepts(List<Type> args) {
        return args.size() == 3 && args.get(0) == Type.BOOL && args.get(1) == args.get(2);
      }

      @Override
      public Type result(List<Type> args) {
        return args.get(1);
      }

      @Override
      public String signature() {
        return "(true or false, a value, a value of the same type)";
      }

      @Override
      public Object apply(Object[] args, Env env) {
        return (Boolean) args[0] ? args[1] : args[2];
      }
    });
  }

  private static void fixed(String name, List<Type> params, Type result, BiFunction<Object[], Env, Object> body) {
    ALL.put(name, new Fn() {
      @Override
      public boolean accepts(List<Type> args) {
        return args.equals(params);
      }

      @Override
      public Type result(List<Type> args) {
        return result;
      }

      @Override
      public String signature() {
        return "(" + String.join(", ", params.stream().map(Type::word).toList()) + ")";
      }

      @Override
      public Object apply(Object[] args, Env env) {
        return body.apply(args, env);
      }
    });
  }

  /** Text that checks the row's deadline on every character a regular expression reads, so backtracking cannot run on. */
  private record Deadline(String text, Env env) implements CharSequence {
    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      env.tick();
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadline(text.substring(start, end), env);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
