#!/usr/bin/env python3
"""verify_stats_cs.py - check the probability, statistics and computer-science decks.

Loads content/oral/{probability,statistics,computer-science}.yaml with PyYAML and
  * validates them against the content format (keys, ids, prefixes, sections, checks);
  * recomputes every `check: {number: ...}` independently from the question's data
    (stdlib only) and asserts it lies within the stated tolerance;
  * asserts every choice/exact answer against a recomputation or a reference table;
  * lints the text (answer length, no LaTeX or markdown).
Exits non-zero on any mismatch and prints one summary line.

usage: python3 tests/tools/verify/verify_stats_cs.py [CONTENT_DIR]
"""
import itertools
import math
import os
import re
import struct
import sys
from fractions import Fraction as F

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CONTENT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "content")

DECKS = {
    # file: (deck id, section, id prefix, minimum cards)
    "oral/probability.yaml": ("probability", "statistics", "pr-", 39),
    "oral/statistics.yaml": ("statistics", "statistics", "st-", 33),
    "oral/computer-science.yaml": ("computer-science", "computer-science", "cs-", 33),
}

errors = []
warnings = []


def err(msg):
    errors.append(msg)


# --------------------------------------------------------------------------
# small numeric helpers (stdlib only)
# --------------------------------------------------------------------------
def integrate(f, a, b, n=20000):
    """Composite Simpson's rule on [a, b]."""
    if n % 2:
        n += 1
    h = (b - a) / n
    s = f(a) + f(b)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * f(a + i * h)
    return s * h / 3


def phi(z):
    """Standard normal CDF."""
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def norm_ppf(p):
    lo, hi = -10.0, 10.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if phi(mid) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def t_pdf(x, df):
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    return c * (1 + x * x / df) ** (-(df + 1) / 2)


def t_two_sided_p(t, df):
    # P(|T| >= t) = 1 - 2 * integral_0^t pdf
    return 1 - 2 * integrate(lambda x: t_pdf(x, df), 0, t)


def solve_linear(A, b):
    """Gaussian elimination over Fractions."""
    n = len(A)
    M = [list(map(F, row)) + [F(v)] for row, v in zip(A, b)]
    for c in range(n):
        p = next(r for r in range(c, n) if M[r][c] != 0)
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return [M[i][n] / M[i][i] for i in range(n)]


def expected_wait_for_pattern(pattern, alphabet_probs):
    """Expected number of i.i.d. draws until `pattern` first appears (Markov chain on
    the length of the longest matched prefix, solved exactly)."""
    k = len(pattern)

    def step(state, sym):
        s = pattern[:state] + sym
        while s and not pattern.startswith(s):
            s = s[1:]
        return len(s)

    # E[s] = 1 + sum_sym p(sym) E[next(s, sym)], E[k] = 0
    A, b = [], []
    for s in range(k):
        row = [F(0)] * k
        row[s] += 1
        for sym, p in alphabet_probs.items():
            t = step(s, sym)
            if t < k:
                row[t] -= F(p)
        A.append(row)
        b.append(F(1))
    return solve_linear(A, b)[0]


def mat2_inv(m):
    (a, b), (c, d) = m
    det = a * d - b * c
    return [[d / det, -b / det], [-c / det, a / det]]


def dijkstra(edges, src):
    import heapq
    adj = {}
    for u, v, w in edges:
        adj.setdefault(u, []).append((v, w))
    dist = {src: 0}
    pq = [(0, src)]
    done = set()
    while pq:
        d, u = heapq.heappop(pq)
        if u in done:
            continue
        done.add(u)
        for v, w in adj.get(u, []):
            if v not in dist or d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(pq, (d + w, v))
    return dist


def bellman_ford(edges, src):
    nodes = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    dist = {n: math.inf for n in nodes}
    dist[src] = 0
    for _ in range(len(nodes) - 1):
        for u, v, w in edges:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    return dist


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def master(a, b, f_exp, f_log=0):
    """Solve T(n) = a T(n/b) + Theta(n^f_exp log^f_log n) (f_log = 0 only here)."""
    crit = math.log(a, b)
    if abs(f_exp - crit) < 1e-12:
        return ("balanced", crit)
    return ("leaves", crit) if f_exp < crit else ("root", f_exp)


def float32_next_after_one():
    one = struct.unpack("<I", struct.pack("<f", 1.0))[0]
    return struct.unpack("<f", struct.pack("<I", one + 1))[0]


def bf16_to_float(bits16):
    return struct.unpack("<f", struct.pack("<I", bits16 << 16))[0]


# --------------------------------------------------------------------------
# recomputations for number checks: id -> (substrings the question must contain,
# function returning the value)
# --------------------------------------------------------------------------
def r_bayes_base_rate():
    prev, sens, fpr = 0.01, 0.99, 0.05
    return prev * sens / (prev * sens + (1 - prev) * fpr)


def r_bayes_second_test():
    prev, sens, fpr = F(1, 100), F(99, 100), F(5, 100)
    p = prev
    for _ in range(2):
        p = p * sens / (p * sens + (1 - p) * fpr)
    return float(p)


def r_double_headed():
    # enumerate coins and flip outcomes
    coins = [F(1, 2), F(1, 2), F(1)]  # P(heads) per coin
    joint = [F(1, 3) * ph ** 3 for ph in coins]
    return float(joint[2] / sum(joint))


