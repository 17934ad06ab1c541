#!/usr/bin/env python3
"""verify_maths.py - check the maths oral-quiz decks.

Decks: content/oral/linear-algebra.yaml, calculus-optimisation.yaml and
information-theory.yaml.

1. Structure: the keys, ids, sections, checks and tags follow docs/content.md,
   ids carry the deck prefix, answers stay short and free of LaTeX/markdown.
2. Every card with a `check:` has a verifier below that recomputes the answer
   independently from the question's data (matrices are parsed from the card's
   `code:` block, other data are asserted to appear in the question text) with
   the standard library only, and asserts the stored answer agrees within its
   tolerance. A check card without a verifier is a failure.
3. A few numeric side claims made in answers are also recomputed.

Usage: python3 tests/tools/verify/verify_maths.py [REPO_ROOT]
Exits non-zero on any mismatch; the last line is a summary.
"""
import cmath
import math
import random
import re
import sys
from fractions import Fraction
from pathlib import Path

import yaml

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3]
DECKS = {
    "content/oral/linear-algebra.yaml": ("linear-algebra", "mathematics", "la-", 44),
    "content/oral/calculus-optimisation.yaml": ("calculus-optimisation", "mathematics", "co-", 33),
    "content/oral/information-theory.yaml": ("information-theory", "statistics", "it-", 14),
}
DECK_KEYS = {"kind", "id", "title", "section", "topic", "tags", "drill", "cards"}
CARD_KEYS = {"id", "q", "a", "difficulty", "tags", "check", "code", "seconds"}
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MAX_ANSWER_WORDS = 85

failures = []
rng = random.Random(20240611)


def fail(msg):
    failures.append(msg)


# ------------------------------------------------------------------ helpers

def num(s):
    return Fraction(s.replace("−", "-"))


def parse_matrix(code):
    """Rows are the bracketed groups of a `code:` block, e.g. '[ 1  −2 ]'."""
    rows = []
    for line in code.splitlines():
        m = re.search(r"\[([^\]]*)\]", line)
        if m:
            rows.append([num(t) for t in m.group(1).split()])
    assert rows and all(len(r) == len(rows[0]) for r in rows), "bad matrix in code"
    return rows


def parse_inline_matrix(s):
    """'[[2, −1], [−1, 2]]' -> rows of Fractions."""
    inner = s.strip()[1:-1]
    return [[num(t) for t in grp.split(",")] for grp in re.findall(r"\[([^\[\]]*)\]", inner)]


def transpose(a):
    return [list(r) for r in zip(*a)]


def matmul(a, b):
    bt = transpose(b)
    return [[sum(x * y for x, y in zip(r, c)) for c in bt] for r in a]


def identity(n, one=Fraction(1)):
    return [[one if i == j else one * 0 for j in range(n)] for i in range(n)]


def rank(a):
    """Exact rank by Gaussian elimination over the rationals."""
    m = [[Fraction(x) for x in r] for r in a]
    rows, cols, r = len(m), len(m[0]), 0
    for c in range(cols):
        piv = next((i for i in range(r, rows) if m[i][c] != 0), None)
        if piv is None:
            continue
        m[r], m[piv] = m[piv], m[r]
        for i in range(rows):
            if i != r and m[i][c] != 0:
                f = m[i][c] / m[r][c]
                m[i] = [x - f * y for x, y in zip(m[i], m[r])]
        r += 1
        if r == rows:
            break
    return r


def rank_mod_p(a, p=1_000_003):
    m = [[x % p for x in r] for r in a]
    rows, cols, r = len(m), len(m[0]), 0
    for c in range(cols):
        piv = next((i for i in range(r, rows) if m[i][c]), None)
        if piv is None:
            continue
        m[r], m[piv] = m[piv], m[r]
        inv = pow(m[r][c], p - 2, p)
        m[r] = [x * inv % p for x in m[r]]
        for i in range(rows):
            if i != r and m[i][c]:
                f = m[i][c]
                m[i] = [(x - f * y) % p for x, y in zip(m[i], m[r])]
        r += 1
        if r == rows:
            break
    return r


def det(a):
    """Exact determinant by elimination (not cofactor expansion)."""
    m = [[Fraction(x) for x in r] for r in a]
    n, d = len(m), Fraction(1)
    for c in range(n):
        piv = next((i for i in range(c, n) if m[i][c] != 0), None)
        if piv is None:
            return Fraction(0)
        if piv != c:
            m[c], m[piv] = m[piv], m[c]
            d = -d
        d *= m[c][c]
        for i in range(c + 1, n):
            f = m[i][c] / m[c][c]
            m[i] = [x - f * y for x, y in zip(m[i], m[c])]
    return d


def inverse(a):
    n = len(a)
    m = [[Fraction(x) for x in r] + [Fraction(int(i == j)) for j in range(n)] for i, r in enumerate(a)]
    for c in range(n):
        piv = next(i for i in range(c, n) if m[i][c] != 0)
        m[c], m[piv] = m[piv], m[c]
        p = m[c][c]
        m[c] = [x / p for x in m[c]]
        for i in range(n):
            if i != c and m[i][c] != 0:
                f = m[i][c]
                m[i] = [x - f * y for x, y in zip(m[i], m[c])]
    return [r[n:] for r in m]


def jacobi_eigenvalues(a, sweeps=100):
    """Eigenvalues of a real symmetric matrix by cyclic Jacobi rotations."""
    m = [[float(x) for x in r] for r in a]
    n = len(m)
    for _ in range(sweeps):
        off = sum(m[i][j] ** 2 for i in range(n) for j in range(n) if i != j)
        if off < 1e-24:
            break
        for p in range(n):
            for q in range(p + 1, n):
                if abs(m[p][q]) < 1e-300:
                    continue
                theta = (m[q][q] - m[p][p]) / (2 * m[p][q])
                t = (1 if theta >= 0 else -1) / (abs(theta) + math.sqrt(theta * theta + 1))
                c = 1 / math.sqrt(t * t + 1)
                s = t * c
                for k in range(n):  # columns p, q
                    mkp, mkq = m[k][p], m[k][q]
                    m[k][p], m[k][q] = c * mkp - s * mkq, s * mkp + c * mkq
                for k in range(n):  # rows p, q
                    mpk, mqk = m[p][k], m[q][k]
                    m[p][k], m[q][k] = c * mpk - s * mqk, s * mpk + c * mqk
    return sorted(m[i][i] for i in range(n))


def singular_values(a):
    ata = matmul(transpose(a), a)
    return sorted((math.sqrt(max(0.0, l)) for l in jacobi_eigenvalues(ata)), reverse=True)


def power_iteration(a, iters=2000):
    n = len(a)
    v = [rng.uniform(-1, 1) for _ in range(n)]
    lam = 0.0
    for _ in range(iters):
        w = [sum(float(a[i][j]) * v[j] for j in range(n)) for i in range(n)]
        norm = math.sqrt(sum(x * x for x in w))
        lam = sum(x * y for x, y in zip(w, v)) / sum(x * x for x in v)
        v = [x / norm for x in w]
    return lam, v


