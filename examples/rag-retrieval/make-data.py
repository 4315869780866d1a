# Writes the rag-retrieval example from a fixed seed: python3 make-data.py (in this folder).
import random, csv, json
rnd = random.Random(20261122)
topics = ["billing", "contracts", "hr", "it"]
langs = ["en", "de"]
docs = [f"D{i:04d}" for i in range(1, 2001)]
queries = []
qrels = []
for i in range(1, 401):
    q = f"Q{i:03d}"
    topic = topics[(i * 7) % 4] if rnd.random() < 0.9 else rnd.choice(topics)
    lang = "de" if rnd.random() < 0.3 else "en"
    queries.append((q, topic, lang))
    nrel = rnd.choice([1, 1, 2, 2, 3, 4])
    rel = rnd.sample(docs, nrel + 3)
    for j, d in enumerate(rel):
        g = 0 if j >= nrel else (3 if j == 0 else rnd.choice([1, 2]))
        qrels.append((q, d, g))
with open("queries.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["query_id", "topic", "language"]); w.writerows(queries)
with open("qrels.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["query_id", "doc_id", "relevance"]); w.writerows(qrels)
judg = {}
for q, d, g in qrels: judg.setdefault(q, {})[d] = g
def run(skill, de_penalty, depth=20):
    out = {}
    for q, topic, lang in queries:
        s = skill - (de_penalty if lang == "de" else 0)
        cand = {}
        for d, g in judg[q].items():
            if g > 0 and rnd.random() < s + 0.1 * g:
                cand[d] = rnd.random() * 2 + g * s * 1.2
            elif g == 0 and rnd.random() < 0.5:
                cand[d] = rnd.random() * 2.5
        while len(cand) < depth:
            d = rnd.choice(docs)
            if d not in judg[q]:
                cand[d] = rnd.random() * 2.2
        out[q] = sorted(cand, key=lambda d: -cand[d])[:depth]
    return out
a = run(0.50, 0.05)
b = run(0.58, 0.40)
bm = run(0.30, 0.10)
with open("vendor-a.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["query_id", "doc_id", "rank"])
    for q, lst in a.items():
        for r, d in enumerate(lst, 1): w.writerow([q, d, r])
with open("vendor-b.jsonl", "w") as f:
    for q, lst in b.items(): f.write(json.dumps({"query_id": q, "docs": lst}) + "\n")
with open("bm25.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["query_id", "doc_id", "rank"])
    for q, lst in bm.items():
        for r, d in enumerate(lst, 1): w.writerow([q, d, r])
