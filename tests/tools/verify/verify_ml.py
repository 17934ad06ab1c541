#!/usr/bin/env python3
"""verify_ml.py - check the ml-fundamentals and deep-learning oral decks.

Loads content/oral/ml-fundamentals.yaml and content/oral/deep-learning.yaml with
PyYAML and:
  * validates the structure against docs/content.md (keys, ids, prefixes,
    difficulty, tags, check specs), card counts and the share of checked cards;
  * recomputes every `check: {number: ...}` independently from the question's
    data (stdlib only: small helpers for linear solves, eigenvalues, finite
    differences, simulations) and asserts it lies within the card's tolerance;
  * checks every choice/exact answer against a table kept here;
  * flags LaTeX/markdown and over-long answers.
Exits non-zero on any mismatch and prints one summary line.

usage: python3 tests/tools/verify/verify_ml.py [REPO_ROOT]
"""
import itertools
import math
import os
import random
import re
import struct
import sys

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", ".."))

DECKS = {
    "ml-fundamentals": {"file": "content/oral/ml-fundamentals.yaml",
                        "prefix": "ml-", "min": 55},
    "deep-learning": {"file": "content/oral/deep-learning.yaml",
                      "prefix": "dl-", "min": 55},
}

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
DECK_KEYS = {"kind", "id", "title", "section", "topic", "tags", "drill", "cards"}
CARD_KEYS = {"id", "q", "a", "difficulty", "tags", "check", "code", "seconds"}
DIFFS = {"easy", "medium", "hard"}

failures = []
warnings = []


def fail(msg):
    failures.append(msg)


def warn(msg):
    warnings.append(msg)


