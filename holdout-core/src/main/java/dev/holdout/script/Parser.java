package dev.holdout.script;

import dev.holdout.base.Names;
import dev.holdout.script.Script.Env;
import dev.holdout.script.Script.Node;
import dev.holdout.script.Script.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the script's text, typing each node as it is built. Precedence, lowest
 * first: {@code ||}, {@code &&}, {@code !}, comparisons (one per level, not chained), {@code + -},
 * {@code * /}, unary minus. Text is written in double or single quotes with backslash escapes.
 */
final class Parser {
  private final String s;
  private final Set<String> known;
  private final Set<String> columns = new LinkedHashSet<>();
  private int at;

  Parser(String source, Set<String> known) {
    this.s = source;
    this.known = known;
  }

  Set<String> columns() {
    return columns;
  }

  Node parse() {
    Node n = or();
    space();
    if (at < s.length()) throw error("unexpected '" + s.charAt(at) + "'");
    return n;
  }

  private ScriptException error(String message) {
    return new ScriptException(message + " at character " + (at + 1) + " of the script", at);
  }

  private void space() {
    while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
  }

  private boolean eat(String token) {
    space();
    if (s.startsWith(token, at)) {
      at += token.length();
      return true;
    }
    return false;
  }

  private Node or() {
    Node left = and();
    while (eat("||")) {
      Node l = want(left, Type.BOOL, "||"), r = want(and(), Type.BOOL, "||");
      left = node(Type.BOOL, e -> (Boolean) l.eval(e) || (Boolean) r.eval(e));
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (eat("&&")) {
      Node l = want(left, Type.BOOL, "&&"), r = want(not(), Type.BOOL, "&&");
      left = node(Type.BOOL, e -> (Boolean) l.eval(e) && (Boolean) r.eval(e));
    }
    return left;
  }

  private Node not() {
    space();
    if (at < s.length() && s.charAt(at) == '!' && !s.startsWith("!=", at)) {
      at++;
      Node n = want(not(), Type.BOOL, "!");
      return node(Type.BOOL, e -> !(Boolean) n.eval(e));
    }
    return comparison();
  }

  private Node comparison() {
    Node left = sum();
    for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
      int start = at;
      if (!eat(op)) continue;
      Node right = sum();
      if (left.type() != right.type()) {
        at = start;
        throw error("'" + op + "' compares " + left.type().word() + " with " + right.type().word() + "; compare like with like");
      }
      if (left.type() == Type.BOOL && !(op.equals("==") || op.equals("!="))) {
        at = start;
        throw error("'" + op + "' orders numbers or text, not true or false");
      }
      Node l = left, r = right;
      return node(Type.BOOL, e -> compare(op, l.eval(e), r.eval(e)));
    }
    return left;
  }

  @SuppressWarnings("unchecked")
  private static boolean compare(String op, Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      // NaN (no number found) compares false, except with !=
      return switch (op) {
        case "==" -> x.doubleValue() == y.doubleValue();
        case "!=" -> x.doubleValue() != y.doubleValue();
        case "<" -> x < y;
        case "<=" -> x <= y;
        case ">" -> x > y;
        default -> x >= y;
      };
    }
    int c = ((Comparable<Object>) a).compareTo(b);
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  private Node sum() {
    Node left = product();
    while (true) {
      int start = at;
      if (eat("+")) {
        Node l = left, r = product();
        if (l.type() == Type.TEXT && r.type() == Type.TEXT) {
          left = node(Type.TEXT, e -> (String) l.eval(e) + r.eval(e));
        } else {
          left = arithmetic('+', l, r, start);
        }
      } else if (eat("-")) {
        left = arithmetic('-', left, product(), start);
      } else {
        return left;
      }
    }
  }

  private Node product() {
    Node left = unary();
    while (true) {
      int start = at;
      if (eat("*")) {
        left = arithmetic('*', left, unary(), start);
      } else if (eat("/")) {
        left = arithmetic('/', left, unary(), start);
      } else {
        return left;
      }
    }
  }

