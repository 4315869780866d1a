"""The monitor benchmark's reference: NannyML's CBPE for a binary classifier, reimplemented from its
documentation ("How it works: CBPE") with pandas, NumPy and scikit-learn, in one process
(docs/benchmarks.md, issue 22).

    /usr/bin/python3 nannyml_cbpe.py REFERENCE.csv LOG.csv OUTCOMES.csv CHUNKS [THRESHOLD]

Columns as `Synthetic monitor` writes them: customer_id, p_churn (the score), churned (the outcome,
empty when not known yet); THRESHOLD (default 0.3) turns scores into predictions.
1. pandas reads the reference, the log and the late outcomes and joins the outcomes by id.
2. Calibration, as NannyML's `needs_calibration`: isotonic regression (out_of_bounds clip) fit on the
   reference in 10 stratified shuffle splits; used when it lowers the expected calibration error
   (10 equal-width bins) on the held-out parts.
3. The reference in CHUNKS chunks: the realized roc_auc and accuracy of each; alert thresholds at their
   mean plus or minus 3 standard deviations; sampling errors as NannyML's (roc_auc: the standard
   deviation of the reference's rank-based components over sqrt(n * positive share); accuracy: the
   standard deviation of the reference's 0/1 correctness over sqrt(n)).
4. The log in CHUNKS chunks of equal row counts: the estimated roc_auc (NannyML's expected ROC curve
   from the calibrated scores) and accuracy (expected confusion matrix), each with its 3-sigma band,
   the realized values where outcomes are known (sklearn.metrics), and the alerts.
"""
import sys

import numpy as np
import pandas as pd
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import accuracy_score, auc, roc_auc_score
from sklearn.model_selection import StratifiedShuffleSplit


def ece(y, p, bins=10):
    edges = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = edges == b
        if m.any():
            total += m.sum() / len(p) * abs(y[m].mean() - p[m].mean())
    return total


def needs_calibration(y, p):
    if roc_auc_score(y, p) == 1:
        return False
    before, after = [], []
    for train, test in StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42).split(p, y):
        iso = IsotonicRegression(out_of_bounds="clip").fit(p[train], y[train])
        before.append(ece(y[test], p[test]))
        after.append(ece(y[test], iso.predict(p[test])))
    return np.mean(after) < np.mean(before)


def estimate_roc_auc(p):
    t = np.sort(p)
    one = 1 - t
    tp = np.cumsum(t[::-1])[::-1]
    fp = np.cumsum(one[::-1])[::-1]
    fn = np.cumsum(np.insert(t, 0, 0)[:-1])
    tn = np.cumsum(np.insert(one, 0, 0)[:-1])
    keep = np.diff(np.insert(t, 0, -1)).astype(bool)
    tp, fp, fn, tn = tp[keep], fp[keep], fn[keep], tn[keep]
    tpr = tp / (tp + fn)
    fpr = fp / (fp + tn)
    return auc(np.append(fpr, 0), np.append(tpr, 0))


def estimate_accuracy(p, threshold):
    pred = p >= threshold
    return (p[pred].sum() + (1 - p[~pred]).sum()) / len(p)


def auroc_components(y, p):
    if y.mean() > 0.5:
        y, p = 1 - y, 1 - p
    order = np.argsort(p)
    y = y[order]
    ranks = y * np.arange(len(y))
    indexes = np.unique(ranks)[1:]
    ser = (indexes - np.arange(len(indexes))) / (len(y) - y.sum())
    return np.std(ser), y.sum() / len(y)


def chunks(n, k):
    edges = np.linspace(0, n, k + 1).astype(int)
    return list(zip(edges[:-1], edges[1:]))


def main(reference_path, log_path, outcomes_path, k, threshold):
    ref = pd.read_csv(reference_path)
    log = pd.read_csv(log_path)
    late = pd.read_csv(outcomes_path).rename(columns={"churned": "late"})
    log = log.merge(late, on="customer_id", how="left")
    log["churned"] = log["churned"].fillna(log["late"])
    y_ref = ref["churned"].to_numpy(dtype=int)
    p_ref = ref["p_churn"].to_numpy(dtype=float)
    calibrate = needs_calibration(y_ref, p_ref)
    iso = IsotonicRegression(out_of_bounds="clip").fit(p_ref, y_ref) if calibrate else None
    cal = (lambda p: iso.predict(p)) if calibrate else (lambda p: p)
    auc_ref, acc_ref = [], []
    for a, b in chunks(len(ref), k):
        auc_ref.append(roc_auc_score(y_ref[a:b], p_ref[a:b]))
        acc_ref.append(accuracy_score(y_ref[a:b], p_ref[a:b] >= threshold))
    bands = {m: (np.mean(v) - 3 * np.std(v), np.mean(v) + 3 * np.std(v)) for m, v in (("roc_auc", auc_ref), ("accuracy", acc_ref))}
    auc_sd, positive = auroc_components(y_ref, p_ref)
    acc_sd = np.std((p_ref >= threshold) == y_ref)
    scores = log["p_churn"].to_numpy(dtype=float)
    truth = log["churned"].to_numpy(dtype=float)
    print(f"calibrated: {calibrate}; thresholds {bands}")
    for i, (a, b) in enumerate(chunks(len(log), k)):
        p = cal(scores[a:b])
        n = b - a
        est_auc = estimate_roc_auc(p)
        est_acc = estimate_accuracy(p, threshold)
        se_auc = auc_sd / np.sqrt(n * positive)
        se_acc = acc_sd / np.sqrt(n)
        known = ~np.isnan(truth[a:b])
        realized = ""
        if known.sum() > 0:
            y = truth[a:b][known].astype(int)
            s = scores[a:b][known]
            realized = f" realized roc_auc {roc_auc_score(y, s):.4f} accuracy {accuracy_score(y, s >= threshold):.4f}"
        alerts = [m for m, v in (("roc_auc", est_auc), ("accuracy", est_acc)) if not bands[m][0] <= v <= bands[m][1]]
        print(f"chunk {i + 1} rows {a + 1}-{b}: estimated roc_auc {est_auc:.4f} +- {3 * se_auc:.4f} accuracy {est_acc:.4f} +- {3 * se_acc:.4f}"
              f"{realized}{' ALERT ' + ','.join(alerts) if alerts else ''}")


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        print("usage: nannyml_cbpe.py REFERENCE.csv LOG.csv OUTCOMES.csv CHUNKS [THRESHOLD]", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]) if len(sys.argv) == 6 else 0.3)