# ------------------------------------------------------------------ helpers
def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def softmax(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [v / s for v in e]


def entropy2(ps):
    return -sum(p * math.log2(p) for p in ps if p > 0)


def gini(counts):
    n = sum(counts)
    return 1.0 - sum((c / n) ** 2 for c in counts)


def normal_cdf(x):
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def normal_pdf(x, mu, var):
    return math.exp(-(x - mu) ** 2 / (2 * var)) / math.sqrt(2 * math.pi * var)


def solve(A, b):
    """Gaussian elimination with partial pivoting."""
    n = len(A)
    M = [list(map(float, row)) + [float(b[i])] for i, row in enumerate(A)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c:
                f = M[r][c] / M[c][c]
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    return [M[i][n] / M[i][i] for i in range(n)]


def matT(A):
    return [list(col) for col in zip(*A)]


def matmul(A, B):
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]


def sym_eigenvalues(S, sweeps=100):
    """Cyclic Jacobi rotations for a small symmetric matrix."""
    A = [list(map(float, r)) for r in S]
    n = len(A)
    for _ in range(sweeps):
        off = sum(A[i][j] ** 2 for i in range(n) for j in range(n) if i != j)
        if off < 1e-24:
            break
        for p in range(n):
            for q in range(p + 1, n):
                if abs(A[p][q]) < 1e-300:
                    continue
                theta = (A[q][q] - A[p][p]) / (2 * A[p][q])
                t = (1.0 if theta >= 0 else -1.0) / (abs(theta) + math.sqrt(theta * theta + 1))
                c = 1 / math.sqrt(t * t + 1)
                s = t * c
                for k in range(n):
                    akp, akq = A[k][p], A[k][q]
                    A[k][p], A[k][q] = c * akp - s * akq, s * akp + c * akq
                for k in range(n):
                    apk, aqk = A[p][k], A[q][k]
                    A[p][k], A[q][k] = c * apk - s * aqk, s * apk + c * aqk
    return sorted((A[i][i] for i in range(n)), reverse=True)


def num_grad(f, x, i, h=1e-6):
    xp = list(x); xm = list(x)
    xp[i] += h; xm[i] -= h
    return (f(xp) - f(xm)) / (2 * h)


def minimise_1d(f, lo, hi, iters=200):
    """Golden-section search for a convex function on [lo, hi]."""
    g = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    c, d = b - g * (b - a), a + g * (b - a)
    for _ in range(iters):
        if f(c) < f(d):
            b = d
        else:
            a = c
        c, d = b - g * (b - a), a + g * (b - a)
    return (a + b) / 2


# ------------------------------------------------------------------ ML fundamentals
CM = dict(tp=40, fp=10, fn=20, tn=930)


def v_l2_lambda():
    # MAP on a toy 1-D dataset with sigma2=4, tau2=2 must equal ridge with lambda.
    sigma2, tau2 = 4.0, 2.0
    xs, ys = [1.0, 2.0, -1.5, 0.5], [0.7, 2.9, -1.0, 1.2]
    nlp = lambda w: sum((y - w * x) ** 2 for x, y in zip(xs, ys)) / (2 * sigma2) + w * w / (2 * tau2)
    w_map = minimise_1d(nlp, -10, 10)
    sxy = sum(x * y for x, y in zip(xs, ys)); sxx = sum(x * x for x in xs)
    lam = sigma2 / tau2
    assert abs(w_map - sxy / (sxx + lam)) < 1e-6, "MAP != ridge with lambda=sigma2/tau2"
    return lam


def v_lasso():
    z, lam = 3.0, 1.0
    w = minimise_1d(lambda w: 0.5 * (w - z) ** 2 + lam * abs(w), -10, 10)
    w_ridge = minimise_1d(lambda w: 0.5 * (w - z) ** 2 + 0.5 * lam * w * w, -10, 10)
    assert abs(w_ridge - 1.5) < 1e-6
    return w


def v_logreg_grad():
    x, y = [1.0, 2.0], 1.0
    loss = lambda w: -(y * math.log(sigmoid(w[0] * x[0] + w[1] * x[1]))
                       + (1 - y) * math.log(1 - sigmoid(w[0] * x[0] + w[1] * x[1])))
    return num_grad(loss, [0.5, -0.25], 1)


def v_softmax_grad():
    z = [0.0, math.log(3.0), 0.0]
    loss = lambda z: -math.log(softmax(z)[2])
    return num_grad(loss, z, 2)


def v_linreg_slope():
    pts = [(0, 1), (1, 3), (2, 4), (3, 8)]
    X = [[1.0, x] for x, _ in pts]; y = [[float(v)] for _, v in pts]
    XtX = matmul(matT(X), X); Xty = [r[0] for r in matmul(matT(X), y)]
    a, b = solve(XtX, Xty)
    assert abs(a - 0.7) < 1e-9
    return b


def v_ridge():
    xs, ys = [1, 2, 3], [2, 4, 7]
    return minimise_1d(lambda w: sum((y - w * x) ** 2 for x, y in zip(xs, ys)) + 1.0 * w * w, -10, 10)


def v_bias_variance():
    # simulate: f=0 at the point, predictor = bias + N(0, var), y = f + N(0, noise)
    bias, var, noise = 0.3, 0.2, 0.5
    analytic = noise + bias ** 2 + var
    rng = random.Random(1)
    n = 200000
    mc = sum((rng.gauss(0, math.sqrt(noise)) - (bias + rng.gauss(0, math.sqrt(var)))) ** 2
             for _ in range(n)) / n
    assert abs(mc - analytic) < 0.02, mc
    return analytic


def v_recall():
    return CM["tp"] / (CM["tp"] + CM["fn"])


def v_f1():
    p = CM["tp"] / (CM["tp"] + CM["fp"]); r = CM["tp"] / (CM["tp"] + CM["fn"])
    return 2 * p * r / (p + r)


def v_fpr():
    return CM["fp"] / (CM["fp"] + CM["tn"])


def v_roc_auc():
    pos, neg = [0.9, 0.7, 0.4], [0.8, 0.3, 0.2, 0.1]
    # via the trapezoidal ROC curve, independent of the pair-count formula
    pts = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg], reverse=True)
    tpr = fpr = 0.0; area = 0.0
    for _, lab in pts:
        if lab:
            tpr += 1 / len(pos)
        else:
            area += tpr * (1 / len(neg)); fpr += 1 / len(neg)
    pairs = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg) / (len(pos) * len(neg))
    assert abs(area - pairs) < 1e-12
    return area


def v_pr_baseline():
    # simulate average precision of random scores at 2% prevalence
    rng = random.Random(7)
    aps = []
    for _ in range(20):
        labels = [1] * 200 + [0] * 9800
        scored = sorted(((rng.random(), l) for l in labels), reverse=True)
        tp = 0; ap = 0.0
        for k, (_, l) in enumerate(scored, 1):
            if l:
                tp += 1; ap += tp / k
        aps.append(ap / 200)
    m = sum(aps) / len(aps)
    assert abs(m - 0.02) < 0.005, m
    return 0.02