def r_variance_rules():
    # concrete independent X, Y with Var 3 and 4: X = ±sqrt3, Y = ±2 equiprobable
    xs = [math.sqrt(3), -math.sqrt(3)]
    ys = [2.0, -2.0]
    vals = [2 * x - y + 5 for x in xs for y in ys]
    m = sum(vals) / 4
    return sum((v - m) ** 2 for v in vals) / 4


def r_hat_check():
    out = []
    for n in range(1, 8):
        perms = list(itertools.permutations(range(n)))
        out.append(F(sum(sum(p[i] == i for i in range(n)) for p in perms), len(perms)))
    assert all(x == 1 for x in out), out
    return 1.0


def r_distinct_faces():
    total = 0
    for seq in itertools.product(range(6), repeat=6):
        total += len(set(seq))
    return total / 6 ** 6


def r_binomial_var():
    n, p = 10, 0.3
    pmf = [math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]
    m = sum(k * q for k, q in enumerate(pmf))
    return sum((k - m) ** 2 * q for k, q in enumerate(pmf))


def r_poisson_zero():
    lam = 2
    return lam ** 0 * math.exp(-lam) / math.factorial(0)


def r_geometric_six():
    p = 1 / 6
    return sum(k * p * (1 - p) ** (k - 1) for k in range(1, 2000))


def r_inspection():
    lam = 1 / 10  # length-biased gap: E[G^2] / E[G]
    m1 = integrate(lambda g: g * lam * math.exp(-lam * g), 0, 600)
    m2 = integrate(lambda g: g * g * lam * math.exp(-lam * g), 0, 600)
    return m2 / m1


def r_min_exponentials():
    # E[min] = integral of P(min > t) = P(T1 > t) P(T2 > t)
    return integrate(lambda t: math.exp(-t / 2) * math.exp(-t / 3), 0, 200)


def r_uniform_var():
    m = integrate(lambda x: x, 0, 1)
    return integrate(lambda x: (x - m) ** 2, 0, 1)


def r_beta_mean():
    a, b = 2, 3
    z = integrate(lambda x: x ** (a - 1) * (1 - x) ** (b - 1), 0, 1)
    return integrate(lambda x: x * x ** (a - 1) * (1 - x) ** (b - 1), 0, 1) / z


def r_clt_sds():
    n, p = 100, 0.5
    return (60 - n * p) / math.sqrt(n * p * (1 - p))


def r_bivariate():
    mu = [0.0, 0.0]
    S = [[1.0, 0.6], [0.6, 1.0]]  # index 0 = Y, 1 = X
    x = 2.0
    inv = 1 / S[1][1]
    cond_mean = mu[0] + S[0][1] * inv * (x - mu[1])
    cond_var = S[0][0] - S[0][1] * inv * S[1][0]
    assert abs(cond_var - 0.64) < 1e-12, cond_var
    return cond_mean


def r_change_of_vars():
    cdf = lambda y: math.sqrt(y)  # P(X^2 <= y) for X ~ U(0,1)
    h = 1e-6
    return (cdf(0.25 + h) - cdf(0.25 - h)) / (2 * h)


def r_birthday():
    p = 1.0
    for i in range(23):
        p *= (365 - i) / 365
    return 1 - p


def r_monty_hall():
    win = F(0)
    for car in range(3):
        for pick in range(3):
            goats = [d for d in range(3) if d != pick and d != car]
            for opened in goats:
                pr = F(1, 3) * F(1, 3) * F(1, len(goats))
                switch_to = next(d for d in range(3) if d not in (pick, opened))
                win += pr * (switch_to == car)
    return float(win)


def r_coupon():
    n = 6
    # Markov chain on number of faces seen
    e = F(0)
    for k in range(n):
        e += F(n, n - k)
    return float(e)


def r_two_sixes():
    probs = {"6": F(1, 6), "x": F(5, 6)}
    return float(expected_wait_for_pattern("66", probs))


def r_hh():
    probs = {"H": F(1, 2), "T": F(1, 2)}
    assert expected_wait_for_pattern("HT", probs) == 4
    return float(expected_wait_for_pattern("HH", probs))


def r_max_two_dice():
    return sum(max(a, b) for a in range(1, 7) for b in range(1, 7)) / 36


def r_two_children():
    fams = list(itertools.product("BG", repeat=2))
    cond = [f for f in fams if "B" in f]
    return sum(f == ("B", "B") for f in cond) / len(cond)


def r_markov():
    return 10 / 50


def r_chebyshev():
    return 1 / 3 ** 2


def r_inverse_cdf():
    lam, u = 2.0, 0.5
    # invert F(x) = 1 - exp(-lam x) by bisection
    lo, hi = 0.0, 100.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 1 - math.exp(-lam * mid) < u:
            lo = mid
        else:
            hi = mid
    return lo


def r_rejection():
    # target p = Uniform(0, 1/4) (density 4), proposal q = Uniform(0, 1), so p <= 4 q
    M = 4
    p = lambda x: 4.0 if x < 0.25 else 0.0
    q = lambda x: 1.0
    assert all(p(i / 1000) <= M * q(i / 1000) for i in range(1000))
    # P(accept) = integral of q(x) * p(x) / (M q(x)); integrate piecewise (p jumps at 1/4)
    accept = (integrate(lambda x: q(x) * 4.0 / (M * q(x)), 0, 0.25)
              + integrate(lambda x: 0.0, 0.25, 1))
    return 1 / accept


# statistics
def r_mle_bernoulli():
    k, n = 7, 10
    grid = [i / 10000 for i in range(1, 10000)]
    return max(grid, key=lambda p: k * math.log(p) + (n - k) * math.log(1 - p))


