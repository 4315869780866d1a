"""The scikit-learn reference values of MultilabelMetricsTest (holdout-core/src/test/java/dev/holdout/metric).

usage: /usr/bin/python3 sklearn_multilabel.py hand|seeded
Debian's python3 with scikit-learn 1.2.1 and numpy 1.24.2 printed the values the test holds.
'hand' is the 12-row hand-made set; 'seeded' the 600 rows the test draws from its Lcg (seed 1717),
drawn here bit for bit the same way. Each set is printed unweighted, then under the test's weights.
"""
import math, warnings, numpy as np
from sklearn.metrics import *
warnings.filterwarnings("ignore")
MASK=(1<<64)-1
class Lcg:
    def __init__(s, seed): s.x=seed
    def next(s):
        s.x=(s.x*6364136223846793005+1442695040888963407)&MASK
        return (s.x>>11)*2.0**-53
def report(Y,S,th,w=None):
    P=(S>=th).astype(int)
    out={"subset_accuracy":accuracy_score(Y,P,sample_weight=w),"hamming_loss":hamming_loss(Y,P,sample_weight=w)}
    for a in ["micro","macro","weighted","samples"]:
        for f,name in ((precision_score,"precision"),(recall_score,"recall"),(f1_score,"f1")):
            out[name+"_"+a]=f(Y,P,average=a,sample_weight=w)
    out["jaccard_samples"]=jaccard_score(Y,P,average="samples",sample_weight=w)
    out["label_ranking_average_precision"]=label_ranking_average_precision_score(Y,S,sample_weight=w)
    out["coverage_error"]=coverage_error(Y,S,sample_weight=w)
    keep=[l for l in range(Y.shape[1]) if 0<Y[:,l].sum()<len(Y)] if w is None else [l for l in range(Y.shape[1]) if 0<(Y[:,l]*w).sum()<w.sum()]
    out["roc_auc_macro (labels %s)"%keep]=roc_auc_score(Y[:,keep],S[:,keep],average="macro",sample_weight=w)
    for k,v in out.items(): print(f"  {k}: {v!r}")
    p,r,f,s=precision_recall_fscore_support(Y,P,average=None,zero_division=0,sample_weight=w)
    print("  per label p",list(p)); print("  per label r",list(r)); print("  per label f",list(f)); print("  support",list(s))
    print("  auc", [roc_auc_score(Y[:,l],S[:,l],sample_weight=w) if l in keep else None for l in range(Y.shape[1])])
    print("  ap", [average_precision_score(Y[:,l],S[:,l],sample_weight=w) if l in keep else None for l in range(Y.shape[1])])
import sys
which=sys.argv[1]
if which=="hand":
    Y=np.array([[1,0,0,0,0],[1,1,0,0,0],[0,0,0,0,0],[0,0,0,0,0],[0,1,1,0,0],[1,1,1,1,0],[0,0,1,0,0],[1,0,0,1,0],
                [0,1,0,0,0],[1,1,0,0,0],[0,0,1,1,0],[0,0,0,1,0]])
    S=np.array([[0.9,0.2,0.3,0.1,0.0],[0.6,0.6,0.1,0.2,0.3],[0.1,0.1,0.1,0.1,0.1],[0.7,0.2,0.2,0.4,0.5],[0.4,0.8,0.5,0.5,0.1],
                [0.5,0.5,0.5,0.5,0.5],[0.2,0.3,0.8,0.1,0.0],[0.8,0.1,0.2,0.3,0.2],[0.3,0.3,0.3,0.3,0.0],[0.6,0.4,0.6,0.2,0.6],
                [0.2,0.2,0.7,0.9,0.1],[0.3,0.1,0.1,0.6,0.2]])
    th=np.array([0.5,0.5,0.9,0.5,0.45])
    report(Y,S,th)
    print("weights [2,0,1,3,1,1,2,0,1,1,2,1]")
    report(Y,S,th,np.array([2,0,1,3,1,1,2,0,1,1,2,1]))
else:
    r=Lcg(1717); n=600; RATE=[0.45,0.30,0.18,0.10,0.04,0.015]
    Y=np.zeros((n,6),int); S=np.zeros((n,6))
    for i in range(n):
        y=[1 if r.next()<RATE[l] else 0 for l in range(6)]
        if y[0] and r.next()<0.3: y[2]=1
        for l in range(6):
            v=r.next()*0.55+(0.45 if y[l] else 0.0)
            S[i,l]=math.floor(v*20)/20
        Y[i]=y
    th=np.array([0.5,0.5,0.45,0.6,0.5,0.95])
    print("first row",list(Y[0]),list(S[0]))
    print("rows with no label",int((Y.sum(1)==0).sum()),"support",list(Y.sum(0)),"predicted",list((S>=th).sum(0)))
    report(Y,S,th)
    wr=Lcg(99); w=np.array([math.floor(wr.next()*3) for _ in range(n)])
    print("weights floor(3u), Lcg(99); sum",w.sum())
    report(Y,S,th,w)