def v_brier():
    preds, labels = [0.9, 0.6, 0.2], [1, 0, 0]
    return sum((p - y) ** 2 for p, y in zip(preds, labels)) / len(preds)


def lloyd_step(points, cents):
    groups = [[] for _ in cents]
    for p in points:
        d = [abs(p - c) for c in cents]
        assert sorted(d)[0] != sorted(d)[1], "tie in assignment"
        groups[d.index(min(d))].append(p)
    return [sum(g) / len(g) for g in groups]


def v_kmeans_step():
    return min(lloyd_step([0, 2, 3, 9, 11], [1, 6]))


def v_kmeans_pp():
    pts, chosen = [0, 1, 3, 4], [0]
    d2 = [min((p - c) ** 2 for c in chosen) for p in pts]
    return d2[pts.index(4)] / sum(d2)


def v_knn_train_error():
    rng = random.Random(3)
    pts = [((rng.random(), rng.random()), rng.randint(0, 1)) for _ in range(200)]
    errors = 0
    for x, y in pts:
        nn = min(pts, key=lambda q: (q[0][0] - x[0]) ** 2 + (q[0][1] - x[1]) ** 2)
        errors += nn[1] != y
    return errors / len(pts)


def v_naive_bayes():
    prior = {"spam": 0.4, "ham": 0.6}
    lik = {"spam": {"free": 0.5, "win": 0.3}, "ham": {"free": 0.1, "win": 0.05}}
    score = {c: prior[c] * lik[c]["free"] * lik[c]["win"] for c in prior}
    return score["spam"] / sum(score.values())


def v_info_gain():
    parent = entropy2([0.5, 0.5])
    left, right = [4, 1], [1, 4]
    ch = sum(sum(c) / 10 * entropy2([v / sum(c) for v in c]) for c in (left, right))
    return parent - ch


def v_gini():
    return gini([6, 3, 1])


def v_bootstrap():
    # limit value, and check convergence of (1 - 1/n)^n towards it
    lim = math.exp(-1)
    assert abs((1 - 1 / 10 ** 6) ** (10 ** 6) - lim) < 1e-5
    rng = random.Random(11)
    n = 2000
    left = sum(1 for i in set(rng.randrange(n) for _ in range(n))) / n
    assert abs((1 - left) - lim) < 0.03
    return lim


def v_rf_variance():
    B, rho, s2 = 100, 0.3, 1.0
    # variance of the mean = 1ᵀΣ1 / B² with Σ = s2·(rho·11ᵀ + (1-rho)I)
    total = sum(s2 * (1.0 if i == j else rho) for i in range(B) for j in range(B))
    return total / B ** 2


def v_adaboost():
    eps = 0.2
    # minimise the exponential loss of one stage: (1-eps)e^{-a} + eps e^{a}
    return minimise_1d(lambda a: (1 - eps) * math.exp(-a) + eps * math.exp(a), -5, 5)


def v_majority():
    p = 0.7
    tot = 0.0
    for outcome in itertools.product([0, 1], repeat=3):
        pr = math.prod(p if o else 1 - p for o in outcome)
        if sum(outcome) >= 2:
            tot += pr
    return tot


def v_svm_margin():
    return 2 / math.hypot(3, 4)


def v_hinge():
    y, f = -1, 0.4
    return max(0.0, 1 - y * f)


def v_poly_kernel_dim():
    # expand (x·x' + 1)² symbolically: count distinct monomials in x
    d = 3
    monos = set()
    terms = [()] + [(i,) for i in range(d)]       # 1 and x_i
    for a in terms:
        for b in terms:
            monos.add(tuple(sorted(a + b)))
    # numeric check that the explicit feature map reproduces the kernel
    rng = random.Random(5)
    x = [rng.random() for _ in range(d)]; xp = [rng.random() for _ in range(d)]

    def phi(v):
        feats = [1.0] + [math.sqrt(2) * vi for vi in v] + [vi * vi for vi in v]
        feats += [math.sqrt(2) * v[i] * v[j] for i in range(d) for j in range(i + 1, d)]
        return feats
    k = (sum(a * b for a, b in zip(x, xp)) + 1) ** 2
    assert abs(k - sum(a * b for a, b in zip(phi(x), phi(xp)))) < 1e-12
    assert len(phi(x)) == len(monos) == math.comb(d + 2, 2)
    return len(monos)