def r_mle_gauss_var_factor():
    # X = ±1 (sigma^2 = 1); enumerate all samples of size 5
    n = 5
    tot = F(0)
    for s in itertools.product([-1, 1], repeat=n):
        m = F(sum(s), n)
        tot += sum((F(x) - m) ** 2 for x in s) / n
    return float(tot / 2 ** n)


def r_sample_variance():
    import statistics
    return statistics.variance([2, 4, 4, 4, 5, 5, 7, 9])


def r_mse_compare():
    # B: bias 0.2, variance 0.1; realise it as a two-point distribution and compute
    # E[(theta_hat - theta)^2] directly, theta = 0
    sd = math.sqrt(0.1)
    vals = [0.2 + sd, 0.2 - sd]
    mse_b = sum(v * v for v in vals) / 2
    assert mse_b < 0.25  # A's MSE is its variance
    return mse_b


def r_ols_slope_se():
    xs = [1, 2, 3, 4, 5]
    sigma = 2.0
    # X = [1, x]; Var(beta_hat) = sigma^2 (X^T X)^-1, slope is entry [1][1]
    xtx = [[len(xs), sum(xs)], [sum(xs), sum(x * x for x in xs)]]
    inv = mat2_inv(xtx)
    return math.sqrt(sigma ** 2 * inv[1][1])


def r_permutation_test():
    # groups of 3 from 6 distinct values; observed split = top 3 in group 1
    vals = [1.0, 2.0, 3.5, 4.0, 7.0, 9.0]
    obs = sum(vals[3:]) / 3 - sum(vals[:3]) / 3
    splits = list(itertools.combinations(range(6), 3))
    diffs = []
    for g in splits:
        a = [vals[i] for i in g]
        b = [vals[i] for i in range(6) if i not in g]
        diffs.append(sum(a) / 3 - sum(b) / 3)
    return sum(d >= obs - 1e-12 for d in diffs) / len(splits)


def r_brier():
    p, rainy, dry = 0.8, 3, 2
    ys = [1] * rainy + [0] * dry
    brier = sum((p - y) ** 2 for y in ys) / len(ys)
    honest = sum((0.6 - y) ** 2 for y in ys) / len(ys)
    assert abs(honest - 0.24) < 1e-12 and honest < brier
    return brier


def r_standard_error():
    sigma = 2 * math.sqrt(100)
    target = 1.0
    return (sigma / target) ** 2


def r_cramer_rao():
    p, n = 0.5, 100
    # Fisher information of one Bernoulli by expectation of squared score
    score1 = 1 / p          # x = 1
    score0 = -1 / (1 - p)   # x = 0
    info = p * score1 ** 2 + (1 - p) * score0 ** 2
    return 1 / (n * info)


def r_ci_half_width():
    return norm_ppf(0.975) * 10 / math.sqrt(100)


def r_fwer():
    return 1 - 0.95 ** 20


def r_bonferroni():
    return 0.05 / 20


def r_t_stat():
    t = (52 - 50) / (5 / math.sqrt(25))
    # the answer's p-value claims
    pt = t_two_sided_p(t, 24)
    pz = 2 * (1 - phi(t))
    assert abs(pt - 0.057) < 0.001, pt
    assert abs(pz - 0.046) < 0.001, pz
    return t




def r_ab_sample_size():
    z_a, z_b, sigma, delta = 1.96, 0.84, 1.0, 0.1
    return 2 * (z_a + z_b) ** 2 * sigma ** 2 / delta ** 2


def r_r_squared():
    return 1 - 20 / 80


def _posterior_mean(a, b, heads, tails):
    f = lambda p: p ** (a - 1 + heads) * (1 - p) ** (b - 1 + tails)
    return integrate(lambda p: p * f(p), 0, 1) / integrate(f, 0, 1)


def r_beta_binomial():
    v = _posterior_mean(2, 2, 7, 3)
    # the answer's MAP claim: mode of Beta(9, 5)
    grid = [i / 100000 for i in range(1, 100000)]
    mode = max(grid, key=lambda p: 8 * math.log(p) + 4 * math.log(1 - p))
    assert abs(mode - 2 / 3) < 1e-4, mode
    return v


def r_succession():
    return _posterior_mean(1, 1, 0, 10)




# computer science
def r_binary_search():
    def worst(n):
        probes = 0
        while n > 0:
            probes += 1
            n = n - 1 - (n - 1) // 2  # larger remaining half
        return probes
    return worst(10 ** 6)


def r_hash_birthday():
    N = 2 ** 32
    log_no = 0.0
    n = 0
    while True:
        n += 1
        log_no += math.log1p(-(n - 1) / N)
        if 1 - math.exp(log_no) >= 0.5:
            return n


def r_bloom():
    n, m, k = 1000, 10000, 7
    exact = (1 - (1 - 1 / m) ** (k * n)) ** k
    approx = (1 - math.exp(-k * n / m)) ** k
    assert abs(exact - approx) < 1e-4
    # the answer's optimal-k claim
    assert abs((m / n) * math.log(2) - 6.9) < 0.05
    return approx


def r_dynamic_array():
    cap, size, copies = 1, 0, 0
    for _ in range(1024):
        if size == cap:
            copies += size
            cap *= 2
        size += 1
    return copies


def r_strassen():
    kind, e = master(7, 2, 2)
    assert kind == "leaves"
    return e


def r_nested_loops():
    c = 0
    for i in range(100):
        for _ in range(i):
            c += 1
    return c


SP_EDGES = [("A", "B", 4), ("A", "C", 1), ("C", "B", 2), ("B", "D", 1), ("C", "D", 5)]


