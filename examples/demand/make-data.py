"""Makes the demand example: weekly units of 12 stores, a history the vendor had, the 12 weeks
after it (the buyer's hidden actuals), and a vendor's forecasts 1 to 4 weeks ahead from three
origins (a rolling-origin backtest). Run: /usr/bin/python3 make-data.py (numpy only; seeded)."""
import datetime as dt
import numpy as np

rng = np.random.default_rng(17)
stores = [f"S{i:02d}" for i in range(1, 13)]
region = {s: ("north" if i < 6 else "south") for i, s in enumerate(stores)}
start = dt.date(2022, 1, 3)
history_weeks = 130
eval_weeks = 12
weeks = [start + dt.timedelta(weeks=k) for k in range(history_weeks + eval_weeks)]
origins = [history_weeks - 1, history_weeks + 3, history_weeks + 7]

level = {s: rng.uniform(80, 300) for s in stores}
amp = {s: rng.uniform(0.15, 0.35) for s in stores}
trend = {s: rng.uniform(-0.001, 0.003) for s in stores}

def mean(s, k):
    season = 1 + amp[s] * np.sin(2 * np.pi * (k % 52) / 52)
    return level[s] * season * (1 + trend[s] * k)

units = {(s, k): max(0, round(mean(s, k) * rng.lognormal(0, 0.12))) for s in stores for k in range(len(weeks))}

with open("history.csv", "w") as f:
    f.write("store,region,week,units\n")
    for s in stores:
        for k in range(history_weeks):
            f.write(f"{s},{region[s]},{weeks[k]},{units[(s, k)]}\n")
with open("actuals.csv", "w") as f:
    f.write("store,region,week,units\n")
    for s in stores:
        for k in range(history_weeks, len(weeks)):
            f.write(f"{s},{region[s]},{weeks[k]},{units[(s, k)]}\n")
with open("vendor.csv", "w") as f:
    f.write("store,origin,week,forecast\n")
    for s in stores:
        for o in origins:
            for h in range(1, 5):
                k = o + h
                # the vendor knows the seasonal shape, errs more further ahead and runs a little high
                fc = mean(s, k) * rng.lognormal(0.02, 0.04 + 0.015 * h)
                f.write(f"{s},{weeks[o]},{weeks[k]},{fc:.1f}\n")
print("origins:", [str(weeks[o]) for o in origins])