def v_pca():
    ev = sym_eigenvalues([[2, 1], [1, 2]])
    return ev[0] / sum(ev)


def v_em():
    x = 1.5
    a, b = normal_pdf(x, 0, 1), normal_pdf(x, 2, 1)
    return b / (a + b)


def v_curse():
    # bisection for e with e^10 = 0.01
    lo, hi = 0.0, 1.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if mid ** 10 < 0.01:
            lo = mid
        else:
            hi = mid
    return lo


def v_ce_vs_mse():
    z = math.log(0.01 / 0.99)                   # logit with p = 0.01
    y = 1.0
    ce = lambda v: -(y * math.log(sigmoid(v[0])) + (1 - y) * math.log(1 - sigmoid(v[0])))
    mse = lambda v: 0.5 * (sigmoid(v[0]) - y) ** 2
    return num_grad(ce, [z], 0) / num_grad(mse, [z], 0)


# ------------------------------------------------------------------ deep learning
def v_backprop_toy():
    x, y = 1.0, 1.0

    def loss(w):
        h = max(0.0, w[0] * x)
        return 0.5 * (w[1] * h - y) ** 2
    return num_grad(loss, [2.0, -1.0], 0)


def v_sigmoid_bound():
    m = max(sigmoid(z / 1000) * (1 - sigmoid(z / 1000)) for z in range(-10000, 10001))
    assert abs(m - 0.25) < 1e-12
    return m ** 10


def v_gelu():
    return 1.0 * normal_cdf(1.0)


def v_xavier():
    n_in, n_out = 256, 512
    a = math.sqrt(6 / (n_in + n_out))
    assert abs(a * a / 3 - 2 / (n_in + n_out)) < 1e-15   # variance of U(-a, a)
    return a


def v_he():
    # simulate: pre-activation variance preserved through a ReLU layer with Var(W)=2/n
    n = 512
    std = math.sqrt(2 / n)
    rng = random.Random(2)
    trials = []
    for _ in range(300):
        x = [max(0.0, rng.gauss(0, 1)) for _ in range(n)]     # ReLU of unit-variance input
        w = [rng.gauss(0, std) for _ in range(n)]
        trials.append(sum(a * b for a, b in zip(w, x)))
    var = sum(t * t for t in trials) / len(trials)
    assert abs(var - 1.0) < 0.25, var
    return std


def v_rmsnorm():
    x = [1, -1, 2, -2]
    rms = math.sqrt(sum(v * v for v in x) / len(x))
    return x[0] / rms


def v_dropout():
    p = 0.2
    # scale s such that E[s * mask * a] = a, mask ~ Bernoulli(1-p)
    return minimise_1d(lambda s: (s * (1 - p) - 1) ** 2, 0, 10)


def v_label_smoothing():
    eps, K = 0.1, 10
    t = [(1 - eps) * (1 if k == 0 else 0) + eps / K for k in range(K)]
    assert abs(sum(t) - 1) < 1e-12
    return t[0]


def v_attn_std():
    dk = 64
    rng = random.Random(4)
    s = [sum(rng.gauss(0, 1) * rng.gauss(0, 1) for _ in range(dk)) for _ in range(4000)]
    mc = math.sqrt(sum(v * v for v in s) / len(s))
    assert abs(mc - math.sqrt(dk)) < 0.5, mc
    return math.sqrt(dk)


def v_mha_params():
    d, h = 512, 8
    dh = d // h
    shapes = [(d, h * dh)] * 3 + [(h * dh, d)]
    return sum(a * b for a, b in shapes)


def v_softmax_stable():
    return softmax([1000.0, 1001.0])[1]


def v_alibi():
    n = 8
    slopes = [2 ** (-8 * (i + 1) / n) for i in range(n)]
    assert abs(slopes[-1] - 1 / 256) < 1e-15
    return slopes[0]


def kv_bytes(layers, kv_heads, dh, seq, batch, bytes_per):
    return 2 * layers * kv_heads * dh * seq * batch * bytes_per


def v_kv():
    return kv_bytes(32, 32, 128, 4096, 1, 2) / 2 ** 30


def v_gqa():
    return kv_bytes(32, 8, 128, 4096, 1, 2) / 2 ** 30


def v_layer_params():
    d, ff = 1024, 4096
    attn = 4 * d * d
    mlp = d * ff + ff * d
    assert attn + mlp == 12 * d * d
    return attn + mlp