def r_shortest_path():
    d = dijkstra(SP_EDGES, "A")["D"]
    assert d == bellman_ford(SP_EDGES, "A")["D"]
    return d


def r_topo_count():
    nodes = "abcde"
    edges = [("a", "b"), ("a", "c"), ("a", "e"), ("b", "d"), ("c", "d")]
    return sum(all(p.index(u) < p.index(v) for u, v in edges)
               for p in itertools.permutations(nodes))


def r_edit_distance():
    return levenshtein("kitten", "sitting")


def r_stairs():
    def ways(n):
        if n < 0:
            return 0
        if n == 0:
            return 1
        return ways(n - 1) + ways(n - 2)
    return ways(10)


def r_eps32():
    eps = float32_next_after_one() - 1.0
    assert eps == 2.0 ** -23
    assert math.ulp(1.0) == 2.0 ** -52 and abs(math.ulp(1.0) - 2.22e-16) < 0.01e-16
    return eps


def r_fp16_min_normal():
    v = struct.unpack("<e", struct.pack("<H", 0x0400))[0]  # exponent field 1, fraction 0
    # the answer's other claims: max finite 65504, smallest subnormal ~6e-8
    assert struct.unpack("<e", struct.pack("<H", 0x7BFF))[0] == 65504.0
    assert math.isinf(struct.unpack("<e", struct.pack("<H", 0x7C00))[0])
    sub = struct.unpack("<e", struct.pack("<H", 0x0001))[0]
    assert abs(sub - 6e-8) < 0.1e-8, sub
    bf16_max = bf16_to_float(0x7F7F)
    assert abs(bf16_max - 3.4e38) < 0.05e38, bf16_max
    return v


def r_bf16_eps():
    one = struct.unpack("<I", struct.pack("<f", 1.0))[0] >> 16
    assert bf16_to_float(one) == 1.0
    return bf16_to_float(one + 1) - 1.0


def r_float_assoc():
    a = (1e16 + 1) - 1e16
    assert 1e16 + (1 - 1e16) == 0.0
    assert (1e16 - 1e16) + 1 == 1.0
    return a


def r_logsumexp():
    xs = [1000.0, 1000.0]
    m = max(xs)
    return m + math.log(sum(math.exp(x - m) for x in xs))


def r_matmul_flops():
    m, k, n = 1024, 4096, 512
    return 2 * m * n * k / 1e9


def r_matmul_chain():
    dims = [20, 200, 10, 100]
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            cost[i][j] = min(cost[i][s] + cost[s + 1][j] + dims[i] * dims[s + 1] * dims[j + 1]
                             for s in range(i, j))
    return cost[0][n - 1]


def r_score_function_variance():
    theta = 0.25
    # d/dtheta log p(x; theta): x=1 -> 1/theta, x=0 -> -1/(1-theta); f(x) = x
    est = {1: 1 * (1 / theta), 0: 0 * (-1 / (1 - theta))}
    prob = {1: theta, 0: 1 - theta}
    mean = sum(prob[x] * est[x] for x in (0, 1))
    assert abs(mean - 1) < 1e-12  # unbiased: d/dtheta E[x] = 1
    return sum(prob[x] * (est[x] - mean) ** 2 for x in (0, 1))


def r_reservoir():
    k, n, item = 3, 30, 7
    p = F(k, item)
    for i in range(item + 1, n + 1):
        p *= 1 - F(k, i) * F(1, k)
    return float(p)


