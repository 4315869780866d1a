package dev.holdout.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  /** Parses {@code text} as the CSV reader hands it over (a view inside a larger buffer), and as a String. */
  private static void parsesAsTheJdkDoes(String text) {
    double expected = Double.parseDouble(text);
    char[] buf = ("xx" + text + "yy").toCharArray();
    CharSlice slice = new CharSlice().set(buf, 2, text.length());
    assertThat(Double.doubleToLongBits(Decimals.parse(slice))).as(text).isEqualTo(Double.doubleToLongBits(expected));
    assertThat(Double.doubleToLongBits(Decimals.parse(text))).as(text).isEqualTo(Double.doubleToLongBits(expected));
    // the CSV reader's byte path: plain text (no exponent, at most 15 digits) is read there, the rest left to the above
    byte[] bytes = ("xx" + text + "yy").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    double plain = Decimals.parsePlain(bytes, 2, 2 + text.length());
    boolean isPlain = text.matches("[-+]?[0-9]*\\.?[0-9]*") && text.replaceAll("[^0-9]", "").length() <= 15;
    if (isPlain) assertThat(Double.doubleToLongBits(plain)).as(text).isEqualTo(Double.doubleToLongBits(expected));
    else assertThat(plain).as(text).isNaN();
  }

  @Test
  void plain_decimals_exponents_and_long_numbers_equal_the_jdk() {
    for (String s : List.of("0", "-0", "+0.0", "64.8529", "-12.5e3", "1E-5", "1e+22", "007.50", ".5", "5.", "-.25e-2",
        "123456789012345", "1234567890123456789", "0.1000000000000000055511151231257827", "1e300", "4.9e-324", "1e-400",
        "2.2250738585072014E-308", "9007199254740993", "1e400")) {
      parsesAsTheJdkDoes(s);
    }
  }

  @Test
  void random_decimals_equal_the_jdk() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 12));
      parsesAsTheJdkDoes(String.format(Locale.ROOT, "%." + r.nextInt(0, 18) + "f", v));
      parsesAsTheJdkDoes(Double.toString(v));
    }
  }

  @Test
  void text_that_is_not_a_plain_decimal_is_refused() {
    for (String s : List.of("", "-", ".", "abc", "1.2.3", "NaN", "Infinity", "0x1p3", "1f", "1d", "e5", "1e", "1e+", "1 2")) {
      char[] buf = s.toCharArray();
      assertThatThrownBy(() -> Decimals.parse(buf, 0, buf.length)).as(s).isInstanceOf(NumberFormatException.class);
      assertThatThrownBy(() -> Decimals.parse(s)).as(s).isInstanceOf(NumberFormatException.class);
      byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(Decimals.parsePlain(bytes, 0, bytes.length)).as(s).isNaN();
    }
  }
}