def v_mlp_params():
    sizes = [784, 256, 10]
    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))


def v_tied():
    return 50257 * 768


def v_mlm():
    return 0.15


def v_adam_first():
    eta, b1, b2, eps = 0.001, 0.9, 0.999, 1e-12
    g = 0.5
    m = (1 - b1) * g; v = (1 - b2) * g * g
    mh = m / (1 - b1); vh = v / (1 - b2)
    return eta * mh / (math.sqrt(vh) + eps)


def v_cosine():
    eta_max, eta_min, frac = 3e-4, 3e-5, 0.25
    eta = eta_min + 0.5 * (eta_max - eta_min) * (1 + math.cos(math.pi * frac))
    return eta / 1e-4


def v_clip():
    grads = [[3.0, 0.0], [0.0, 4.0, 0.0]]
    norm = math.sqrt(sum(v * v for g in grads for v in g))
    c = 2.5
    scale = min(1.0, c / norm)
    clipped = [[v * scale for v in g] for g in grads]
    return clipped[1][1]


def v_fp16_max():
    mx = struct.unpack("<e", b"\xff\x7b")[0]         # exponent 11110, mantissa all ones
    assert struct.unpack("<e", b"\x00\x7c")[0] == math.inf
    try:
        struct.pack("<e", 65520.0)
        raise AssertionError("65520 should overflow fp16")
    except OverflowError:
        pass
    return mx


def v_moe():
    d, ff, experts, k = 4096, 14336, 8, 2
    per = 3 * d * ff
    return k * per / 1e6


def conv_out(n, k, s, p):
    # count window positions explicitly
    padded = n + 2 * p
    return sum(1 for start in range(0, padded - k + 1, s))


def v_conv_params():
    k, cin, cout = 3, 64, 128
    return k * k * cin * cout + cout


def v_conv_out():
    return conv_out(224, 7, 2, 3)


def v_receptive_field():
    # propagate the set of input indices that reach output index 0 (1-D, no padding)
    layers = [(3, 2), (3, 2), (3, 1)]
    idx = {0}
    for k, s in reversed(layers):
        idx = {i * s + j for i in idx for j in range(k)}
    return max(idx) - min(idx) + 1


def v_stacked():
    C = 64
    return (3 * 3 * 3 * C * C) / (7 * 7 * C * C)


def v_lstm():
    n_in, h = 128, 256
    return 4 * (h * (n_in + h) + h)


NUMBER = {
    # ml-fundamentals
    "ml-l2-lambda-from-prior": v_l2_lambda,
    "ml-lasso-soft-threshold": v_lasso,
    "ml-logreg-gradient-number": v_logreg_grad,
    "ml-softmax-gradient-number": v_softmax_grad,
    "ml-linreg-slope-number": v_linreg_slope,
    "ml-ridge-number": v_ridge,
    "ml-bias-variance-number": v_bias_variance,
    "ml-recall-number": v_recall,
    "ml-f1-number": v_f1,
    "ml-fpr-number": v_fpr,
    "ml-roc-auc-number": v_roc_auc,
    "ml-pr-auc-baseline": v_pr_baseline,
    "ml-brier-score-number": v_brier,
    "ml-kmeans-step-number": v_kmeans_step,
    "ml-kmeans-pp-number": v_kmeans_pp,
    "ml-knn-training-error": v_knn_train_error,
    "ml-naive-bayes-number": v_naive_bayes,
    "ml-info-gain-number": v_info_gain,
    "ml-gini-number": v_gini,
    "ml-bootstrap-oob": v_bootstrap,
    "ml-rf-variance-number": v_rf_variance,
    "ml-adaboost-alpha": v_adaboost,
    "ml-ensemble-majority-vote": v_majority,
    "ml-svm-margin-number": v_svm_margin,
    "ml-hinge-loss": v_hinge,
    "ml-poly-kernel-dimension": v_poly_kernel_dim,
    "ml-pca-variance-number": v_pca,
    "ml-em-responsibility": v_em,
    "ml-curse-of-dimensionality": v_curse,
    "ml-ce-vs-mse-gradient-number": v_ce_vs_mse,
    # deep-learning
    "dl-backprop-number": v_backprop_toy,
    "dl-sigmoid-saturation": v_sigmoid_bound,
    "dl-gelu-number": v_gelu,
    "dl-xavier-init": v_xavier,
    "dl-he-init": v_he,
    "dl-rmsnorm": v_rmsnorm,
    "dl-dropout": v_dropout,
    "dl-label-smoothing": v_label_smoothing,
    "dl-attention-logit-std": v_attn_std,
    "dl-mha-params": v_mha_params,
    "dl-softmax-stability": v_softmax_stable,
    "dl-alibi": v_alibi,
    "dl-kv-cache-number": v_kv,
    "dl-gqa-number": v_gqa,
    "dl-transformer-layer-params": v_layer_params,
    "dl-mlp-params": v_mlp_params,
    "dl-tied-embeddings": v_tied,
    "dl-mlm-vs-clm": v_mlm,
    "dl-adam-first-step": v_adam_first,
    "dl-cosine-schedule": v_cosine,
    "dl-gradient-clipping": v_clip,
    "dl-fp16-max": v_fp16_max,
    "dl-moe-active-params": v_moe,
    "dl-conv-params": v_conv_params,
    "dl-conv-output-size": v_conv_out,
    "dl-receptive-field": v_receptive_field,
    "dl-stacked-3x3": v_stacked,
    "dl-lstm-params": v_lstm,
}