NUMBER = {
    "pr-bayes-base-rate": (["1%", "99%", "5%"], r_bayes_base_rate),
    "pr-bayes-second-test": (["1%", "99%", "5%", "twice"], r_bayes_second_test),
    "pr-bayes-double-headed-coin": (["three coins", "two fair", "three heads"], r_double_headed),
    "pr-variance-rules": (["Var(X) = 3", "Var(Y) = 4", "Var(2X − Y + 5)"], r_variance_rules),
    "pr-hat-check-fixed-points": (["own hat"], r_hat_check),
    "pr-distinct-faces": (["6 times", "six-sided"], r_distinct_faces),
    "pr-binomial": (["Binomial(10, 0.3)"], r_binomial_var),
    "pr-poisson": (["λ = 2", "P(X = 0)"], r_poisson_zero),
    "pr-geometric-expected-rolls": (["first six"], r_geometric_six),
    "pr-inspection-paradox": (["mean gap 10"], r_inspection),
    "pr-min-of-exponentials": (["means 2 and 3"], r_min_exponentials),
    "pr-uniform": (["Uniform(0, 1)"], r_uniform_var),
    "pr-beta": (["Beta(2, 3)"], r_beta_mean),
    "pr-clt": (["100 times", "60 heads"], r_clt_sds),
    "pr-bivariate-normal-conditional": (["correlation 0.6", "X = 2"], r_bivariate),
    "pr-change-of-variables-number": (["Uniform(0, 1)", "Y = X²", "y = 0.25"], r_change_of_vars),
    "pr-birthday": (["23 people", "365"], r_birthday),
    "pr-monty-hall": (["three doors", "switch"], r_monty_hall),
    "pr-coupon-collector": (["all six faces"], r_coupon),
    "pr-two-sixes-in-a-row": (["two sixes in a row"], r_two_sixes),
    "pr-hh-vs-ht": (["HT is 4", "HH"], r_hh),
    "pr-max-of-two-dice": (["maximum of two fair dice"], r_max_two_dice),
    "pr-two-children": (["two children", "at least one is a boy"], r_two_children),
    "pr-markov-inequality": (["mean 10", "P(X ≥ 50)"], r_markov),
    "pr-chebyshev": (["3 standard deviations"], r_chebyshev),
    "pr-inverse-cdf": (["Exponential(λ = 2)", "u = 0.5"], r_inverse_cdf),
    "pr-rejection-sampling": (["p(x) ≤ 4 q(x)"], r_rejection),
    "pr-score-function-variance": (["θ = 0.25", "f(x) = x"], r_score_function_variance),
    "st-mle-bernoulli": (["7 heads", "10 flips"], r_mle_bernoulli),
    "st-mle-gaussian-variance": (["n = 5"], r_mle_gauss_var_factor),
    "st-sample-variance": (["2, 4, 4, 4, 5, 5, 7, 9"], r_sample_variance),
    "st-mse-compare": (["unbiased with variance 0.25", "bias 0.2", "variance 0.1"], r_mse_compare),
    "st-ols-standard-error": (["x = 1, 2, 3, 4, 5", "σ = 2", "slope"], r_ols_slope_se),
    "st-permutation-test": (["two groups of 3", "largest", "one-sided"], r_permutation_test),
    "st-brier-score": (["80%", "5 days", "3 of"], r_brier),
    "st-standard-error": (["n = 100", "is 2", "halve"], r_standard_error),
    "st-cramer-rao": (["n = 100", "Bernoulli(0.5)"], r_cramer_rao),
    "st-ci-half-width": (["n = 100", "σ = 10", "95%"], r_ci_half_width),
    "st-fwer": (["20 independent tests", "α = 0.05"], r_fwer),
    "st-bonferroni": (["0.05", "20 tests"], r_bonferroni),
    "st-t-statistic": (["n = 25", "mean 52", "SD 5", "μ = 50"], r_t_stat),
    "st-ab-sample-size": (["δ = 0.1", "σ = 1", "z₀.₉₇₅ = 1.96", "z₀.₈ = 0.84"], r_ab_sample_size),
    "st-r-squared": (["residual sum of squares 20", "80"], r_r_squared),
    "st-beta-binomial-posterior": (["Beta(2, 2)", "7 heads", "3 tails"], r_beta_binomial),
    "st-rule-of-succession": (["uniform prior", "0 successes in 10"], r_succession),
    "cs-binary-search-comparisons": (["1,000,000"], r_binary_search),
    "cs-hash-birthday-bound": (["32-bit"], r_hash_birthday),
    "cs-bloom-filter": (["10 bits per stored item", "k = 7"], r_bloom),
    "cs-dynamic-array-copies": (["capacity 1", "doubles", "1024"], r_dynamic_array),
    "cs-master-strassen": (["7T(n/2) + Θ(n²)"], r_strassen),
    "cs-nested-loop-count": (["range(n)", "range(i)", "n = 100"], r_nested_loops),
    "cs-shortest-path-number": (["A→B 4", "A→C 1", "C→B 2", "B→D 1", "C→D 5"], r_shortest_path),
    "cs-topological-orderings-count": (["a→b, a→c, a→e, b→d, c→d"], r_topo_count),
    "cs-edit-distance": (['"kitten"', '"sitting"'], r_edit_distance),
    "cs-stairs-dp": (["10 stairs", "1 or 2"], r_stairs),
    "cs-machine-epsilon": (["float32"], r_eps32),
    "cs-bf16-vs-fp16": (["smallest positive normal fp16"], r_fp16_min_normal),
    "cs-bf16-epsilon": (["bf16"], r_bf16_eps),
    "cs-float-non-associativity": (["(1e16 + 1) − 1e16"], r_float_assoc),
    "cs-log-sum-exp": (["log(e¹⁰⁰⁰ + e¹⁰⁰⁰)"], r_logsumexp),
    "cs-matmul-flops": (["1024 × 4096", "4096 × 512", "GFLOP"], r_matmul_flops),
    "cs-matmul-chain-order": (["20 × 200", "200 × 10", "10 × 100"], r_matmul_chain),
    "cs-reservoir-number": (["k = 3", "30 items", "7th"], r_reservoir),
}


# --------------------------------------------------------------------------
# further claims made in answers (cards without a machine check included)
# --------------------------------------------------------------------------
def k_ridge_is_posterior_mean():
    # st-ridge-bayesian-posterior: posterior mean S X^T y / sigma^2 == ridge with
    # lambda = sigma^2 / tau^2
    X = [[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]]
    y = [1.0, 2.0, -1.0]
    s2, t2 = 4.0, 2.0
    xtx = [[sum(r[i] * r[j] for r in X) for j in range(2)] for i in range(2)]
    xty = [sum(r[i] * v for r, v in zip(X, y)) for i in range(2)]
    prec = [[xtx[i][j] / s2 + (1 / t2 if i == j else 0) for j in range(2)] for i in range(2)]
    S = mat2_inv(prec)
    post = [sum(S[i][j] * xty[j] / s2 for j in range(2)) for i in range(2)]
    lam = s2 / t2
    R = mat2_inv([[xtx[i][j] + (lam if i == j else 0) for j in range(2)] for i in range(2)])
    ridge = [sum(R[i][j] * xty[j] for j in range(2)) for i in range(2)]
    assert all(abs(a - b) < 1e-12 for a, b in zip(post, ridge)), (post, ridge)


