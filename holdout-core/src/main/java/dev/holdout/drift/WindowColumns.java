package dev.holdout.drift;

import dev.holdout.base.HoldoutException;
import dev.holdout.base.Missing;
import dev.holdout.data.Decimals;
import dev.holdout.data.Dictionary;
import dev.holdout.data.RecordReader;
import dev.holdout.data.RecordReaders;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The reference and current windows read into columns: numbers as {@code double[]} (NaN for a
 * missing value), text as dictionary codes shared by both windows (−1 for missing). A column's type
 * is set by its first non-missing reference value; every later value on either side must agree.
 * Missing values are {@link Missing}'s (empty fields and markers such as NA). Memory:
 * 8 bytes per numeric value and 4 per categorical value.
 */
public final class WindowColumns {

  /** One column on both sides. */
  public static final class Column {
    final String name;
    final boolean numeric;
    NumberColumn reference;
    NumberColumn current;
    CodeColumn referenceCodes;
    CodeColumn currentCodes;
    final Dictionary dictionary;
    long referenceMissing;
    long currentMissing;
    /** Where the type was decided, for messages. */
    String typedAt;

    Column(String name, boolean numeric) {
      this(name, numeric, new Dictionary());
    }

    /** A column whose categories are coded by {@code dictionary} (a subset of another column's rows). */
    Column(String name, boolean numeric, Dictionary dictionary) {
      this.name = name;
      this.numeric = numeric;
      this.dictionary = dictionary;
    }

    public String name() {
      return name;
    }

    public boolean numeric() {
      return numeric;
    }
  }

  final Path referencePath;
  final Path currentPath;
  final List<Column> columns;
  final int referenceRows;
  final int currentRows;

  private WindowColumns(Path referencePath, Path currentPath, List<Column> columns, int referenceRows, int currentRows) {
    this.referencePath = referencePath;
    this.currentPath = currentPath;
    this.columns = columns;
    this.referenceRows = referenceRows;
    this.currentRows = currentRows;
  }

  /** These windows without the named columns. */
  WindowColumns without(Collection<String> names) {
    if (names.isEmpty()) return this;
    List<Column> kept = columns.stream().filter(c -> !names.contains(c.name)).toList();
    return new WindowColumns(referencePath, currentPath, kept, referenceRows, currentRows);
  }

  public List<Column> columns() {
    return columns;
  }

  public int referenceRows() {
    return referenceRows;
  }

  public int currentRows() {
    return currentRows;
  }

  /**
   * Reads both files. Columns in {@code exclude} are skipped; {@code optionalInCurrent} may be
   * absent from the current file (the label, whose outcomes arrive later). Any other column that one
   * file has and the other lacks is an error, as is an empty window.
   */
  public static WindowColumns read(Path reference, Path current, Set<String> exclude, Set<String> optionalInCurrent) {
    List<String> refHeader;
    List<String> curHeader;
    try (RecordReader r = RecordReaders.open(reference)) {
      refHeader = r.header();
    }
    try (RecordReader r = RecordReaders.open(current)) {
      curHeader = r.header();
    }
    List<String> missingInCurrent = new ArrayList<>();
    for (String c : refHeader) {
      if (!exclude.contains(c) && !curHeader.contains(c) && !optionalInCurrent.contains(c)) missingInCurrent.add(c);
    }
    if (!missingInCurrent.isEmpty()) {
      throw new HoldoutException.BadData(current + ": no column " + quoted(missingInCurrent) + ", which the reference " + reference
          + " has; both windows need the same columns (or leave a column out with --exclude)");
    }
    List<String> missingInReference = new ArrayList<>();
    for (String c : curHeader) if (!exclude.contains(c) && !refHeader.contains(c)) missingInReference.add(c);
    if (!missingInReference.isEmpty()) {
      throw new HoldoutException.BadData(reference + ": no column " + quoted(missingInReference) + ", which the current window " + current
          + " has; both windows need the same columns (or leave a column out with --exclude)");
    }
    Map<String, Column> byName = new LinkedHashMap<>();
    // The current file is read on a second core, typed from its own values; when its types agree with
    // the reference's (the usual case) its columns are joined in, else it is read again after the
    // reference so any message names the reference's typing.
    Map<String, Column> own = new LinkedHashMap<>();
    CompletableFuture<Integer> ahead = CompletableFuture.supplyAsync(() -> {
      try {
        return readSide(current, curHeader, exclude, own, false);
      } catch (HoldoutException e) {
        return -1;
      }
    }, runnable -> {
      Thread t = new Thread(runnable, "holdout-read-current");
      t.setDaemon(true);
      t.start();
    });
    int refRows = readSide(reference, refHeader, exclude, byName, true);
    int curRows = ahead.join();
    if (curRows < 0 || !join(byName, own)) curRows = readSide(current, curHeader, exclude, byName, false);
    if (refRows == 0) throw new HoldoutException.BadData(reference + ": the reference window has no rows; drift needs rows on both sides");
    if (curRows == 0) throw new HoldoutException.BadData(current + ": the current window has no rows (an empty window); nothing to compare");
    List<Column> cols = new ArrayList<>();
    for (Column c : byName.values()) {
      if (c.current == null && c.currentCodes == null) continue;  // an optional column absent from current
      cols.add(c);
    }
    return new WindowColumns(reference, current, List.copyOf(cols), refRows, curRows);
  }

