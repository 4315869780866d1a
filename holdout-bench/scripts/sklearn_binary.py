"""The same work as `holdout evaluate` on a binary suite, done the usual way in one
scikit-learn process: read both files, join by id, compute every binary metric, then
resample the rows with replacement REPLICATES times and recompute them all.

usage: /usr/bin/python3 sklearn_binary.py EVAL.csv PREDICTIONS.csv REPLICATES
"""
import sys

import numpy as np
import pandas as pd
from sklearn import metrics


def all_metrics(y, p, threshold=0.5):
    pred = (p >= threshold).astype(int)
    out = {
        "accuracy": metrics.accuracy_score(y, pred),
        "balanced_accuracy": metrics.balanced_accuracy_score(y, pred),
        "precision": metrics.precision_score(y, pred, zero_division=0),
        "recall": metrics.recall_score(y, pred),
        "specificity": metrics.recall_score(y, pred, pos_label=0),
        "f1": metrics.f1_score(y, pred),
        "mcc": metrics.matthews_corrcoef(y, pred),
        "roc_auc": metrics.roc_auc_score(y, p),
        "average_precision": metrics.average_precision_score(y, p),
        "log_loss": metrics.log_loss(y, p, labels=[0, 1]),
        "brier": metrics.brier_score_loss(y, p),
    }
    bins = np.minimum((p * 10).astype(int), 9)
    ece = 0.0
    for b in range(10):
        m = bins == b
        if m.any():
            ece += abs(y[m].mean() - p[m].mean()) * m.mean()
    out["ece"] = ece
    return out


def main():
    eval_path, pred_path, replicates = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = pd.read_csv(eval_path).merge(pd.read_csv(pred_path), on="id", how="left")
    y = data["label"].to_numpy()
    p = data["score"].to_numpy()
    point = all_metrics(y, p)
    rng = np.random.default_rng(7)
    reps = []
    for _ in range(replicates):
        i = rng.integers(0, len(y), len(y))
        reps.append(all_metrics(y[i], p[i]))
    for name, value in point.items():
        values = [r[name] for r in reps]
        lo, hi = np.percentile(values, [2.5, 97.5])
        print(f"{name:18s} {value:.4f} [{lo:.4f}, {hi:.4f}]")


if __name__ == "__main__":
    main()