# Choice / exact answers, each with the fact it encodes.
def bpe_first_merge():
    corpus = {"tap": 4, "taps": 3, "tip": 2, "sap": 5}
    counts = {}
    for w, c in corpus.items():
        for a, b in zip(w, w[1:]):
            counts[a + b] = counts.get(a + b, 0) + c
    best = max(counts.values())
    top = [p for p, c in counts.items() if c == best]
    assert len(top) == 1, "tie for the first merge"
    return top[0]


def bf16_layout():
    # bf16 is the upper 16 bits of an fp32: 1 sign, 8 exponent, 7 mantissa bits.
    x = 1.0 + 2 ** -7                     # exactly representable with 7 mantissa bits
    bits = struct.unpack("<I", struct.pack("<f", x))[0]
    assert bits & 0xFFFF == 0             # fits in the top half
    y = 1.0 + 2 ** -8
    assert struct.unpack("<I", struct.pack("<f", y))[0] & 0xFFFF != 0
    return "8 exponent, 7 mantissa"


CHOICE = {
    # interpolation threshold of min-norm least squares: p = n
    "ml-double-descent-peak": lambda: "p ≈ n",
    # batch norm statistics per channel over batch and spatial axes
    "dl-norm-axes": lambda: "(N, H, W) per channel",
    # QKᵀ is n×n with d-dim dot products
    "dl-attention-complexity": lambda: "O(n²d)",
    "dl-bf16-format": bf16_layout,
}
EXACT = {
    "dl-bpe-merge": bpe_first_merge,
}

LATEX_RE = re.compile(r"\\[a-zA-Z]+|\$|\*\*|`|^#", re.M)


NUM_RE = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-−]?\d+)?")


def answer_mentions(a, value, tol):
    """Does the explanation quote the checked value (as a standalone number)?"""
    text = a.replace(",", "")
    for tok in NUM_RE.findall(text):
        try:
            n = float(tok.replace("−", "-"))
        except ValueError:
            continue
        if abs(n - value) <= max(tol, 0.005 * abs(value)) + 1e-12:
            return True
    return False


