"""The drift benchmark's reference side: the per-column tests `holdout drift` reports, run column by
column with SciPy in one process (docs/benchmarks.md, issue 5).

    /usr/bin/python3 scipy_drift.py REFERENCE.csv CURRENT.csv

Numeric columns: scipy.stats.ks_2samp (statistic and p-value) and scipy.stats.wasserstein_distance
divided by the reference's population standard deviation; text columns: the Jensen-Shannon distance
(scipy.spatial.distance.jensenshannon, base 2) of the category shares. Missing values are dropped.
Prints one line per column; needs Debian's python3-scipy and python3-pandas (/usr/bin/python3).
"""
import sys

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp, wasserstein_distance


def main(reference_path, current_path):
    ref = pd.read_csv(reference_path)
    cur = pd.read_csv(current_path)
    for name in ref.columns:
        a = ref[name].dropna()
        b = cur[name].dropna()
        if pd.api.types.is_numeric_dtype(a):
            a = a.to_numpy(dtype=float)
            b = b.to_numpy(dtype=float)
            ks = ks_2samp(a, b)
            w = wasserstein_distance(a, b) / np.std(a)
            print(f"{name} numeric ks {ks.statistic:.6f} p {ks.pvalue:.3g} wasserstein {w:.6f}")
        else:
            counts = pd.concat([a.value_counts().rename("r"), b.value_counts().rename("c")], axis=1).fillna(0)
            js = jensenshannon(counts["r"].to_numpy(), counts["c"].to_numpy(), base=2)
            print(f"{name} categorical jensen_shannon {js:.6f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: scipy_drift.py REFERENCE.csv CURRENT.csv", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
