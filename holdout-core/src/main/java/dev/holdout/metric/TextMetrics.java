package dev.holdout.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-answer text metrics with the published definitions, so a buyer can check any figure:
 *
 * <ul>
 *   <li>exact_match and token_f1: the SQuAD 2.0 evaluation script ({@code normalize_answer}:
 *       lowercase, drop ASCII punctuation, drop the articles a, an, the, collapse whitespace; F1 over
 *       the bag of tokens; when either side has no tokens, 1 if both are empty, else 0), the maximum
 *       over the references;
 *   <li>rouge_l: the F-measure (beta 1) of the longest common subsequence of tokens, as Google's
 *       {@code rouge_score} without stemming (lowercase, every run of characters other than letters
 *       and digits splits tokens; rouge_score keeps only a-z and 0-9, so it drops letters such as é
 *       or ü that Holdout keeps), the maximum over the references;
 *   <li>chrf: sacrebleu's sentence-level chrF with its defaults (character n-grams of orders 1 to 6
 *       with whitespace removed, beta 2, case-sensitive, precision and recall averaged over the
 *       orders both sides have, the best reference), divided by 100 so it lies in [0, 1];
 *   <li>refusal: 1 when the answer is empty or contains one of {@link #REFUSALS} (case-insensitive);
 *   <li>support: the share of a text's content tokens (SQuAD tokens other than {@link #STOPWORDS})
 *       found among the tokens of some passages; the lexical grounding scores are built on it.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class TextMetrics {
  private TextMetrics() {}

  /** Phrases that mark an answer as a refusal, matched case-insensitively anywhere in the answer. */
  public static final List<String> REFUSALS = List.of("i can't", "i cannot", "i can not", "i'm sorry", "i am sorry", "i apologize",
      "as an ai", "i'm unable", "i am unable", "i'm not able", "i am not able", "i don't know", "i do not know",
      "i won't", "i will not", "unable to answer", "unable to help", "cannot answer", "can't answer", "cannot help",
      "can't help", "no information", "not enough information");

  /** Words that carry no content for the grounding scores: the articles and common function words. */
  public static final Set<String> STOPWORDS = Set.of("a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by",
      "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
      "those", "there", "their", "they", "them", "he", "she", "his", "her", "we", "you", "your", "our", "i", "me", "my",
      "not", "no", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might",
      "so", "than", "then", "which", "who", "whom", "what", "when", "where", "how", "also", "into", "about");

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /** SQuAD's {@code normalize_answer}. */
  public static String normalize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) b.append(c);
    }
    String noArticles = ARTICLES.matcher(b).replaceAll(" ");
    return String.join(" ", tokens(noArticles));
  }

  /** SQuAD tokens: the normalized text split on whitespace. */
  public static List<String> squadTokens(String s) {
    return tokens(normalize(s));
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : SPACES.split(s)) if (!t.isEmpty()) out.add(t);
    return out;
  }

  public static double exactMatch(String answer, List<String> references) {
    String a = normalize(answer);
    for (String r : references) if (a.equals(normalize(r))) return 1;
    return 0;
  }

  public static double tokenF1(String answer, List<String> references) {
    List<String> a = squadTokens(answer);
    double best = 0;
    for (String r : references) best = Math.max(best, f1(a, squadTokens(r)));
    return best;
  }

  static double f1(List<String> answer, List<String> reference) {
    if (answer.isEmpty() || reference.isEmpty()) return answer.isEmpty() && reference.isEmpty() ? 1 : 0;
    Map<String, Integer> counts = new HashMap<>();
    for (String t : reference) counts.merge(t, 1, Integer::sum);
    int same = 0;
    for (String t : answer) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        same++;
        counts.put(t, c - 1);
      }
    }
    if (same == 0) return 0;
    double p = (double) same / answer.size();
    double r = (double) same / reference.size();
    return 2 * p * r / (p + r);
  }

  /** rouge_score's tokens: lowercase, split on every run of characters that are not letters or digits. */
  public static List<String> rougeTokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder t = new StringBuilder();
    String lower = s.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        t.append(c);
      } else if (t.length() > 0) {
        out.add(t.toString());
        t.setLength(0);
      }
    }
    if (t.length() > 0) out.add(t.toString());
    return out;
  }

  public static double rougeL(String answer, List<String> references) {
    List<String> a = rougeTokens(answer);
    double best = 0;
    for (String r : references) {
      List<String> ref = rougeTokens(r);
      if (a.isEmpty() || ref.isEmpty()) continue;
      int lcs = lcs(a, ref);
      if (lcs == 0) continue;
      double p = (double) lcs / a.size();
      double rec = (double) lcs / ref.size();
      best = Math.max(best, 2 * p * rec / (p + rec));
    }
    return best;
  }

  /** Length of the longest common subsequence, in O(|a| |b|) time and O(|b|) memory. */
  static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (String x : a) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }

  /** sacrebleu's sentence chrF (char_order 6, word_order 0, beta 2, whitespace removed), in [0, 1]. */
  public static double chrf(String answer, List<String> references) {
    List<Map<String, Integer>> hyp = charNgrams(answer);
    double best = -1;
    for (String r : references) {
      List<Map<String, Integer>> ref = charNgrams(r);
      best = Math.max(best, chrfScore(hyp, ref));
    }
    return Math.max(best, 0);
  }

  private static final int CHAR_ORDER = 6;
  private static final double BETA = 2;

  private static List<Map<String, Integer>> charNgrams(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) b.append(s.charAt(i));
    String line = b.toString();
    List<Map<String, Integer>> out = new ArrayList<>();
    for (int n = 1; n <= CHAR_ORDER; n++) {
      Map<String, Integer> grams = new HashMap<>();
      for (int i = 0; i + n <= line.length(); i++) grams.merge(line.substring(i, i + n), 1, Integer::sum);
      out.add(grams);
    }
    return out;
  }

  private static double chrfScore(List<Map<String, Integer>> hyp, List<Map<String, Integer>> ref) {
    double factor = BETA * BETA;
    double precision = 0;
    double recall = 0;
    int effective = 0;
    for (int n = 0; n < CHAR_ORDER; n++) {
      Map<String, Integer> h = hyp.get(n);
      Map<String, Integer> r = ref.get(n);
      int refCount = 0;
      for (int c : r.values()) refCount += c;
      int hypCount = 0;
      int match = 0;
      for (Map.Entry<String, Integer> e : h.entrySet()) {
        hypCount += e.getValue();
        Integer rc = r.get(e.getKey());
        if (rc != null) match += Math.min(e.getValue(), rc);
      }
      if (refCount == 0) hypCount = 0;
      if (hypCount > 0 && refCount > 0) {
        precision += (double) match / hypCount;
        recall += (double) match / refCount;
        effective++;
      }
    }
    if (effective == 0) return 0;
    precision /= effective;
    recall /= effective;
    if (precision + recall == 0) return 0;
    return (1 + factor) * precision * recall / (factor * precision + recall);
  }

  /** 1 when the answer is blank or contains a refusal phrase. Curly apostrophes count as straight ones. */
  public static double refusal(String answer) {
    String a = answer.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    if (a.isBlank()) return 1;
    for (String p : REFUSALS) if (a.contains(p)) return 1;
    return 0;
  }

  /** Answer length in SQuAD tokens (words after normalization). */
  public static double length(String answer) {
    return squadTokens(answer).size();
  }

  /** The SQuAD tokens of {@code text} other than stopwords, as a set. */
  public static Set<String> contentTokens(String text) {
    Set<String> out = new HashSet<>();
    for (String t : squadTokens(text)) if (!STOPWORDS.contains(t)) out.add(t);
    return out;
  }

  /**
   * The share of {@code text}'s distinct content tokens that occur among the passages' SQuAD tokens;
   * {@code empty} when the text has no content tokens.
   */
  public static double support(String text, List<String> passages, double empty) {
    Set<String> content = contentTokens(text);
    if (content.isEmpty()) return empty;
    Set<String> seen = new HashSet<>();
    for (String p : passages) seen.addAll(squadTokens(p));
    int found = 0;
    for (String t : content) if (seen.contains(t)) found++;
    return (double) found / content.size();
  }

  /** Split helper for tests and messages: the references as a list. */
  static List<String> list(String... s) {
    return Arrays.asList(s);
  }
}
