"""Reference values for holdout-core's paired tests (stats/DeLongTest, stats/McNemarTest).

Run with Debian's /usr/bin/python3 (numpy 1.24, scipy 1.10, scikit-learn 1.2.1, statsmodels 0.13):
    /usr/bin/python3 holdout-bench/scripts/paired_tests.py

The rows come from an integer generator that the Java tests repeat exactly. DeLong's test is
computed here from the positives-by-negatives comparison matrix (DeLong et al. 1988), not from
midranks, and the clustered variance from Obuchowski's (1997) S10, S01 and S11 written out, so
both check the Java code's shortcuts rather than repeat them.
"""
import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score
from statsmodels.stats.contingency_tables import mcnemar


def rows(n, seed):
    x = seed
    y, a, b, g = [], [], [], []
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2**31
        label = 1 if (x >> 16) % 3 == 0 else 0
        x = (x * 1103515245 + 12345) % 2**31
        sa = ((x >> 8) % 1000) + 250 * label
        x = (x * 1103515245 + 12345) % 2**31
        sb = ((x >> 8) % 1000) + 150 * label
        y.append(label)
        a.append(sa / 1000.0)
        b.append(sb / 1000.0)
        g.append(i // 5)
    return np.array(y), np.array(a), np.array(b), np.array(g)


def psi(pos, neg):
    return (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])


def delong(y, a, b):
    out = []
    v10, v01 = [], []
    for s in (a, b):
        p = psi(s[y == 1], s[y == 0])
        out.append(p.mean())
        v10.append(p.mean(axis=1))
        v01.append(p.mean(axis=0))
    m, n = (y == 1).sum(), (y == 0).sum()
    s10 = np.cov(np.array(v10))
    s01 = np.cov(np.array(v01))
    s = s10 / m + s01 / n
    var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
    z = (out[0] - out[1]) / np.sqrt(var)
    return out, z, 2 * stats.norm.sf(abs(z))


def obuchowski(y, a, b, g):
    clusters = np.unique(g)
    I = len(clusters)
    M, N = (y == 1).sum(), (y == 0).sum()
    thetas, v10k, v01k, mk, nk = [], [], [], None, None
    for s in (a, b):
        p = psi(s[y == 1], s[y == 0])
        theta = p.mean()
        v10 = p.sum(axis=1) / N
        v01 = p.sum(axis=0) / M
        gp, gn = g[y == 1], g[y == 0]
        v10k.append(np.array([v10[gp == c].sum() for c in clusters]))
        v01k.append(np.array([v01[gn == c].sum() for c in clusters]))
        mk = np.array([(gp == c).sum() for c in clusters])
        nk = np.array([(gn == c).sum() for c in clusters])
        thetas.append(theta)
    def cov(r, s):
        s10 = I / ((I - 1) * M) * np.sum((v10k[r] - mk * thetas[r]) * (v10k[s] - mk * thetas[s]))
        s01 = I / ((I - 1) * N) * np.sum((v01k[r] - nk * thetas[r]) * (v01k[s] - nk * thetas[s]))
        s11 = I / (I - 1) * np.sum((v10k[r] - mk * thetas[r]) * (v01k[s] - nk * thetas[s]))
        s11t = I / (I - 1) * np.sum((v10k[s] - mk * thetas[s]) * (v01k[r] - nk * thetas[r]))
        return s10 / M + s01 / N + (s11 + s11t) / (M * N)
    var = cov(0, 0) + cov(1, 1) - 2 * cov(0, 1)
    z = (thetas[0] - thetas[1]) / np.sqrt(var)
    return z, 2 * stats.norm.sf(abs(z))


def durkalski(ra, rb, g):
    d = np.array([np.sum((ra & ~rb)[g == c]) - np.sum((~ra & rb)[g == c]) for c in np.unique(g)])
    x2 = d.sum() ** 2 / np.sum(d * d)
    return x2, stats.chi2.sf(x2, 1)


y, a, b, g = rows(300, 2024)
print("positives", y.sum(), "of", len(y))
print("sklearn roc_auc", roc_auc_score(y, a), roc_auc_score(y, b))
aucs, z, p = delong(y, a, b)
print("delong auc", aucs, "z", repr(z), "p", repr(p))
z, p = obuchowski(y, a, b, g)
print("clustered (groups of 5) z", repr(z), "p", repr(p))

ra = (a >= 0.5) == (y == 1)
rb = (b >= 0.5) == (y == 1)
bb = int(np.sum(ra & ~rb)); cc = int(np.sum(~ra & rb))
print("discordant", bb, cc)
r = mcnemar([[0, bb], [cc, 0]], exact=False, correction=True)
print("mcnemar chi2", repr(r.statistic), repr(r.pvalue))
r = mcnemar([[0, bb], [cc, 0]], exact=True)
print("mcnemar exact (same counts)", repr(r.statistic), repr(r.pvalue))
for (x1, x2) in [(3, 9), (0, 5), (12, 12), (2, 20)]:
    r = mcnemar([[0, x1], [x2, 0]], exact=True)
    print("mcnemar exact", x1, x2, repr(r.statistic), repr(r.pvalue))
for (x1, x2) in [(30, 12), (20, 20), (100, 71)]:
    r = mcnemar([[0, x1], [x2, 0]], exact=False, correction=True)
    print("mcnemar chi2", x1, x2, repr(r.statistic), repr(r.pvalue))
print("durkalski (groups of 5)", *map(repr, durkalski(ra, rb, g)))