def eig2(a):
    """Complex eigenvalues of a 2x2 matrix via the characteristic polynomial."""
    tr = float(a[0][0] + a[1][1])
    d = float(det(a))
    disc = cmath.sqrt(tr * tr - 4 * d)
    return (tr + disc) / 2, (tr - disc) / 2


def random_orthogonal(n):
    vs = []
    while len(vs) < n:
        v = [rng.gauss(0, 1) for _ in range(n)]
        for u in vs:
            d = sum(x * y for x, y in zip(u, v))
            v = [x - d * y for x, y in zip(v, u)]
        nv = math.sqrt(sum(x * x for x in v))
        if nv > 1e-6:
            vs.append([x / nv for x in v])
    return transpose(vs)


def random_unimodular(n):
    """Integer matrix with determinant 1: product of unit triangular matrices."""
    lo = [[Fraction(rng.randint(-3, 3)) if i > j else Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    up = [[Fraction(rng.randint(-3, 3)) if i < j else Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    return matmul(lo, up)


def deriv(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def simpson(f, a, b, n=20000):
    h = (b - a) / n
    s = f(a) + f(b)
    s += 4 * sum(f(a + (2 * k - 1) * h) for k in range(1, n // 2 + 1))
    s += 2 * sum(f(a + 2 * k * h) for k in range(1, n // 2))
    return s * h / 3


def golden_min(f, lo, hi, iters=200):
    g = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    for _ in range(iters):
        c, d = b - g * (b - a), a + g * (b - a)
        if f(c) < f(d):
            b = d
        else:
            a = c
    return (a + b) / 2


def entropy(p, base=2.0):
    return -sum(x * math.log(x, base) for x in p if x > 0)


def kl(p, q, base=2.0):
    return sum(x * math.log(x / y, base) for x, y in zip(p, q) if x > 0)


# ----------------------------------------------------------- check plumbing

def expect_number(card, value, what=""):
    chk = card["check"]
    assert "number" in chk, "expected a number check"
    stored = float(chk["number"])
    tol = float(chk.get("tolerance", 1e-9))
    # the stored answer must match the recomputed value within the tolerance the
    # user gets, with a little slack for the rounding the question asks for
    if abs(stored - value) > tol + 1e-9:
        raise AssertionError(f"stored {stored} but recomputed {value!r} (tolerance {tol}) {what}")
    # and the tolerance must not be so loose that a wrong neighbour passes
    if abs(value) > 0 and tol > 0.02 * abs(value) and tol > 0.01:
        raise AssertionError(f"tolerance {tol} too loose for {value}")


def expect_choice(card, correct_option):
    chk = card["check"]
    assert chk["answer"] == correct_option, f"answer {chk['answer']!r}, recomputed {correct_option!r}"


def expect_in_text(card, *snippets):
    text = card["q"] + "\n" + card.get("code", "")
    for s in snippets:
        assert s in text, f"question does not show the data {s!r}"


def expect_in_answer(card, *snippets):
    for s in snippets:
        assert s in card["a"], f"answer does not state {s!r}"


V = {}  # card id -> verifier(card)


def verifier(card_id):
    def deco(fn):
        V[card_id] = fn
        return fn
    return deco


# ------------------------------------------------------- linear algebra

@verifier("la-rank-3x3")
def _(c):
    a = parse_matrix(c["code"])
    expect_number(c, rank(a))
    assert det(a) == 0
    assert det([[a[0][0], a[0][1]], [a[2][0], a[2][1]]]) == -2  # the minor quoted


@verifier("la-rank-outer-product")
def _(c):
    expect_in_text(c, "u ∈ ℝ⁵", "v ∈ ℝ³")
    ranks = set()
    for _ in range(20):
        u = [Fraction(rng.choice([i for i in range(-5, 6) if i])) for _ in range(5)]
        v = [Fraction(rng.choice([i for i in range(-5, 6) if i])) for _ in range(3)]
        ranks.add(rank([[x * y for y in v] for x in u]))
    assert len(ranks) == 1
    expect_number(c, ranks.pop())


@verifier("la-nullity-compute")
def _(c):
    expect_in_text(c, "3×5", "rank 2")
    dims = set()
    for _ in range(20):
        while True:
            left = [[rng.randint(-4, 4) for _ in range(2)] for _ in range(3)]
            right = [[rng.randint(-4, 4) for _ in range(5)] for _ in range(2)]
            a = matmul(left, right)
            if rank(a) == 2:
                break
        # null-space dimension = number of free columns after elimination
        dims.add(5 - rank(a))
        # the left null space claim: m - rank
        assert 3 - rank(transpose(a)) == 1
    assert len(dims) == 1
    expect_number(c, dims.pop())


@verifier("la-linear-system-solutions")
def _(c):
    expect_in_text(c, "4×3", "rank 3", "ℝ⁴")
    outcomes = set()
    for _ in range(50):
        while True:
            a = [[rng.randint(-9, 9) for _ in range(3)] for _ in range(4)]
            if rank(a) == 3:
                break
        b = [rng.randint(-10**6, 10**6) for _ in range(4)]
        aug = [r + [x] for r, x in zip(a, b)]
        if rank(aug) > rank(a):
            outcomes.add("None (almost surely)")
        elif rank(a) == 3:
            outcomes.add("Exactly one")
        else:
            outcomes.add("Infinitely many")
    assert outcomes == {"None (almost surely)"}, outcomes
    expect_choice(c, "None (almost surely)")


@verifier("la-defective-matrix")
def _(c):
    a = parse_matrix(c["code"])
    l1, l2 = eig2(a)
    assert abs(l1 - l2) < 1e-12 and abs(l1 - 1) < 1e-12  # repeated eigenvalue 1
    lam = Fraction(1)
    geometric = 2 - rank([[a[i][j] - (lam if i == j else 0) for j in range(2)] for i in range(2)])
    # repeated real eigenvalue: diagonalisable (over R or C alike) iff geometric = 2
    expect_choice(c, "No" if geometric < 2 else "Yes, over ℝ")


@verifier("la-eig-2x2-symmetric")
def _(c):
    a = parse_matrix(c["code"])
    ev = jacobi_eigenvalues(a)
    expect_number(c, max(ev))
    assert all(abs(x - y) < 1e-9 for x, y in zip(ev, [1, 3]))
    for vec, lam in (([1, 1], 3), ([1, -1], 1)):  # eigenvectors quoted
        assert matmul(a, [[vec[0]], [vec[1]]]) == [[lam * vec[0]], [lam * vec[1]]]


@verifier("la-eig-2x2-formula")
def _(c):
    a = parse_matrix(c["code"])
    lam, _v = power_iteration(a)
    expect_number(c, lam)
    for l in (5, 2):  # both quoted eigenvalues make A - λI singular
        assert det([[a[i][j] - (l if i == j else 0) for j in range(2)] for i in range(2)]) == 0


@verifier("la-rotation-eigenvalues")
def _(c):
    a = parse_matrix(c["code"])
    ev = sorted(eig2(a), key=lambda z: z.imag)
    options = {"1 and −1": [-1, 1], "i and −i": [-1j, 1j], "0 (twice)": [0, 0], "1 (twice)": [1, 1]}
    assert set(options) == set(c["check"]["choice"])
    right = [k for k, v in options.items() if all(abs(x - complex(y)) < 1e-12 for x, y in zip(ev, sorted(v, key=lambda z: complex(z).imag)))]
    assert len(right) == 1
    expect_choice(c, right[0])


@verifier("la-eig-polynomial-det")
def _(c):
    expect_in_text(c, "1, 2 and 4", "det(A² + I)")
    d = [[Fraction(0)] * 3 for _ in range(3)]
    for i, l in enumerate((1, 2, 4)):
        d[i][i] = Fraction(l)
    p = random_unimodular(3)
    a = matmul(matmul(p, d), inverse(p))  # a non-diagonal A with these eigenvalues
    expect_number(c, float(det([[x + (1 if i == j else 0) for j, x in enumerate(r)] for i, r in enumerate(matmul(a, a))])))


@verifier("la-det-3x3")
def _(c):
    a = parse_matrix(c["code"])
    expect_number(c, float(det(a)))
    ev = jacobi_eigenvalues(a)
    assert all(abs(x - y) < 1e-9 for x, y in zip(ev, [1, 2, 4])), ev
    assert matmul(a, [[1], [0], [-1]]) == [[2], [0], [-2]]


@verifier("la-det-scaling")
def _(c):
    expect_in_text(c, "3×3", "det A = 2", "det(2A)")
    a = matmul(random_unimodular(3), [[2, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert det(a) == 2
    expect_number(c, float(det([[2 * x for x in r] for r in a])))
    assert det(inverse(a)) == Fraction(1, 2) and det(transpose(a)) == 2


@verifier("la-singular-values-shear")
def _(c):
    a = parse_matrix(c["code"])
    assert eig2(a) == (1, 1)
    s = singular_values(a)
    expect_number(c, s[0])
    assert abs(s[1] - 0.618) < 0.001 and abs(s[0] - (1 + math.sqrt(5)) / 2) < 1e-9


@verifier("la-eckart-young")
def _(c):
    names = [c["check"]["exact"]] + c["check"].get("accept", [])
    # the theorem's names: Eckart-Young(-Mirsky), or Schmidt-Mirsky (Schmidt 1907)
    assert all(("eckart" in n.lower() and "young" in n.lower())
               or ("schmidt" in n.lower() and "mirsky" in n.lower()) for n in names)
    # and the theorem as quoted: rank-k truncation error = tail singular values
    u, v = random_orthogonal(4), random_orthogonal(4)
    sig = [6.0, 3.0, 2.0, 0.5]
    a = [[sum(u[i][k] * sig[k] * v[j][k] for k in range(4)) for j in range(4)] for i in range(4)]
    lam, v1 = power_iteration(matmul(transpose(a), a))
    s1 = math.sqrt(lam)
    u1 = [sum(a[i][j] * v1[j] for j in range(4)) / s1 for i in range(4)]
    err = math.sqrt(sum((a[i][j] - s1 * u1[i] * v1[j]) ** 2 for i in range(4) for j in range(4)))
    assert abs(err - math.sqrt(9 + 4 + 0.25)) < 1e-6


@verifier("la-eckart-young-error")
def _(c):
    expect_in_text(c, "5, 3 and 1", "rank-1", "Frobenius")
    u, v = random_orthogonal(3), random_orthogonal(3)
    sig = [5.0, 3.0, 1.0]
    a = [[sum(u[i][k] * sig[k] * v[j][k] for k in range(3)) for j in range(3)] for i in range(3)]
    assert all(abs(x - y) < 1e-9 for x, y in zip(singular_values(a), sig))
    lam, v1 = power_iteration(matmul(transpose(a), a))
    s1 = math.sqrt(lam)
    u1 = [sum(a[i][j] * v1[j] for j in range(3)) / s1 for i in range(3)]
    resid = [[a[i][j] - s1 * u1[i] * v1[j] for j in range(3)] for i in range(3)]
    expect_number(c, math.sqrt(sum(x * x for r in resid for x in r)))
    assert abs(max(singular_values(resid)) - 3) < 1e-6  # spectral error σ₂
    assert abs(25 / 35 - 0.714) < 0.001


@verifier("la-pd-choice")
def _(c):
    pd = []
    for opt in c["check"]["choice"]:
        m = parse_inline_matrix(opt)
        assert m == transpose(m), f"{opt} not symmetric"
        if min(jacobi_eigenvalues(m)) > 1e-12:
            pd.append(opt)
    assert len(pd) == 1, pd
    expect_choice(c, pd[0])
    assert all(abs(x - y) < 1e-12 for x, y in zip(jacobi_eigenvalues(parse_inline_matrix("[[1, 2], [2, 1]]")), [-1, 3]))


@verifier("la-projection-distance")
def _(c):
    expect_in_text(c, "b = (1, 2, 3)", "a = (1, 1, 1)")
    b, a = [1, 2, 3], [1, 1, 1]
    # minimise ‖b − t a‖² numerically over t
    t = golden_min(lambda t: sum((x - t * y) ** 2 for x, y in zip(b, a)), -10, 10)
    assert abs(t - 2) < 1e-6
    expect_number(c, sum((x - t * y) ** 2 for x, y in zip(b, a)))


@verifier("la-least-squares-through-origin")
def _(c):
    pts = [(1, 2), (2, 3), (3, 7)]
    expect_in_text(c, *[f"({x}, {y})" for x, y in pts])
    w = golden_min(lambda w: sum((y - w * x) ** 2 for x, y in pts), -10, 10)
    expect_number(c, w)
    assert Fraction(sum(x * y for x, y in pts), sum(x * x for x, _ in pts)) == Fraction(29, 14)


@verifier("la-condition-diag")
def _(c):
    expect_in_text(c, "diag(100, 0.1)")
    s = singular_values([[100, 0], [0, 0.1]])
    expect_number(c, s[0] / s[1], "(κ)")


@verifier("la-spectral-norm-compute")
def _(c):
    a = parse_matrix(c["code"])
    # spectral norm = max ‖Ax‖ over the unit circle, by brute force
    best = max(math.hypot(float(a[0][0]) * math.cos(t) + float(a[0][1]) * math.sin(t),
                          float(a[1][0]) * math.cos(t) + float(a[1][1]) * math.sin(t))
               for t in (k * 2 * math.pi / 200000 for k in range(200000)))
    expect_number(c, round(best, 6))
    assert abs(math.sqrt(sum(float(x) ** 2 for r in a for x in r)) - math.sqrt(10)) < 1e-12


@verifier("la-pca-variance-explained")
def _(c):
    expect_in_text(c, "4, 2 and 1")
    # build a centred data matrix with those singular values and do PCA on its covariance
    u = random_orthogonal(4)
    # columns of u orthogonal to the all-ones vector -> centred columns
    ones = [0.5] * 4
    basis = []
    for col in transpose(u):
        v = col[:]
        for b in [ones] + basis:
            d = sum(x * y for x, y in zip(v, b))
            v = [x - d * y for x, y in zip(v, b)]
        n = math.sqrt(sum(x * x for x in v))
        if n > 1e-6:
            basis.append([x / n for x in v])
    basis = basis[:3]
    vr = random_orthogonal(3)
    sig = [4.0, 2.0, 1.0]
    x = [[sum(basis[k][i] * sig[k] * vr[j][k] for k in range(3)) for j in range(3)] for i in range(4)]
    assert all(abs(sum(x[i][j] for i in range(4))) < 1e-9 for j in range(3))  # centred
    cov = [[sum(x[i][p] * x[i][q] for i in range(4)) / 3 for q in range(3)] for p in range(3)]
    ev = sorted(jacobi_eigenvalues(cov), reverse=True)
    expect_number(c, ev[0] / sum(ev))
    assert abs(4 / 7 - 0.571) < 0.001 and abs((ev[0] + ev[1]) / sum(ev) - 20 / 21) < 1e-9


@verifier("la-grad-quadratic-compute")
def _(c):
    a = [[float(x) for x in r] for r in parse_matrix(c["code"])]
    expect_in_text(c, "x = (1, 1)", "∂f/∂x₂")
    f = lambda x1, x2: sum(xi * a[i][j] * xj for i, xi in enumerate((x1, x2)) for j, xj in enumerate((x1, x2)))
    expect_number(c, round(deriv(lambda t: f(1.0, t), 1.0), 6))
    assert abs(deriv(lambda t: f(t, 1.0), 1.0) - 4) < 1e-6


@verifier("la-lora-update-rank")
def _(c):
    expect_in_text(c, "4096×4096", "4096×8", "8×4096")
    d, r = 4096, 8
    # rank(BA) ≤ min(rank B, rank A) and generic equality: confirm on a small instance mod p
    ds, rs = 40, 6
    b = [[rng.randint(0, 10**6) for _ in range(rs)] for _ in range(ds)]
    a = [[rng.randint(0, 10**6) for _ in range(ds)] for _ in range(rs)]
    ba = [[sum(b[i][k] * a[k][j] for k in range(rs)) for j in range(ds)] for i in range(ds)]
    assert rank_mod_p(ba) == rs
    expect_number(c, min(d, r))
    assert r * (d + d) == 65536 and abs(d * d / 1e6 - 16.8) < 0.05


@verifier("la-attention-scores-rank")
def _(c):
    expect_in_text(c, "n = 512", "d = 64")
    n, d = 512, 64
    # generic rank of Q Kᵀ is min(n, d): confirm on a smaller random instance mod p
    ns, ds = 48, 12
    q = [[rng.randint(0, 10**6) for _ in range(ds)] for _ in range(ns)]
    k = [[rng.randint(0, 10**6) for _ in range(ds)] for _ in range(ns)]
    qk = [[sum(x * y for x, y in zip(qi, kj)) for kj in k] for qi in q]
    assert rank_mod_p(qk) == min(ns, ds)
    expect_number(c, min(n, d))


# ------------------------------------------------- calculus, optimisation

@verifier("co-jacobian-shape")
def _(c):
    expect_in_text(c, "f(x) = (x₁x₂, x₂ + x₃²)", "x = (1, 2, 3)")
    f = lambda x: [x[0] * x[1], x[1] + x[2] ** 2]
    x0 = [1.0, 2.0, 3.0]
    jac = []
    for i in range(2):
        row = []
        for j in range(3):
            def g(t, j=j, i=i):
                x = x0[:]
                x[j] = t
                return f(x)[i]
            row.append(round(deriv(g, x0[j]), 6))
        jac.append(row)
    assert jac == [[2, 1, 0], [0, 1, 6]], jac
    expect_in_answer(c, "[[2, 1, 0], [0, 1, 6]]")
    shape = f"{len(jac)}×{len(jac[0])}"
    assert c["check"]["exact"] == shape
    assert "2x3" in c["check"]["accept"]


@verifier("co-forward-vs-reverse")
def _(c):
    expect_in_text(c, "ℝ³ → ℝ¹⁰⁰⁰")
    n_in, n_out = 3, 1000
    # forward mode: one pass per input; reverse mode: one pass per output
    expect_choice(c, "Forward mode" if n_in < n_out else "Reverse mode")


@verifier("co-sigmoid-derivative")
def _(c):
    sig = lambda x: 1 / (1 + math.exp(-x))
    expect_number(c, round(deriv(sig, 0.0), 8))
    xs = [i / 100 for i in range(-800, 801)]
    assert abs(max(deriv(sig, x) for x in xs) - 0.25) < 1e-8
    for x in (-2.0, 0.3, 1.7):
        assert abs(deriv(sig, x) - sig(x) * (1 - sig(x))) < 1e-8


@verifier("co-tanh-derivative")
def _(c):
    expect_number(c, deriv(math.tanh, 1.0))
    assert abs(math.tanh(1) - 0.7616) < 1e-4
    assert abs(deriv(math.tanh, 0.0) - 1) < 1e-8
    assert abs(math.tanh(0.7) - (2 / (1 + math.exp(-1.4)) - 1)) < 1e-12


@verifier("co-product-rule-value")
def _(c):
    expect_in_text(c, "x²eˣ", "f′(1)")
    expect_number(c, deriv(lambda x: x * x * math.exp(x), 1.0))


@verifier("co-derivative-x-to-x")
def _(c):
    expect_in_text(c, "xˣ", "f′(2)")
    expect_number(c, deriv(lambda x: x ** x, 2.0))
    assert abs(4 * (1 + math.log(2)) - deriv(lambda x: x ** x, 2.0)) < 1e-6


@verifier("co-integration-by-parts")
def _(c):
    expect_in_text(c, "x·eˣ from 0 to 1")
    expect_number(c, simpson(lambda x: x * math.exp(x), 0, 1, 2000))
    assert abs(simpson(lambda x: x * math.exp(-x), 0, 60, 60000) - 1) < 1e-9


@verifier("co-softmax-jacobian")
def _(c):
    expect_in_text(c, "5 finite")
    ranks = set()
    for _ in range(20):
        z = [rng.uniform(-5, 5) for _ in range(5)]

        def sm(z):
            m = max(z)
            e = [math.exp(t - m) for t in z]
            return [t / sum(e) for t in e]

        s0 = sm(z)
        jac = []
        for i in range(5):
            row = []
            for j in range(5):
                zp, zm = z[:], z[:]
                zp[j] += 1e-6
                zm[j] -= 1e-6
                row.append((sm(zp)[i] - sm(zm)[i]) / 2e-6)
                assert abs(row[-1] - s0[i] * ((i == j) - s0[j])) < 1e-7
            jac.append(row)
        ev = jacobi_eigenvalues([[(x + y) / 2 for x, y in zip(r1, r2)] for r1, r2 in zip(jac, transpose(jac))])
        assert min(ev) > -1e-8  # PSD
        ranks.add(sum(1 for e in ev if abs(e) > 1e-7))
    assert len(ranks) == 1
    expect_number(c, ranks.pop())


@verifier("co-taylor-value")
def _(c):
    expect_in_text(c, "exp(0.1)", "second-order")
    x = 0.1
    expect_number(c, sum(x ** k / math.factorial(k) for k in range(3)))
    assert abs(math.exp(0.1) - 1.105 - 0.00017) < 1e-5


@verifier("co-gaussian-integral")
def _(c):
    expect_number(c, simpson(lambda x: math.exp(-x * x), -12, 12))
    assert abs(simpson(lambda x: math.exp(-x * x / 8), -60, 60) - math.sqrt(2 * math.pi * 4)) < 1e-9


@verifier("co-convex-choice")
def _(c):
    funcs = {
        "eˣ on ℝ": (math.exp, -5, 5),
        "−log x on x > 0": (lambda x: -math.log(x), 0.01, 20),
        "x³ on ℝ": (lambda x: x ** 3, -5, 5),
        "|x| on ℝ": (abs, -5, 5),
        "log(1 + eˣ) on ℝ": (lambda x: math.log1p(math.exp(x)), -10, 10),
    }
    assert set(funcs) == set(c["check"]["choice"])
    nonconvex = []
    for name, (f, lo, hi) in funcs.items():
        ok = True
        for _ in range(5000):  # chord test f(θx + (1−θ)y) ≤ θf(x) + (1−θ)f(y)
            x, y, th = rng.uniform(lo, hi), rng.uniform(lo, hi), rng.random()
            if f(th * x + (1 - th) * y) > th * f(x) + (1 - th) * f(y) + 1e-9:
                ok = False
                break
        if not ok:
            nonconvex.append(name)
    assert len(nonconvex) == 1, nonconvex
    expect_choice(c, nonconvex[0])


@verifier("co-hessian-classify")
def _(c):
    expect_in_text(c, "f(x, y) = x² + 4xy + y²")
    f = lambda x, y: x * x + 4 * x * y + y * y
    h = 1e-3
    hxx = (f(h, 0) - 2 * f(0, 0) + f(-h, 0)) / h ** 2
    hyy = (f(0, h) - 2 * f(0, 0) + f(0, -h)) / h ** 2
    hxy = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    ev = jacobi_eigenvalues([[hxx, hxy], [hxy, hyy]])
    assert abs(ev[0] + 2) < 1e-6 and abs(ev[1] - 6) < 1e-6, ev
    kind = ("Local minimum" if ev[0] > 0 else "Local maximum" if ev[1] < 0
            else "Saddle point" if ev[0] < 0 < ev[1] else "Cannot tell from the Hessian")
    expect_choice(c, kind)


@verifier("co-gd-step-threshold")
def _(c):
    a = [[float(x) for x in r] for r in parse_matrix(c["code"])]

    def converges(eta, steps=3000):
        x = [rng.uniform(-1, 1), rng.uniform(-1, 1)]
        for _ in range(steps):
            g = [a[0][0] * x[0] + a[0][1] * x[1], a[1][0] * x[0] + a[1][1] * x[1]]
            x = [x[0] - eta * g[0], x[1] - eta * g[1]]
            if abs(x[0]) + abs(x[1]) > 1e6:
                return False
        return abs(x[0]) + abs(x[1]) < 1e-3

    lo, hi = 0.01, 2.0  # bisect on the divergence threshold by simulation
    for _ in range(30):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if converges(mid) else (lo, mid)
    expect_number(c, (lo + hi) / 2)
    ev = jacobi_eigenvalues(a)
    assert abs(2 / (ev[0] + ev[1]) - 1 / 3) < 1e-9
    k = ev[1] / ev[0]
    assert abs((k - 1) / (k + 1) - 1 / 3) < 1e-9


@verifier("co-gd-iterates")
def _(c):
    expect_in_text(c, "f(x) = x²", "x₀ = 1", "step size 0.1", "x₃")
    x = 1.0
    for _ in range(3):
        x -= 0.1 * deriv(lambda t: t * t, x)
    expect_number(c, x)


@verifier("co-newton-iterate")
def _(c):
    expect_in_text(c, "f(x) = eˣ − 2x", "x₀ = 0", "x₂")
    fp = lambda x: deriv(lambda t: math.exp(t) - 2 * t, x)
    fpp = lambda x: deriv(fp, x, 1e-4)
    xs = [0.0]
    for _ in range(3):
        xs.append(xs[-1] - fp(xs[-1]) / fpp(xs[-1]))
    expect_number(c, xs[2])
    assert abs(xs[1] - 1) < 1e-6 and abs(xs[2] - 2 / math.e) < 1e-6
    assert abs(xs[3] - 0.6940) < 1e-4 and abs(math.log(2) - 0.6931) < 1e-4


@verifier("co-momentum-effective-lr")
def _(c):
    expect_in_text(c, "β = 0.9")
    beta, g, v = 0.9, 1.7, 0.0
    for _ in range(2000):
        v = beta * v + g
    expect_number(c, v / g)


@verifier("co-lagrange-compute")
def _(c):
    expect_in_text(c, "x² + y²", "x + 2y = 5")
    # eliminate x = 5 − 2y and minimise over y
    obj = lambda y: (5 - 2 * y) ** 2 + y * y
    y = golden_min(obj, -10, 10)
    assert abs(y - 2) < 1e-6 and abs((5 - 2 * y) - 1) < 1e-6
    expect_number(c, obj(y))
    fmin = lambda cc: min((cc - 2 * t) ** 2 + t * t for t in [golden_min(lambda s: (cc - 2 * s) ** 2 + s * s, -20, 20)])
    assert abs(deriv(fmin, 5.0, 1e-3) - 2) < 1e-4  # λ = 2


@verifier("co-adam-bias-correction-factor")
def _(c):
    expect_in_text(c, "β₁ = 0.9", "β₂ = 0.999")
    b1, b2, eta = 0.9, 0.999, 1e-3
    factors = set()
    for _ in range(20):
        g = rng.uniform(-100, 100)
        m, v = (1 - b1) * g, (1 - b2) * g * g
        raw = eta * m / math.sqrt(v)
        corrected = eta * (m / (1 - b1)) / math.sqrt(v / (1 - b2))
        assert abs(abs(corrected) - eta) < 1e-15
        factors.add(round(raw / corrected, 9))
    assert len(factors) == 1
    expect_number(c, factors.pop())


def _adam_run(grad, x0, steps=6, eta=0.01, b1=0.9, b2=0.999):
    x, m, v = list(x0), [0.0] * len(x0), [0.0] * len(x0)
    path = []
    for t in range(1, steps + 1):
        g = grad(x)
        m = [b1 * a + (1 - b1) * b for a, b in zip(m, g)]
        v = [b2 * a + (1 - b2) * b * b for a, b in zip(v, g)]
        x = [xi - eta * (mi / (1 - b1 ** t)) / math.sqrt(vi / (1 - b2 ** t)) for xi, mi, vi in zip(x, m, v)]
        path.append(x)
    return path


def _sgd_run(grad, x0, steps=6, eta=0.01):
    x, path = list(x0), []
    for _ in range(steps):
        x = [xi - eta * gi for xi, gi in zip(x, grad(x))]
        path.append(x)
    return path


@verifier("co-adam-invariance")
def _(c):
    h = [[3.0, 1.0], [1.0, 0.5]]
    bvec = [1.0, -2.0]
    grad = lambda x: [sum(h[i][j] * x[j] for j in range(2)) - bvec[i] for i in range(2)]
    x0 = [0.7, -0.4]
    th = 0.6
    q = [[math.cos(th), -math.sin(th)], [math.sin(th), math.cos(th)]]
    qt = transpose(q)
    mv = lambda a, x: [sum(a[i][j] * x[j] for j in range(2)) for i in range(2)]
    sc = [10.0, 1.0]
    transforms = {
        # new parameters u, loss L'(u), gradient in u, map u back to x
        "Multiplying the loss by 10": (lambda u: [10 * g for g in grad(u)], x0, lambda u: u),
        "Rotating parameter space by an orthogonal matrix":
            (lambda u: mv(q, grad(mv(qt, u))), mv(q, x0), lambda u: mv(qt, u)),
        "Rescaling one parameter, θ₁ → 10θ₁":
            (lambda u: [g / s for g, s in zip(grad([ui / s for ui, s in zip(u, sc)]), sc)],
             [xi * s for xi, s in zip(x0, sc)], lambda u: [ui / s for ui, s in zip(u, sc)]),
    }
    assert set(transforms) == set(c["check"]["choice"])
    same = lambda p1, p2: all(abs(a - b) < 1e-9 for r1, r2 in zip(p1, p2) for a, b in zip(r1, r2))
    base_adam, base_sgd = _adam_run(grad, x0), _sgd_run(grad, x0)
    fits = []
    for name, (g2, u0, back) in transforms.items():
        adam_same = same(base_adam, [back(u) for u in _adam_run(g2, u0)])
        sgd_same = same(base_sgd, [back(u) for u in _sgd_run(g2, u0)])
        if name.startswith("Rotating"):
            assert sgd_same and not adam_same  # claim in the answer
        if name.startswith("Rescaling"):
            assert not sgd_same and not adam_same  # "changes both"
        if adam_same and not sgd_same:
            fits.append(name)
    assert len(fits) == 1, fits
    expect_choice(c, fits[0])


# --------------------------------------------------- information theory

@verifier("it-entropy-biased-coin")
def _(c):
    expect_in_text(c, "probability 0.25")
    expect_number(c, entropy([0.25, 0.75]))


@verifier("it-entropy-dyadic")
def _(c):
    expect_in_text(c, "(1/2, 1/4, 1/8, 1/8)")
    p = [1 / 2, 1 / 4, 1 / 8, 1 / 8]
    expect_number(c, entropy(p))
    codes = ["0", "10", "110", "111"]  # prefix-free, lengths match −log₂ p
    assert all(not b.startswith(a) for a in codes for b in codes if a != b)
    assert abs(sum(pi * len(w) for pi, w in zip(p, codes)) - entropy(p)) < 1e-12


@verifier("it-entropy-uniform")
def _(c):
    expect_in_text(c, "eight-sided")
    expect_number(c, entropy([1 / 8] * 8))
    for _ in range(200):  # nothing on 8 outcomes beats uniform
        w = [rng.random() for _ in range(8)]
        p = [x / sum(w) for x in w]
        assert entropy(p) <= 3 + 1e-12
        assert abs((3 - entropy(p)) - kl(p, [1 / 8] * 8)) < 1e-9


@verifier("it-cross-entropy-value")
def _(c):
    expect_in_text(c, "probability 0.25", "nats")
    expect_number(c, -math.log(0.25))
    assert abs(-math.log2(0.25) - 2) < 1e-12


@verifier("it-kl-compute")
def _(c):
    expect_in_text(c, "p = (1/2, 1/2)", "q = (1/4, 3/4)", "bits")
    p, q = [0.5, 0.5], [0.25, 0.75]
    expect_number(c, kl(p, q))
    assert abs(kl(q, p) - 0.189) < 0.001


@verifier("it-kl-gaussians")
def _(c):
    expect_in_text(c, "KL(N(0, 1) ‖ N(1, 1))", "nats")

    def pdf(x, mu, s):
        return math.exp(-(x - mu) ** 2 / (2 * s * s)) / math.sqrt(2 * math.pi * s * s)

    val = simpson(lambda x: pdf(x, 0, 1) * math.log(pdf(x, 0, 1) / pdf(x, 1, 1)), -15, 15)
    expect_number(c, val)
    # the general closed form quoted in the answer, on another pair
    m1, s1, m2, s2 = 0.3, 0.7, -1.1, 1.9
    closed = math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5
    numeric = simpson(lambda x: pdf(x, m1, s1) * math.log(pdf(x, m1, s1) / pdf(x, m2, s2)), -15, 15)
    assert abs(closed - numeric) < 1e-8


@verifier("it-mi-bsc")
def _(c):
    expect_in_text(c, "fair bit", "probability 0.1")
    eps = 0.1
    joint = {(x, y): 0.5 * ((1 - eps) if x == y else eps) for x in (0, 1) for y in (0, 1)}
    px = {x: sum(joint[(x, y)] for y in (0, 1)) for x in (0, 1)}
    py = {y: sum(joint[(x, y)] for x in (0, 1)) for y in (0, 1)}
    mi = sum(p * math.log2(p / (px[x] * py[y])) for (x, y), p in joint.items())
    expect_number(c, mi)
    assert abs(entropy([0.1, 0.9]) - 0.469) < 0.001


@verifier("it-perplexity")
def _(c):
    expect_in_text(c, "3.0 nats")
    expect_number(c, math.exp(3.0))
    assert abs(2 ** (3.0 / math.log(2)) - math.exp(3.0)) < 1e-9  # same in bits


@verifier("it-bits-nats")
def _(c):
    # entropy of some distribution in bits / in nats
    p = [0.2, 0.5, 0.3]
    expect_number(c, entropy(p, 2) / entropy(p, math.e))


@verifier("it-kl-zero-forcing")
def _(c):
    expect_in_text(c, "KL(q ‖ p)", "p(x) = 0")
    p = [0.5, 0.5, 0.0]

    def kl_rev(q):  # KL(q ‖ p), infinite if q puts mass where p has none
        tot = 0.0
        for qi, pi in zip(q, p):
            if qi > 0:
                if pi == 0:
                    return math.inf
                tot += qi * math.log(qi / pi)
        return tot

    some = kl_rev([0.45, 0.45, 0.1])
    zero = kl_rev([0.4, 0.6, 0.0])
    assert math.isinf(some) and math.isfinite(zero)
    # forward KL(p ‖ q) blows up as q vanishes where p > 0 (zero-avoiding)
    fwd = [kl([0.5, 0.5], [1 - e, e], math.e) for e in (1e-2, 1e-4, 1e-8)]
    assert fwd[0] < fwd[1] < fwd[2] and fwd[2] > 8
    expect_choice(c, "Put zero mass there")


@verifier("it-jensen-gap")
def _(c):
    expect_in_text(c, "1 or 9", "probability ½")
    xs, ps = [1, 9], [0.5, 0.5]
    gap = math.log2(sum(p * x for p, x in zip(ps, xs))) - sum(p * math.log2(x) for p, x in zip(ps, xs))
    expect_number(c, gap)
    for _ in range(500):  # never negative
        v = [rng.uniform(0.01, 10) for _ in range(3)]
        w = [rng.random() for _ in range(3)]
        pr = [t / sum(w) for t in w]
        assert math.log(sum(a * b for a, b in zip(pr, v))) >= sum(a * math.log(b) for a, b in zip(pr, v)) - 1e-12


@verifier("it-differential-entropy")
def _(c):
    expect_in_text(c, "[0, 1/2]", "bits")
    width = 0.5
    dens = 1 / width
    expect_number(c, -simpson(lambda x: dens * math.log2(dens), 0, width, 1000))


# --------------------------------------------------- extra answer claims

def extra_claims(cards):
    x = [1, -2, 2]
    assert (sum(map(abs, x)), math.sqrt(sum(t * t for t in x)), max(map(abs, x))) == (5, 3, 2)
    assert "‖x‖₁ = 5" in cards["la-vector-norms"]["a"]
    # la-eig-2x2-formula, la-trace-det: tr and det quoted
    a = [[4, 1], [2, 3]]
    assert a[0][0] + a[1][1] == 7 and det(a) == 10
    # la-condition-diag: GD on ½xᵀAx needs ~κ iterations (rate 1 − 1/κ-ish at η = 1/L)
    # co-sharp-flat etc. are qualitative. it-cross-entropy-value: ln 4 = 2 bits
    assert abs(math.log(4) / math.log(2) - 2) < 1e-12
    # la-svd-geometry: semi-axes of the image of the unit circle are the σᵢ
    m = [[1.0, 1.0], [0.0, 1.0]]
    lens = [math.hypot(m[0][0] * math.cos(t) + m[0][1] * math.sin(t), m[1][0] * math.cos(t) + m[1][1] * math.sin(t))
            for t in (k * 2 * math.pi / 100000 for k in range(100000))]
    s = singular_values(m)
    assert abs(max(lens) - s[0]) < 1e-6 and abs(min(lens) - s[1]) < 1e-6
    # la-cholesky: log det = 2 ∑ log Lᵢᵢ on an SPD example
    spd = [[4.0, 2.0], [2.0, 3.0]]
    l11 = math.sqrt(spd[0][0]); l21 = spd[1][0] / l11; l22 = math.sqrt(spd[1][1] - l21 ** 2)
    assert abs(2 * (math.log(l11) + math.log(l22)) - math.log(float(det(spd)))) < 1e-12
    # la-grad-logdet: numerical ∂ log det X / ∂X = X⁻ᵀ on a non-symmetric X
    X = [[3.0, 1.0], [0.5, 2.0]]
    inv_t = transpose([[float(v) for v in r] for r in inverse(X)])
    for i in range(2):
        for j in range(2):
            def g(t, i=i, j=j):
                Y = [r[:] for r in X]
                Y[i][j] = t
                return math.log(float(det(Y)))
            assert abs(deriv(g, X[i][j]) - inv_t[i][j]) < 1e-8
    # la-woodbury identity on random matrices (exact arithmetic)
    n, k = 4, 2
    A = [[Fraction(rng.randint(1, 5)) if i == j else Fraction(0) for j in range(n)] for i in range(n)]
    U = [[Fraction(rng.randint(-3, 3)) for _ in range(k)] for _ in range(n)]
    Vm = [[Fraction(rng.randint(-3, 3)) for _ in range(n)] for _ in range(k)]
    C = [[Fraction(2), Fraction(0)], [Fraction(0), Fraction(3)]]
    lhs_m = [[A[i][j] + sum(U[i][p] * C[p][q] * Vm[q][j] for p in range(k) for q in range(k)) for j in range(n)] for i in range(n)]
    if det(lhs_m) != 0:
        Ai = inverse(A)
        mid = inverse([[inverse(C)[i][j] + matmul(matmul(Vm, Ai), U)[i][j] for j in range(k)] for i in range(k)])
        rhs = [[Ai[i][j] - matmul(matmul(matmul(Ai, U), mid), matmul(Vm, Ai))[i][j] for j in range(n)] for i in range(n)]
        assert inverse(lhs_m) == rhs
    # la-trace-cyclic: E[xᵀAx] = tr(AΣ) + μᵀAμ, via exact moments of a discrete x
    pts = [([1, 0], Fraction(1, 2)), ([0, 2], Fraction(1, 4)), ([3, 1], Fraction(1, 4))]
    Am = [[2, 1], [0, 3]]
    mu = [sum(p * v[i] for v, p in pts) for i in range(2)]
    cov = [[sum(p * (v[i] - mu[i]) * (v[j] - mu[j]) for v, p in pts) for j in range(2)] for i in range(2)]
    lhs = sum(p * sum(v[i] * Am[i][j] * v[j] for i in range(2) for j in range(2)) for v, p in pts)
    rhs = sum(matmul(Am, cov)[i][i] for i in range(2)) + sum(mu[i] * Am[i][j] * mu[j] for i in range(2) for j in range(2))
    assert lhs == rhs
    # co-log-sum-exp bounds max z ≤ LSE ≤ max z + log n
    for _ in range(100):
        z = [rng.uniform(-50, 50) for _ in range(5)]
        m = max(z)
        lse = m + math.log(sum(math.exp(t - m) for t in z))
        assert m <= lse <= m + math.log(5) + 1e-12
    # co-convex-choice: softplus'' = σ(1 − σ)
    sp = lambda t: math.log1p(math.exp(t))
    sg = lambda t: 1 / (1 + math.exp(-t))
    for t in (-3.0, 0.0, 2.5):
        assert abs(deriv(lambda u: deriv(sp, u, 1e-4), t, 1e-4) - sg(t) * (1 - sg(t))) < 1e-5
    # co-gd-rates / la-condition-diag: GD on diag(100, 0.1) at η = 1/L shrinks the
    # slow coordinate by 1 − 1/κ per step
    assert abs((1 - 0.1 / 100) - (1 - 1 / 1000)) < 1e-15
    # it-differential-entropy: Gaussian h = ½ log(2πeσ²) (nats), numerically
    s = 1.3
    pdf = lambda t: math.exp(-t * t / (2 * s * s)) / math.sqrt(2 * math.pi * s * s)
    h = -simpson(lambda t: pdf(t) * math.log(pdf(t)), -20, 20)
    assert abs(h - 0.5 * math.log(2 * math.pi * math.e * s * s)) < 1e-8
    # it-elbo: log p(x) = ELBO + KL(q ‖ posterior) on a discrete toy model
    prior = [0.3, 0.7]
    lik = [0.9, 0.2]  # p(x | z)
    px = sum(a * b for a, b in zip(prior, lik))
    post = [a * b / px for a, b in zip(prior, lik)]
    q = [0.6, 0.4]
    elbo = sum(qi * math.log(pr * li / qi) for qi, pr, li in zip(q, prior, lik))
    assert abs(math.log(px) - (elbo + kl(q, post, math.e))) < 1e-12
    elbo2 = sum(qi * math.log(li) for qi, li in zip(q, lik)) - kl(q, prior, math.e)
    assert abs(elbo - elbo2) < 1e-12
    # it-mutual-information identities on a random joint
    w = [[rng.random() for _ in range(3)] for _ in range(2)]
    tot = sum(map(sum, w))
    pj = [[v / tot for v in r] for r in w]
    pxm = [sum(r) for r in pj]
    pym = [sum(pj[i][j] for i in range(2)) for j in range(3)]
    hxy = entropy([v for r in pj for v in r])
    mi = sum(pj[i][j] * math.log2(pj[i][j] / (pxm[i] * pym[j])) for i in range(2) for j in range(3))
    assert abs(mi - (entropy(pxm) + entropy(pym) - hxy)) < 1e-12 and mi >= 0
    # it-forward-reverse-kl: fit a Gaussian to a bimodal mixture by both KLs
    mix = lambda t: 0.5 * math.exp(-(t + 3) ** 2 / 2) / math.sqrt(2 * math.pi) + 0.5 * math.exp(-(t - 3) ** 2 / 2) / math.sqrt(2 * math.pi)
    gauss = lambda t, mu, sd: math.exp(-(t - mu) ** 2 / (2 * sd * sd)) / math.sqrt(2 * math.pi * sd * sd)
    grid = [-12 + 24 * i / 2400 for i in range(2401)]
    dx = 24 / 2400

    def kl_num(p, q):
        return sum(p(t) * math.log(p(t) / q(t)) * dx for t in grid if p(t) > 1e-300 and q(t) > 1e-300)

    best_f = min(((mu, sd) for mu in (0.0, 3.0) for sd in (1.0, 3.16)),
                 key=lambda ms: kl_num(mix, lambda t: gauss(t, *ms)))
    best_r = min(((mu, sd) for mu in (0.0, 3.0) for sd in (1.0, 3.16)),
                 key=lambda ms: kl_num(lambda t: gauss(t, *ms), mix))
    assert best_f == (0.0, 3.16), best_f   # forward KL: broad, covers both modes
    assert best_r == (3.0, 1.0), best_r    # reverse KL: locks onto one mode


# ----------------------------------------------------------- structure

def check_structure(path, doc, deck_id, section, prefix, min_cards, seen_ids):
    where = path
    if not isinstance(doc, dict):
        fail(f"{where}: not a mapping")
        return []
    for k in doc:
        if k not in DECK_KEYS:
            fail(f"{where}: unknown deck key {k!r}")
    if doc.get("kind") != "deck":
        fail(f"{where}: kind must be deck")
    if doc.get("id") != deck_id or doc.get("topic") != deck_id:
        fail(f"{where}: deck id/topic must be {deck_id}")
    if doc.get("section") != section:
        fail(f"{where}: section must be {section}")
    if doc.get("tags") != ["oral"]:
        fail(f"{where}: deck tags must be [oral]")
    if not isinstance(doc.get("title"), str) or not doc["title"]:
        fail(f"{where}: title required")
    cards = doc.get("cards") or []
    if len(cards) < min_cards:
        fail(f"{where}: {len(cards)} cards, want at least {min_cards}")
    qs = set()
    for card in cards:
        cid = card.get("id", "?")
        w = f"{where}:{cid}"
        for k in card:
            if k not in CARD_KEYS:
                fail(f"{w}: unknown card key {k!r}")
        if not isinstance(cid, str) or not ID_RE.match(cid) or not cid.startswith(prefix):
            fail(f"{w}: bad id")
        if cid in seen_ids:
            fail(f"{w}: duplicate id")
        seen_ids.add(cid)
        for key in ("q", "a"):
            if not isinstance(card.get(key), str) or not card[key].strip():
                fail(f"{w}: {key} must be a non-empty string")
                continue
            t = card[key]
            for bad in ("$", "\\", "**", "`", "\\frac", "^{", "_{"):
                if bad in t:
                    fail(f"{w}: {key} contains {bad!r} (LaTeX/markdown)")
        if card.get("q") in qs:
            fail(f"{w}: duplicate question")
        qs.add(card.get("q"))
        words = len(str(card.get("a", "")).split())
        if words > MAX_ANSWER_WORDS:
            fail(f"{w}: answer has {words} words (max {MAX_ANSWER_WORDS})")
        if card.get("difficulty") not in ("easy", "medium", "hard"):
            fail(f"{w}: difficulty must be easy/medium/hard")
        tags = card.get("tags")
        if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and ID_RE.match(t) for t in tags):
            fail(f"{w}: tags must be a non-empty list of ids")
        if "code" in card and not isinstance(card["code"], str):
            fail(f"{w}: code must be a string")
        chk = card.get("check")
        if chk is not None:
            kinds = [k for k in ("number", "choice", "exact") if k in chk]
            if len(kinds) != 1:
                fail(f"{w}: check needs exactly one of number/choice/exact")
                continue
            allowed = {"number": {"number", "tolerance"}, "choice": {"choice", "answer"},
                       "exact": {"exact", "accept"}}[kinds[0]]
            for k in chk:
                if k not in allowed:
                    fail(f"{w}: unknown check key {k!r}")
            if kinds[0] == "number":
                if isinstance(chk["number"], bool) or not isinstance(chk["number"], (int, float)):
                    fail(f"{w}: number must be numeric")
                if "tolerance" in chk and (not isinstance(chk["tolerance"], (int, float)) or chk["tolerance"] < 0):
                    fail(f"{w}: bad tolerance")
            elif kinds[0] == "choice":
                opts = chk["choice"]
                if not isinstance(opts, list) or not 2 <= len(opts) <= 8 or len(set(opts)) != len(opts) \
                        or not all(isinstance(o, str) for o in opts):
                    fail(f"{w}: choice needs 2-8 distinct string options")
                elif chk.get("answer") not in opts:
                    fail(f"{w}: answer is not one of the options")
            else:
                if not isinstance(chk["exact"], str) or not chk["exact"].strip():
                    fail(f"{w}: exact must be a non-empty string")
                acc = chk.get("accept", [])
                if not isinstance(acc, list) or not all(isinstance(x, str) for x in acc):
                    fail(f"{w}: accept must be a list of strings")
    return cards


def main():
    seen = set()
    all_cards = {}
    per_deck = []
    for rel, (deck_id, section, prefix, min_cards) in DECKS.items():
        path = ROOT / rel
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            fail(f"{rel}: cannot load: {e}")
            continue
        cards = check_structure(rel, doc, deck_id, section, prefix, min_cards, seen)
        n_checks = sum(1 for c in cards if "check" in c)
        per_deck.append((deck_id, len(cards), n_checks))
        for c in cards:
            all_cards[c.get("id")] = c

    verified = 0
    for cid, card in all_cards.items():
        if "check" not in card:
            continue
        fn = V.get(cid)
        if fn is None:
            fail(f"{cid}: has a check but no verifier")
            continue
        try:
            fn(card)
            verified += 1
        except Exception as e:  # noqa: BLE001
            fail(f"{cid}: {type(e).__name__}: {e}")
    for cid in V:
        if cid not in all_cards:
            fail(f"verifier for unknown card {cid}")
        elif "check" not in all_cards[cid]:
            fail(f"{cid}: verifier but the card has no check")
    try:
        extra_claims(all_cards)
    except Exception as e:  # noqa: BLE001
        fail(f"extra claims: {type(e).__name__}: {e}")

    total = sum(n for _, n, _ in per_deck)
    checks = sum(k for _, _, k in per_deck)
    for deck_id, n, k in per_deck:
        print(f"  {deck_id}: {n} cards, {k} with checks ({100 * k / max(n, 1):.0f}%)")
    if total and checks / total < 0.30:
        fail(f"only {checks}/{total} cards carry checks (< 30%)")
    for f in failures:
        print("FAIL", f)
    status = "OK" if not failures else "FAILED"
    print(f"verify_maths: {status}: {total} cards, {checks} checks, {verified} recomputed, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