  /** Moves the independently read current columns into the reference's; false (nothing moved) when any type disagrees. */
  private static boolean join(Map<String, Column> byName, Map<String, Column> own) {
    for (var e : own.entrySet()) {
      Column ref = byName.get(e.getKey());
      Column cur = e.getValue();
      if (ref == null || ref.typedAt == null || cur.typedAt == null || ref.numeric != cur.numeric) return false;
    }
    for (var e : own.entrySet()) {
      Column ref = byName.get(e.getKey());
      Column cur = e.getValue();
      ref.currentMissing = cur.currentMissing;
      if (ref.numeric) {
        ref.current = cur.current;
        continue;
      }
      List<String> values = cur.dictionary.values();
      int[] recode = new int[values.size()];
      for (int i = 0; i < recode.length; i++) recode[i] = ref.dictionary.code(values.get(i));
      CodeColumn codes = cur.currentCodes;
      for (int i = 0; i < codes.size(); i++) {
        int code = codes.get(i);
        if (code >= 0) codes.set(i, recode[code]);
      }
      ref.currentCodes = codes;
    }
    return true;
  }

  private static String quoted(List<String> names) {
    return "'" + String.join("', '", names) + "'";
  }

  private static int readSide(Path path, List<String> header, Set<String> exclude, Map<String, Column> byName, boolean isReference) {
    try (RecordReader r = RecordReaders.open(path)) {
      return new Side(r, header, exclude, byName, isReference).read();
    }
  }

  /**
   * One file read into columns. The loop over a block of rows is kept small, with typed numbers
   * and categories inline and everything else (typing, missing values, errors) in {@link #field}:
   * the JIT compiles it quickly and keeps it compiled, where one large method was compiled again
   * and again as rarely taken branches turned up.
   */
  private static final class Side {
    private static final byte UNTYPED = 0;
    private static final byte NUMBER = 1;
    private static final byte TEXT = 2;

    private final RecordReader r;
    private final Path path;
    private final Map<String, Column> byName;
    private final boolean isReference;
    private final int used;
    private final int[] index;
    private final String[] names;
    private final Column[] cols;
    private final byte[] kind;
    // values go into blocks of BLOCK rows (no copying as a window grows), of the column's type only once typed
    private final DoubleBuffer[] nums;
    private final IntBuffer[] codes;
    private final List<List<DoubleBuffer>> numBlocks = new ArrayList<>();
    private final List<List<IntBuffer>> codeBlocks = new ArrayList<>();
    private final long[] missing;

    Side(RecordReader r, List<String> header, Set<String> exclude, Map<String, Column> byName, boolean isReference) {
      this.r = r;
      this.path = r.path();
      this.byName = byName;
      this.isReference = isReference;
      int width = header.size();
      int[] at = new int[width];
      int n = 0;
      for (int i = 0; i < width; i++) {
        String name = header.get(i);
        if (exclude.contains(name)) continue;
        for (int k = 0; k < i; k++) {
          if (header.get(k).equals(name)) {
            throw new HoldoutException.BadData(path + ": column '" + name + "' appears twice in the header (columns " + (k + 1) + " and " + (i + 1)
                + "); rename one so each column name is unique");
          }
        }
        at[n++] = i;
      }
      used = n;
      index = Arrays.copyOf(at, n);
      names = new String[n];
      cols = new Column[n];
      kind = new byte[n];
      nums = new DoubleBuffer[n];
      codes = new IntBuffer[n];
      missing = new long[n];
      for (int u = 0; u < n; u++) {
        names[u] = header.get(index[u]);
        numBlocks.add(new ArrayList<>());
        codeBlocks.add(new ArrayList<>());
        if (isReference) continue;
        cols[u] = byName.get(names[u]);
        if (cols[u] != null && cols[u].typedAt != null) kind[u] = cols[u].numeric ? NUMBER : TEXT;
      }
    }