def main():
    all_ids = set()
    total = checked = verified = 0
    seen_checks = set()
    for deck_id, spec in DECKS.items():
        path = os.path.join(ROOT, spec["file"])
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        where = spec["file"]
        if set(doc) - DECK_KEYS:
            fail(f"{where}: unknown deck keys {set(doc) - DECK_KEYS}")
        for k in ("kind", "id", "title", "section", "topic", "cards"):
            if k not in doc:
                fail(f"{where}: missing {k}")
        if doc.get("kind") != "deck" or doc.get("id") != deck_id \
                or doc.get("section") != "machine-learning" or doc.get("topic") != deck_id:
            fail(f"{where}: bad kind/id/section/topic")
        if doc.get("tags") != ["oral"]:
            fail(f"{where}: deck tags should be [oral]")
        cards = doc.get("cards") or []
        n_checked = 0
        for c in cards:
            cid = c.get("id", "?")
            w = f"{where}:{cid}"
            if set(c) - CARD_KEYS:
                fail(f"{w}: unknown keys {set(c) - CARD_KEYS}")
            if not isinstance(cid, str) or not ID_RE.match(cid) or not cid.startswith(spec["prefix"]):
                fail(f"{w}: bad id")
            if cid in all_ids:
                fail(f"{w}: duplicate id")
            all_ids.add(cid)
            for k in ("q", "a"):
                if not isinstance(c.get(k), str) or not c[k].strip():
                    fail(f"{w}: missing {k}")
                elif LATEX_RE.search(c[k]):
                    fail(f"{w}: LaTeX/markdown in {k}")
            if c.get("difficulty") not in DIFFS:
                fail(f"{w}: difficulty missing or invalid")
            tags = c.get("tags")
            if not isinstance(tags, list) or not tags or not all(
                    isinstance(t, str) and ID_RE.match(t) for t in tags):
                fail(f"{w}: tags missing or invalid")
            words = len(str(c.get("a", "")).split())
            if words > 90:
                fail(f"{w}: answer has {words} words")
            elif words > 80:
                warn(f"{w}: answer has {words} words")
            chk = c.get("check")
            if chk is None:
                continue
            n_checked += 1
            seen_checks.add(cid)
            modes = [m for m in ("number", "choice", "exact") if m in chk]
            if len(modes) != 1:
                fail(f"{w}: check needs exactly one of number/choice/exact")
                continue
            mode = modes[0]
            allowed = {"number": {"number", "tolerance"}, "choice": {"choice", "answer"},
                       "exact": {"exact", "accept"}}[mode]
            if set(chk) - allowed:
                fail(f"{w}: unknown check keys {set(chk) - allowed}")
            if mode == "number":
                got = chk["number"]
                tol = chk.get("tolerance", 1e-9)
                if not isinstance(got, (int, float)) or isinstance(got, bool) \
                        or not isinstance(tol, (int, float)) or tol < 0:
                    fail(f"{w}: number/tolerance not numeric")
                    continue
                fn = NUMBER.get(cid)
                if fn is None:
                    fail(f"{w}: no independent recomputation for this number check")
                    continue
                try:
                    want = fn()
                except AssertionError as e:
                    fail(f"{w}: internal consistency check failed: {e}")
                    continue
                if abs(want - got) > tol + 1e-12:
                    fail(f"{w}: card says {got}, recomputed {want!r} (tolerance {tol})")
                else:
                    verified += 1
                if not answer_mentions(c["a"], got, tol):
                    warn(f"{w}: answer text does not quote the checked value {got}")
            elif mode == "choice":
                opts, ans = chk["choice"], chk.get("answer")
                if not (isinstance(opts, list) and 2 <= len(opts) <= 8
                        and all(isinstance(o, str) for o in opts)) or len(set(opts)) != len(opts):
                    fail(f"{w}: choice needs 2-8 distinct string options")
                if ans not in opts:
                    fail(f"{w}: answer not among options")
                fn = CHOICE.get(cid)
                if fn is None:
                    fail(f"{w}: no expected answer recorded for this choice check")
                elif fn() != ans:
                    fail(f"{w}: card answer {ans!r}, expected {fn()!r}")
                else:
                    verified += 1
            else:
                ex, acc = chk["exact"], chk.get("accept", [])
                if not isinstance(ex, str) or not isinstance(acc, list):
                    fail(f"{w}: bad exact check")
                fn = EXACT.get(cid)
                if fn is None:
                    fail(f"{w}: no expected answer recorded for this exact check")
                elif fn() != ex:
                    fail(f"{w}: card answer {ex!r}, expected {fn()!r}")
                else:
                    verified += 1
        n = len(cards)
        total += n; checked += n_checked
        if n < spec["min"]:
            fail(f"{where}: only {n} cards, need {spec['min']}")
        if n_checked < 0.3 * n:
            fail(f"{where}: only {n_checked}/{n} cards carry checks (< 30%)")
        print(f"{deck_id}: {n} cards, {n_checked} with checks")
    for cid in set(NUMBER) | set(CHOICE) | set(EXACT):
        if cid not in seen_checks:
            fail(f"verifier entry {cid} matches no checked card")
    for m in warnings:
        print("warning:", m)
    for m in failures:
        print("FAIL:", m)
    print(f"verify_ml: {total} cards, {checked} checks, {verified} verified, "
          f"{len(failures)} failures, {len(warnings)} warnings")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
