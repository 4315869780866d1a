package dev.holdout.engagement;

import dev.holdout.suite.YamlCursor;
import java.util.List;

/**
 * A suite's {@code engagement:} section: what the model costs and how often it decides.
 * {@code build_price} is the vendor's price for the build; {@code data_preparation_share} the data
 * preparation proposals leave out, as a share of it (default 0.30, the upper end of the 15 to 30%
 * they under-quote); {@code yearly_run_share} infrastructure, monitoring and retraining each year, as
 * a share of the build price (default 0.20, the upper end of 15 to 20%); {@code years} of use
 * (default 3); {@code decisions_per_year} the decisions the model makes; {@code expected_savings}
 * per year, the business case's claim (optional), checked against the measured interval;
 * {@code currency} a label for amounts (optional).
 */
public record Terms(double buildPrice, double dataPreparationShare, double yearlyRunShare, int years, double decisionsPerYear,
    Double expectedSavings, String currency) {
  static final List<String> KEYS = List.of("build_price", "data_preparation_share", "yearly_run_share", "years", "decisions_per_year",
      "expected_savings", "currency");
  public static final double DEFAULT_DATA_PREPARATION_SHARE = 0.30;
  public static final double DEFAULT_YEARLY_RUN_SHARE = 0.20;
  public static final int DEFAULT_YEARS = 3;

  /** The same terms at another build price: a vendor's own quote from its scorecard. */
  public Terms withBuildPrice(double price) {
    return new Terms(price, dataPreparationShare, yearlyRunShare, years, decisionsPerYear, expectedSavings, currency);
  }

  /** Data preparation: {@code build_price × data_preparation_share}. */
  public double dataPreparation() {
    return buildPrice * dataPreparationShare;
  }

  /** Running, monitoring and retraining per year: {@code build_price × yearly_run_share}. */
  public double runPerYear() {
    return buildPrice * yearlyRunShare;
  }

  /** Total cost of ownership over {@code years}: build + data preparation + years × run per year. */
  public double totalCost() {
    return buildPrice + dataPreparation() + years * runPerYear();
  }

  /** Reads the {@code engagement} mapping at the suite's root, or null when absent. */
  static Terms read(YamlCursor top) {
    if (!top.has("engagement")) return null;
    YamlCursor e = top.get("engagement").mapping();
    e.checkKeys(KEYS);
    if (!e.has("build_price")) throw e.error("missing required key 'build_price' (the vendor's price for the build, e.g. 150000)");
    if (!e.has("decisions_per_year")) throw e.error("missing required key 'decisions_per_year' (how many decisions the model makes a year)");
    double build = atLeast(e.get("build_price"), 0, "a price of 0 or more");
    double prep = e.has("data_preparation_share") ? share(e.get("data_preparation_share")) : DEFAULT_DATA_PREPARATION_SHARE;
    double run = e.has("yearly_run_share") ? share(e.get("yearly_run_share")) : DEFAULT_YEARLY_RUN_SHARE;
    int years = e.intOr("years", 1, 50, DEFAULT_YEARS);
    double decisions = atLeast(e.get("decisions_per_year"), 1, "a number of decisions of at least 1");
    Double savings = e.has("expected_savings") ? e.get("expected_savings").number() : null;
    return new Terms(build, prep, run, years, decisions, savings, e.optionalText("currency"));
  }

  private static double share(YamlCursor c) {
    double v = c.number();
    if (v < 0 || v > 1) throw c.error("expected a share from 0 to 1 (0.25 for 25%), found " + v);
    return v;
  }

  private static double atLeast(YamlCursor c, double min, String expected) {
    double v = c.number();
    if (v < min) throw c.error("expected " + expected + ", found " + v);
    return v;
  }
}
