"""Reference numbers for ForecastReferenceTest: the demand example's forecasting metrics computed
with pandas, numpy and scikit-learn, independently of Holdout. MASE follows Hyndman and Koehler
(2006): each forecast's absolute error divided by its series' in-sample MAE of the seasonal naive
forecast on the history (pairs of weeks 52 apart, both in the history). The seasonal naive
baseline repeats the value one whole season before the target week (at or before the origin).
Run from the repository root: /usr/bin/python3 holdout-core/src/test/python/forecast_reference.py"""
import numpy as np
import pandas as pd
from sklearn.metrics import mean_absolute_error, mean_squared_error, mean_absolute_percentage_error

m, H = 52, 4
ex = "examples/demand/"
hist = pd.read_csv(ex + "history.csv")
act = pd.read_csv(ex + "actuals.csv")
vendor = pd.read_csv(ex + "vendor.csv")
weeks = sorted(set(hist.week) | set(act.week))
idx = {w: i for i, w in enumerate(weeks)}
known = {(r.store, idx[r.week]): r.units for r in pd.concat([hist, act]).itertuples()}

scale = {}
for s, g in hist.groupby("store"):
    y = g.set_index(g.week.map(idx)).units.sort_index()
    d = (y - y.shift(m)).dropna()
    scale[s] = np.abs(d).mean()

rows = []
for o in ["2024-06-24", "2024-07-22", "2024-08-19"]:
    for r in act.itertuples():
        h = idx[r.week] - idx[o]
        if 1 <= h <= H:
            k = (h + m - 1) // m
            rows.append(dict(store=r.store, origin=o, week=r.week, h=h, y=r.units,
                             snaive=known[(r.store, idx[r.week] - m * k)], naive=known[(r.store, idx[o])]))
df = pd.DataFrame(rows).merge(vendor, on=["store", "origin", "week"])
df["scale"] = df.store.map(scale)

def metrics(y, f, sc):
    e = f - y
    return dict(mae=mean_absolute_error(y, f), rmse=np.sqrt(mean_squared_error(y, f)),
                mape=mean_absolute_percentage_error(y, f),
                smape=np.mean(2 * np.abs(e) / (np.abs(y) + np.abs(f))),
                wape=np.abs(e).sum() / np.abs(y).sum(), mase=np.mean(np.abs(e) / sc),
                bias=e.mean(), abs_bias=abs(e.mean()))

def show(name, d):
    print(name, "{" + ", ".join(f'"{k}", {v!r}' for k, v in d.items()) + "}")

print("rows", len(df))
show("vendor", metrics(df.y, df.forecast, df.scale))
show("seasonal_naive", metrics(df.y, df.snaive, df.scale))
show("naive", metrics(df.y, df.naive, df.scale))
for h, g in df.groupby("h"):
    print("horizon", h, repr(metrics(g.y, g.forecast, g.scale)["mase"]))
for o, g in df.groupby("origin"):
    print("origin", o, repr(metrics(g.y, g.forecast, g.scale)["mase"]))
print("scale S01", repr(scale["S01"]), "S12", repr(scale["S12"]))
