"""Issue 22's second condition for the monitor case: are Holdout's CBPE estimates "within their interval
of the realized values"? Reads the JSON report of `holdout monitor ... --json FILE` and, for every
window with outcomes, says whether the realized accuracy lies in the CBPE accuracy interval (the only
estimate with an interval) and whether the CBPE estimate of each metric lies in the realized value's
bootstrap interval.

    /usr/bin/python3 cbpe_coverage.py MONITOR.json

On the benchmark's log (Synthetic monitor, 1,000,000 rows in 10 windows) windows 4 and 5 carry the
planted broken model, i.e. concept drift, which CBPE by design cannot see: they are expected outside.
"""
import json
import sys


def inside(value, ci):
    return value is not None and ci is not None and ci[0] <= value <= ci[1]


def main(path):
    report = json.load(open(path))
    labeled = hits = 0
    metrics = ["accuracy", "roc_auc", "precision", "recall", "f1"]
    within = {m: 0 for m in metrics}
    for w in report["windows"]:
        est, real = w.get("estimated") or {}, w.get("metrics") or {}
        if not real:
            print(f"{w['label']}: no outcomes; estimated accuracy {est.get('accuracy', {}).get('value')}")
            continue
        labeled += 1
        acc, cbpe = real["accuracy"]["value"], est["accuracy"]
        ok = inside(acc, cbpe.get("ci"))
        hits += ok
        marks = []
        for m in metrics:
            e, r = (est.get(m) or {}).get("value"), real.get(m) or {}
            good = inside(e, r.get("ci"))
            within[m] += good
            marks.append(f"{m} {e:.4f} vs {r.get('value'):.4f} {'in' if good else 'OUT'}")
        print(f"{w['label']} ({w['labeled_rows']} labeled): realized accuracy {acc:.4f} "
              f"{'in' if ok else 'OUTSIDE'} CBPE [{cbpe['ci'][0]:.4f}, {cbpe['ci'][1]:.4f}]; estimate vs realized CI: " + "; ".join(marks))
    print(f"realized accuracy inside the CBPE interval: {hits} of {labeled} labeled windows")
    for m in metrics:
        print(f"CBPE {m} inside the realized bootstrap interval: {within[m]} of {labeled}")


if __name__ == "__main__":
    main(sys.argv[1])