def k_uncorrelated_not_independent():
    # pr-covariance-vs-independence: X ~ U(-1, 1), Y = X^2 has Cov = 0
    ex = integrate(lambda x: x / 2, -1, 1)
    ex2 = integrate(lambda x: x * x / 2, -1, 1)
    ex3 = integrate(lambda x: x ** 3 / 2, -1, 1)
    assert abs(ex3 - ex * ex2) < 1e-12


def k_derangements():
    # pr-hat-check-fixed-points: P(no fixed point) -> 1/e
    n = 8
    d = sum(all(p[i] != i for i in range(n)) for p in itertools.permutations(range(n)))
    assert abs(d / math.factorial(n) - 1 / math.e) < 1e-4


def k_gaussian_tails():
    # pr-gaussian-mass, pr-chebyshev, pr-clt, st-ci-half-width
    for k, want in ((1, 0.6827), (2, 0.9545), (3, 0.9973)):
        assert abs(phi(k) - phi(-k) - want) < 1e-4
    assert abs(2 * (1 - phi(3)) - 0.0027) < 1e-4
    assert abs(norm_ppf(0.975) - 1.96) < 1e-3
    normal_tail = 1 - phi(2)
    exact_tail = sum(math.comb(100, k) for k in range(60, 101)) / 2 ** 100
    assert 0.02 <= normal_tail <= 0.03 and 0.02 <= exact_tail <= 0.03


def k_categorical_hessian():
    # pr-categorical: Hessian of softmax cross-entropy wrt logits = diag(p) - p p^T
    z = [0.3, -1.2, 0.8]
    y = 2
    def loss(v):
        m = max(v)
        return -(v[y] - m - math.log(sum(math.exp(t - m) for t in v)))
    e = [math.exp(t) for t in z]
    p = [t / sum(e) for t in e]
    h = 1e-4
    for i in range(3):
        for j in range(3):
            def f(a, b):
                v = list(z)
                v[i] += a
                v[j] += b
                return loss(v)
            num = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
            want = (p[i] if i == j else 0) - p[i] * p[j]
            assert abs(num - want) < 1e-5, (i, j, num, want)


def k_misc_numbers():
    assert math.comb(23, 2) == 253                                   # pr-birthday
    assert abs(2 * 3 / ((2 + 3) ** 2 * (2 + 3 + 1)) - 0.04) < 1e-12  # pr-beta variance
    assert abs((1 / 2) / (1 / 2 + 1 / 3) - 0.6) < 1e-12              # pr-min-of-exponentials
    assert abs(1 - (5 / 6) ** 6 - 0.665) < 0.001                     # pr-distinct-faces
    assert abs(6 - F(55, 36) - F(161, 36)) == 0                      # pr-max-of-two-dice
    assert abs(sum(1 / k for k in range(1, 7)) - 2.45) < 1e-12       # pr-coupon-collector
    assert abs(math.log(2) / 2 - 0.3466) < 1e-4                      # pr-inverse-cdf
    assert abs(math.sqrt(2 * math.log(2)) - 1.18) < 0.005            # cs-hash-birthday-bound
    assert 2 ** 20 == 1_048_576 and 2 ** 19 < 10 ** 6                # cs-binary-search
    assert math.ceil(math.log2(10 ** 9)) == 30                       # cs-binary-search
    assert 200 * 10 * 100 + 20 * 200 * 100 == 600_000                # cs-matmul-chain-order
    assert 2 * 1024 * 4096 * 512 == 2 ** 32                          # cs-matmul-flops
    assert 2.0 ** 53 < 1e16 and abs(2.0 ** 53 - 9.0e15) < 0.01e15    # cs-float-non-assoc.
    assert abs(2.0 ** -10 - 0.00098) < 0.000005                      # cs-bf16-epsilon
    assert abs(2.0 ** -14 - 6.10e-5) < 0.01e-5                       # cs-bf16-vs-fp16
    fib = [1, 2]
    while len(fib) < 10:
        fib.append(fib[-1] + fib[-2])
    assert fib == [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]                 # cs-stairs-dp
    # cs-build-heap: sum_h h * n / 2^(h+1) <= n
    assert sum(h / 2 ** (h + 1) for h in range(200)) <= 1.0 + 1e-12
    # cs-dynamic-array-amortised: total copies < 2n for every n
    cap, size, copies = 1, 0, 0
    for n in range(1, 5000):
        if size == cap:
            copies += size
            cap *= 2
        size += 1
        assert copies < 2 * n
    # cs-master-case-two, cs-master-mergesort
    assert master(4, 2, 2)[0] == "balanced" and master(2, 2, 1)[0] == "balanced"
    # st-fwer, st-power-like claims
    assert abs(0.05 / 20 * 20 - 0.05) < 1e-15


CLAIMS = [k_ridge_is_posterior_mean, k_uncorrelated_not_independent, k_derangements,
          k_gaussian_tails, k_categorical_hessian, k_misc_numbers]


# --------------------------------------------------------------------------
# choice / exact answers
# --------------------------------------------------------------------------
# Reference table of complexities, stated once.
COMPLEXITY = {
    "quicksort worst": "O(n²)",
    "build heap": "O(n)",
    "top-k with size-k heap": "O(n log k)",
    "hash lookup": "O(1) average, O(n) worst",
    "unbalanced BST search worst": "O(n)",
}
COMPLEXITY_CLASS = {
    "2-SAT": "P",
    "3-SAT": "NP-complete",
    "Shortest path with non-negative weights": "P",
    "Linear programming": "P",
}


def c_gaussian_mass(card):
    within2 = phi(2) - phi(-2)
    opts = card["check"]["choice"]
    nearest = min(opts, key=lambda o: abs(float(o.rstrip("%")) / 100 - within2))
    return nearest