  private Node arithmetic(char op, Node l, Node r, int start) {
    if (l.type() != Type.NUMBER || r.type() != Type.NUMBER) {
      at = start;
      throw error("'" + op + "' needs numbers" + (op == '+' ? " (or text on both sides)" : "") + ", found " + l.type().word() + " and " + r.type().word());
    }
    return node(Type.NUMBER, e -> {
      double a = (Double) l.eval(e), b = (Double) r.eval(e);
      return switch (op) {
        case '+' -> a + b;
        case '-' -> a - b;
        case '*' -> a * b;
        default -> a / b;
      };
    });
  }

  private Node unary() {
    if (eat("-")) {
      int start = at;
      Node n = unary();
      if (n.type() != Type.NUMBER) {
        at = start;
        throw error("'-' needs a number, found " + n.type().word());
      }
      return node(Type.NUMBER, e -> -(Double) n.eval(e));
    }
    return primary();
  }

  private Node primary() {
    space();
    if (at >= s.length()) throw error("the script ends where a value was expected");
    char c = s.charAt(at);
    if (c == '(') {
      at++;
      Node n = or();
      if (!eat(")")) throw error("expected ')'");
      return n;
    }
    if (c == '"' || c == '\'') return text(c);
    if (Character.isDigit(c) || c == '.') {
      int start = at;
      while (at < s.length() && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.')) at++;
      try {
        Double v = Double.valueOf(s.substring(start, at));
        return node(Type.NUMBER, e -> v);
      } catch (NumberFormatException ex) {
        at = start;
        throw error("not a number: '" + s.substring(start, at) + "'");
      }
    }
    if (Character.isLetter(c) || c == '_') {
      int start = at;
      while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) at++;
      String name = s.substring(start, at);
      if (name.equals("true") || name.equals("false")) {
        Boolean v = Boolean.valueOf(name);
        return node(Type.BOOL, e -> v);
      }
      if (eat("(")) return call(name, start);
      if (!name.equals("answer") && !name.equals("reference")) {
        if (!known.isEmpty() && !known.contains(name)) {
          at = start;
          throw error("'" + name + "' is neither answer, reference nor a column" + Names.didYouMean(name, known));
        }
        columns.add(name);
      }
      return node(Type.TEXT, e -> e.name(name));
    }
    throw error("unexpected '" + c + "'");
  }

  private Node call(String name, int start) {
    List<Node> args = new ArrayList<>();
    if (!eat(")")) {
      do {
        args.add(or());
      } while (eat(","));
      if (!eat(")")) throw error("expected ',' or ')' in the arguments of " + name);
    }
    Functions.Fn fn = Functions.ALL.get(name);
    if (fn == null) {
      at = start;
      throw error("no function '" + name + "'" + Names.didYouMean(name, Functions.ALL.keySet()) + " (functions: " + String.join(", ", Functions.ALL.keySet()) + ")");
    }
    List<Type> types = args.stream().map(Node::type).toList();
    if (!fn.accepts(types)) {
      at = start;
      throw error(name + " takes " + fn.signature() + ", found (" + String.join(", ", types.stream().map(Type::word).toList()) + ")");
    }
    Node[] a = args.toArray(new Node[0]);
    return node(fn.result(types), e -> {
      Object[] v = new Object[a.length];
      for (int i = 0; i < a.length; i++) v[i] = a[i].eval(e);
      return fn.apply(v, e);
    });
  }

  private Node text(char quote) {
    StringBuilder b = new StringBuilder();
    int start = at++;
    while (true) {
      if (at >= s.length()) {
        at = start;
        throw error("text opened here is never closed with " + quote);
      }
      char c = s.charAt(at++);
      if (c == quote) break;
      if (c == '\\' && at < s.length()) {
        char n = s.charAt(at++);
        b.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    String v = b.toString();
    return node(Type.TEXT, e -> v);
  }

  private Node want(Node n, Type type, String op) {
    if (n.type() != type) throw error("'" + op + "' needs " + type.word() + ", found " + n.type().word());
    return n;
  }

  private interface Eval {
    Object eval(Env env);
  }

  /** A node that checks the deadline before each step. */
  private static Node node(Type type, Eval eval) {
    return new Node() {
      @Override
      public Type type() {
        return type;
      }

      @Override
      public Object eval(Env env) {
        env.tick();
        return eval.eval(env);
      }
    };
  }
}
