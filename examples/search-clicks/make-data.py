"""Makes the search-clicks example: a shop's search log of 120 queries, 10 results shown per search,
15 searches per query, clicked with the position-based model (examination k^-0.8 at position k,
each result's planted attractiveness); a fifth of the searches shown in random order (a
randomization the search team runs so position bias can be measured), the rest in today's order.
production.csv is today's ranking, reranker.csv a vendor's re-ranking (true attractiveness plus
noise), truth.csv the planted attractiveness, which a real log never has.
Run: /usr/bin/python3 make-data.py (numpy only; seeded)."""
import numpy as np

rng = np.random.default_rng(42)
Q, D, S = 120, 10, 15
queries = [f"q{q:03d}" for q in range(1, Q + 1)]
attract = {q: 0.05 + 0.7 * rng.random(D) ** 2 for q in queries}
docs = {q: [f"D{(i * D + d) % 997 + 1000}" for d in range(D)] for i, q in enumerate(queries)}

def order_by(scores):
    return list(np.argsort(-scores, kind="stable"))

production = {q: order_by(attract[q] + rng.normal(0, 0.25, D)) for q in queries}
reranker = {q: order_by(attract[q] + rng.normal(0, 0.08, D)) for q in queries}

with open("log.csv", "w") as f:
    f.write("session_id,query_id,doc_id,position,clicked,dwell_s\n")
    session = 0
    for q in queries:
        for s in range(S):
            session += 1
            shown = list(rng.permutation(D)) if rng.random() < 0.2 else production[q]
            for k, d in enumerate(shown, start=1):
                click = rng.random() < k ** -0.8 * attract[q][d]
                dwell = round(rng.exponential(20 + 100 * attract[q][d])) if click else ""
                f.write(f"s{session:05d},{q},{docs[q][d]},{k},{int(click)},{dwell}\n")
for name, ranking in [("production.csv", production), ("reranker.csv", reranker)]:
    with open(name, "w") as f:
        f.write("query_id,doc_id,rank\n")
        for q in queries:
            for r, d in enumerate(ranking[q], start=1):
                f.write(f"{q},{docs[q][d]},{r}\n")
with open("truth.csv", "w") as f:
    f.write("query_id,doc_id,attractiveness\n")
    for q in queries:
        for d in range(D):
            f.write(f"{q},{docs[q][d]},{attract[q][d]:.4f}\n")
truth = {}
for name, ranking in [("production", production), ("reranker", reranker)]:
    truth[name] = np.mean([sum((r + 1) ** -0.8 * attract[q][d] for r, d in enumerate(ranking[q][:5])) for q in queries])
print("true expected clicks in the top 5 per search:", {k: round(v, 4) for k, v in truth.items()})