def c_simpson(card):
    a = {"mild": (18, 20), "severe": (48, 80)}
    b = {"mild": (64, 80), "severe": (10, 20)}
    for g in a:
        assert a[g][0] / a[g][1] > b[g][0] / b[g][1], g
    tot = lambda d: sum(x for x, _ in d.values()) / sum(y for _, y in d.values())
    assert tot(a) < tot(b), (tot(a), tot(b))
    assert abs(tot(a) - 0.66) < 1e-9 and abs(tot(b) - 0.74) < 1e-9
    return "A"


def c_master_str(a, b, f_exp):
    kind, e = master(a, b, f_exp)
    def power(x):
        return {1: "n", 2: "n²", 3: "n³"}.get(round(x), "n^%g" % x) if abs(x - round(x)) < 1e-12 else "n^%g" % x
    if kind == "balanced":
        return power(e) + " log n"
    return power(e)


def c_np(card):
    hits = [o for o in card["check"]["choice"] if COMPLEXITY_CLASS[o] == "NP-complete"]
    assert len(hits) == 1, hits
    return hits[0]


CHOICE_EXACT = {
    "pr-gaussian-mass": c_gaussian_mass,
    "st-simpsons-paradox": c_simpson,
    "cs-quicksort-worst-case": lambda c: COMPLEXITY["quicksort worst"],
    "cs-build-heap": lambda c: COMPLEXITY["build heap"],
    "cs-top-k-heap": lambda c: COMPLEXITY["top-k with size-k heap"],
    "cs-hash-table-complexity": lambda c: COMPLEXITY["hash lookup"],
    "cs-bst-worst-case": lambda c: COMPLEXITY["unbalanced BST search worst"],
    "cs-master-mergesort": lambda c: "O(" + c_master_str(2, 2, 1) + ")",
    "cs-master-case-two": lambda c: "Θ(" + c_master_str(4, 2, 2) + ")",
    "cs-np-complete-choice": c_np,
}


# --------------------------------------------------------------------------
# format validation
# --------------------------------------------------------------------------
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
DECK_KEYS = {"kind", "id", "title", "section", "topic", "tags", "drill", "cards"}
CARD_KEYS = {"id", "q", "a", "difficulty", "tags", "check", "code", "seconds"}
SECTIONS = {"mathematics", "statistics", "computer-science", "machine-learning",
            "alignment", "practice"}
MAX_WORDS = 90        # hard limit (brief: ~80)
SOFT_WORDS = 80


def norm(s):
    # as core/content_check.c compares: whitespace runs collapsed, ASCII letters
    # folded (Θ and θ stay different, as Σ and σ must)
    return "".join(ch.lower() if "A" <= ch <= "Z" else ch for ch in " ".join(str(s).split()))


def validate_check(cid, chk):
    if not isinstance(chk, dict):
        err(f"{cid}: check is not a mapping")
        return
    kinds = [k for k in ("number", "choice", "exact") if k in chk]
    if len(kinds) != 1:
        err(f"{cid}: check needs exactly one of number/choice/exact, has {kinds}")
        return
    kind = kinds[0]
    allowed = {"number": {"number", "tolerance"}, "choice": {"choice", "answer"},
               "exact": {"exact", "accept"}}[kind]
    extra = set(chk) - allowed
    if extra:
        err(f"{cid}: unknown check keys {sorted(extra)}")
    if kind == "number":
        v = chk["number"]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            err(f"{cid}: check.number is not a number: {v!r}")
        tol = chk.get("tolerance", 1e-9)
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0:
            err(f"{cid}: bad tolerance {tol!r}")
        elif v and tol > 0.03 * abs(v) and tol > 1e-9:
            err(f"{cid}: tolerance {tol} is loose for {v} (>3%)")
    elif kind == "choice":
        opts = chk["choice"]
        if not isinstance(opts, list) or not 2 <= len(opts) <= 8:
            err(f"{cid}: choice needs 2-8 options")
            return
        if not all(isinstance(o, str) for o in opts):
            err(f"{cid}: choice options must be strings")
        if len({norm(o) for o in opts}) != len(opts):
            err(f"{cid}: duplicate choice options")
        if chk.get("answer") not in opts:
            err(f"{cid}: choice answer {chk.get('answer')!r} not among options")
    else:
        if not isinstance(chk["exact"], str) or not chk["exact"].strip():
            err(f"{cid}: exact must be a non-empty string")
        acc = chk.get("accept", [])
        if not isinstance(acc, list) or not all(isinstance(x, str) for x in acc):
            err(f"{cid}: accept must be a list of strings")
        elif len({norm(x) for x in acc + [chk["exact"]]}) != len(acc) + 1:
            err(f"{cid}: accept duplicates the answer or itself after normalising")


def lint_text(cid, field, text):
    if "\\" in text or "$" in text:
        err(f"{cid}: {field} looks like LaTeX")
    if "**" in text or "`" in text or re.search(r"(^|\n)\s*[-*] ", text):
        err(f"{cid}: {field} contains markdown")
    if "\t" in text:
        err(f"{cid}: {field} contains a tab")


