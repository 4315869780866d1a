"""The drift benchmark's second reference: Evidently's default data drift algorithm (DataDriftPreset),
reimplemented from its documentation ("Data drift algorithm"), in one process (docs/benchmarks.md, issue 22).

    /usr/bin/python3 evidently_drift.py REFERENCE.csv CURRENT.csv

Per column, chosen by type and size as Evidently's defaults do:
- reference of at most 1,000 rows: numeric columns with more than 5 distinct values: two-sample
  Kolmogorov-Smirnov (scipy.stats.ks_2samp), drift when p < 0.05; categorical or numeric with at most 5
  distinct values: chi-square test of the category counts (scipy.stats.chisquare, expected from the
  reference shares), drift when p < 0.05;
- larger: numeric with more than 5 distinct values: Wasserstein distance normed by the reference's
  standard deviation (at least 0.001), drift when >= 0.1; otherwise the Jensen-Shannon distance of the
  category shares (scipy.spatial.distance.jensenshannon, natural log; absent categories given 0.0001),
  drift when >= 0.1.
The dataset drifts when at least 50% of the columns drift. Missing values are dropped. Needs Debian's
python3-scipy and python3-pandas (/usr/bin/python3).
"""
import sys

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import chisquare, ks_2samp, wasserstein_distance


def shares(ref, cur):
    keys = sorted(set(ref.unique()) | set(cur.unique()), key=str)
    r = ref.value_counts().reindex(keys, fill_value=0).to_numpy(dtype=float)
    c = cur.value_counts().reindex(keys, fill_value=0).to_numpy(dtype=float)
    return r, c


def column_drift(ref, cur):
    numeric = pd.api.types.is_numeric_dtype(ref) and ref.nunique() > 5
    if len(ref) <= 1000:
        if numeric:
            p = ks_2samp(ref.to_numpy(dtype=float), cur.to_numpy(dtype=float)).pvalue
            return "ks", p, p < 0.05
        r, c = shares(ref, cur)
        expected = np.maximum(r / r.sum(), 1e-12) * c.sum()
        p = chisquare(c, expected).pvalue
        return "chisquare", p, p < 0.05
    if numeric:
        a = ref.to_numpy(dtype=float)
        d = wasserstein_distance(a, cur.to_numpy(dtype=float)) / max(np.std(a), 0.001)
        return "wasserstein", d, d >= 0.1
    r, c = shares(ref, cur)
    r = r / r.sum()
    c = c / c.sum()
    r[r == 0] = 0.0001
    c[c == 0] = 0.0001
    d = jensenshannon(r, c)
    return "jensenshannon", d, d >= 0.1


def main(reference_path, current_path):
    ref = pd.read_csv(reference_path)
    cur = pd.read_csv(current_path)
    drifted = 0
    for name in ref.columns:
        method, value, drift = column_drift(ref[name].dropna(), cur[name].dropna())
        drifted += drift
        print(f"{name} {method} {value:.6g} {'DRIFT' if drift else 'ok'}")
    share = drifted / len(ref.columns)
    print(f"{drifted} of {len(ref.columns)} columns drifted ({share:.0%}): {'DRIFT' if share >= 0.5 else 'NO_DRIFT'}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: evidently_drift.py REFERENCE.csv CURRENT.csv", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