    /** Reads every row; the number of rows. */
    int read() {
      int rows = 0;
      int n;
      while ((n = readBlock()) > 0) rows += n;
      for (int u = 0; u < used; u++) {
        Column c = byName.get(names[u]);
        if (c == null) {  // no value at all on this side so far: type it from the other side, or as numeric
          c = new Column(names[u], true);
          byName.put(names[u], c);
        }
        if (kind[u] != UNTYPED && c.numeric != (kind[u] == NUMBER)) throw typeChange(path, c, kind[u] == NUMBER, isReference);
        if (isReference) {
          if (c.numeric) c.reference = new NumberColumn(numBlocks.get(u), rows);
          else c.referenceCodes = new CodeColumn(codeBlocks.get(u), rows);
          c.referenceMissing = missing[u];
        } else {
          if (c.numeric) c.current = new NumberColumn(numBlocks.get(u), rows);
          else c.currentCodes = new CodeColumn(codeBlocks.get(u), rows);
          c.currentMissing = missing[u];
        }
      }
      return rows;
    }

    /** Reads up to {@link #BLOCK} rows into new blocks; the number read, 0 at the end of the file. */
    private int readBlock() {
      if (!r.next()) return 0;
      for (int u = 0; u < used; u++) {
        if (kind[u] != TEXT) numBlocks.get(u).add(nums[u] = NumberColumn.block());
        if (kind[u] != NUMBER) codeBlocks.get(u).add(codes[u] = CodeColumn.block());
      }
      int o = 0;
      do {
        for (int u = 0; u < used; u++) {
          byte k = kind[u];
          if (k == NUMBER) {  // the usual case: a number, parsed from the reader's bytes
            double v = r.number(index[u]);
            if (Double.isFinite(v)) {
              nums[u].put(o, v);
              continue;
            }
          } else if (k == TEXT) {
            CharSequence t = r.text(index[u]);
            if (!Missing.is(t)) {
              codes[u].put(o, cols[u].dictionary.code(t));
              continue;
            }
          }
          field(u, o);
        }
        o++;
      } while (o < BLOCK && r.next());
      return o;
    }

    /** Column {@code u} of the current row, at offset {@code o} of its block: a missing value, the column's first value, or an error. */
    private void field(int u, int o) {
      CharSequence t = r.text(index[u]);
      byte k = kind[u];
      if (Missing.is(t)) {
        missing[u]++;
        if (k != TEXT) nums[u].put(o, Double.NaN);
        if (k != NUMBER) codes[u].put(o, -1);
        return;
      }
      if (k == TEXT) {
        codes[u].put(o, cols[u].dictionary.code(t));
        return;
      }
      double v = parse(t);
      if (k == UNTYPED) {
        k = kind[u] = Double.isNaN(v) ? TEXT : NUMBER;
        cols[u] = typed(u, k == NUMBER);
      }
      if (k == NUMBER) {
        if (Double.isNaN(v)) throw unparseable(r, index[u], t, isReference, byName.get(names[u]));
        nums[u].put(o, v);
      } else {
        codes[u].put(o, cols[u].dictionary.code(t));
      }
    }

    /** The column that column {@code u}'s first value types here. */
    private Column typed(int u, boolean numeric) {
      Column c = byName.get(names[u]);
      if (c == null) {
        c = new Column(names[u], numeric);
        c.typedAt = path + " " + r.position();
        byName.put(names[u], c);
      } else if (c.typedAt == null) {
        // the reference had no value in this column: the current window's first value types it
        if (c.numeric != numeric) {
          Column typedHere = new Column(names[u], numeric);
          int n = c.reference != null ? c.reference.size() : c.referenceCodes.size();
          if (numeric) {
            typedHere.reference = NumberColumn.missing(n);
          } else {
            typedHere.referenceCodes = CodeColumn.missing(n);
          }
          typedHere.referenceMissing = c.referenceMissing;
          byName.put(names[u], typedHere);
          c = typedHere;
        }
        c.typedAt = path + " " + r.position();
      }
      return c;
    }
  }

  private static final int BLOCK = Blocks.BLOCK;


  private static double parse(CharSequence t) {
    try {
      double v = Decimals.parse(t);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static HoldoutException.BadData unparseable(RecordReader r, int col, CharSequence text, boolean isReference, Column c) {
    String where = r.path() + " " + r.position() + ", column '" + r.header().get(col) + "'";
    if (!isReference && c != null && c.typedAt != null && !c.typedAt.startsWith(r.path() + " ")) {
      return new HoldoutException.BadData(where + ": expected a number, found '" + text + "'; the column is numeric in the reference (from "
          + c.typedAt + "), so a type change between the windows; fix the value, or leave it empty for a missing value");
    }
    return new HoldoutException.BadData(where + ": expected a number, found '" + text + "'; the column is numeric from its first value ("
        + (c == null ? "earlier" : c.typedAt) + "); fix the value, or leave it empty for a missing value");
  }

  private static HoldoutException.BadData typeChange(Path path, Column c, boolean numericHere, boolean isReference) {
    String here = numericHere ? "numbers" : "text";
    String there = c.numeric ? "numbers" : "text";
    return new HoldoutException.BadData(path + ", column '" + c.name + "': holds " + here + " but the " + (isReference ? "current" : "reference")
        + " window holds " + there + " (from " + c.typedAt + "); a column must keep its type between the windows");
  }
}