def all_other_card_ids(mine):
    """Card ids in every other content file, to catch cross-file collisions."""
    ids = {}
    for dirpath, _, files in os.walk(CONTENT):
        for fn in files:
            if not fn.endswith(".yaml"):
                continue
            path = os.path.join(dirpath, fn)
            if os.path.relpath(path, CONTENT) in mine:
                continue
            try:
                doc = yaml.safe_load(open(path, encoding="utf-8"))
            except Exception:
                continue  # not ours to judge
            if not isinstance(doc, dict):
                continue
            for c in doc.get("cards") or []:
                if isinstance(c, dict) and "id" in c:
                    ids[c["id"]] = path
            for p in doc.get("papers") or []:
                for qn in (p or {}).get("questions") or []:
                    if isinstance(qn, dict) and "id" in qn:
                        ids[qn["id"]] = path
    return ids


def main():
    seen = {}
    n_cards = n_checks = n_number = n_choice_exact = 0
    per_deck = []
    others = all_other_card_ids(set(DECKS))
    for rel, (deck_id, section, prefix, minimum) in DECKS.items():
        path = os.path.join(CONTENT, rel)
        try:
            doc = yaml.safe_load(open(path, encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            err(f"{rel}: cannot load: {e}")
            continue
        if set(doc) - DECK_KEYS:
            err(f"{rel}: unknown deck keys {sorted(set(doc) - DECK_KEYS)}")
        if doc.get("kind") != "deck":
            err(f"{rel}: kind is not deck")
        if doc.get("id") != deck_id or doc.get("topic") != deck_id:
            err(f"{rel}: id/topic should be {deck_id}")
        if doc.get("section") != section or section not in SECTIONS:
            err(f"{rel}: section should be {section}")
        if not isinstance(doc.get("title"), str):
            err(f"{rel}: title missing")
        if "oral" not in (doc.get("tags") or []):
            err(f"{rel}: deck tags should include oral")
        cards = doc.get("cards") or []
        deck_checks = 0
        for c in cards:
            cid = c.get("id", "?")
            if set(c) - CARD_KEYS:
                err(f"{cid}: unknown card keys {sorted(set(c) - CARD_KEYS)}")
            if not isinstance(cid, str) or not ID_RE.match(cid) or not cid.startswith(prefix):
                err(f"{cid}: bad id (format or prefix {prefix})")
            if cid in seen:
                err(f"{cid}: duplicate id (also in {seen[cid]})")
            seen[cid] = rel
            if cid in others:
                err(f"{cid}: id collides with {others[cid]}")
            for field in ("q", "a"):
                if not isinstance(c.get(field), str) or not c[field].strip():
                    err(f"{cid}: missing {field}")
                else:
                    lint_text(cid, field, c[field])
            if c.get("difficulty") not in ("easy", "medium", "hard"):
                err(f"{cid}: difficulty missing or invalid")
            tags = c.get("tags")
            if not isinstance(tags, list) or not tags or not all(
                    isinstance(t, str) and ID_RE.match(t) for t in tags):
                err(f"{cid}: tags missing or invalid")
            words = len(str(c.get("a", "")).split())
            if words > MAX_WORDS:
                err(f"{cid}: answer has {words} words (> {MAX_WORDS})")
            elif words > SOFT_WORDS:
                warnings.append(f"{cid}: answer has {words} words")
            chk = c.get("check")
            if chk is None:
                if cid in NUMBER or cid in CHOICE_EXACT:
                    err(f"{cid}: verifier expects a check but the card has none")
                continue
            deck_checks += 1
            validate_check(cid, chk)
            if "number" in chk:
                n_number += 1
                if cid not in NUMBER:
                    err(f"{cid}: number check has no recomputation in the verifier")
                    continue
                needles, fn = NUMBER[cid]
                for s in needles:
                    if s not in c["q"]:
                        err(f"{cid}: question no longer contains {s!r}; recheck the data")
                try:
                    got = fn()
                except AssertionError as e:
                    err(f"{cid}: a claim in the answer failed to verify: {e}")
                    continue
                tol = chk.get("tolerance", 1e-9)
                if abs(got - chk["number"]) > tol + 1e-12:
                    err(f"{cid}: recomputed {got!r}, card says {chk['number']} ± {tol}")
            else:
                n_choice_exact += 1
                if cid not in CHOICE_EXACT:
                    err(f"{cid}: choice/exact check has no reference in the verifier")
                    continue
                try:
                    want = CHOICE_EXACT[cid](c)
                except AssertionError as e:
                    err(f"{cid}: reference computation failed: {e}")
                    continue
                have = chk.get("answer", chk.get("exact"))
                if norm(want) != norm(have):
                    err(f"{cid}: reference answer {want!r}, card says {have!r}")
        if len(cards) < minimum:
            err(f"{rel}: {len(cards)} cards, need at least {minimum}")
        if cards and deck_checks / len(cards) < 0.30:
            err(f"{rel}: only {deck_checks}/{len(cards)} cards carry a check (< 30%)")
        per_deck.append(f"{deck_id} {len(cards)} cards/{deck_checks} checks")
        n_cards += len(cards)
        n_checks += deck_checks
    n_claims = 0
    for fn in CLAIMS:
        try:
            fn()
            n_claims += 1
        except AssertionError as e:
            err(f"claim {fn.__name__} failed: {e}")
    for missing in (set(NUMBER) | set(CHOICE_EXACT)) - set(seen):
        err(f"{missing}: verifier entry for a card that does not exist")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("FAIL:", e)
    status = "OK" if not errors else f"{len(errors)} FAILED"
    print(f"verify_stats_cs: {status}: {n_cards} cards ({'; '.join(per_deck)}), "
          f"{n_checks} checks ({n_number} number recomputed, {n_choice_exact} choice/exact "
          f"confirmed), {n_claims}/{len(CLAIMS)} answer-claim groups verified, "
          f"{len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
