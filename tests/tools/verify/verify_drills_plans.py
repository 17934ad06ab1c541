#!/usr/bin/env python3
"""verify_drills_plans.py - check the practice drills, the readiness checklist and
the roadmaps.

Files checked (paths relative to the repository root):
  content/drills/ml-debugging.yaml     deck, drill: debugging, prefix dbg-
  content/drills/research-talk.yaml    deck, drill: talk, prefix talk-
  content/checklist/rs-readiness.yaml  checklist
  content/roadmaps/{rs,post-training,re}.yaml

What it asserts:
  * structure against docs/content.md: allowed and required keys, types, id syntax,
    duplicate keys and ids, check specs;
  * decks: card counts, id prefixes, difficulty and tags on every card, every
    debugging card has code/bug/symptom/fix, each snippet is 5-15 lines and parses
    with ast.parse, talk cards have an answer and a time limit, answer lengths, no
    LaTeX or markdown, at least 30% of cards carry a machine check;
  * every `check: {number: ...}` is recomputed here, independently, from the data in
    the card (stdlib only: simulation, small optimisers, closed forms), and every
    choice answer is compared with a table kept here;
  * checklist: 20 items in 4 categories (research, technical, safety, career) of 5,
    5 points each, total 100, the four bands (80/60/40/0) covering 0..100, the
    12 quick items (3 per category), the exact quantities of each item, and the
    evidence keys (well-formed, naming decks and tags that exist);
  * roadmaps: rs 12 weeks, post-training 12, re 8; weeks numbered 1..N; 3-6
    milestones a week with ids prefixed by track and week; themes follow the
    phases of each track; focus decks and tags exist.
Exits non-zero on any mismatch and prints one summary line.

usage: python3 tests/tools/verify/verify_drills_plans.py [REPO_ROOT]
"""
import ast
import ctypes
import math
import os
import random
import re
import sys

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", "..", ".."))

DECK_FILES = {
    "ml-debugging": {"file": "content/drills/ml-debugging.yaml", "prefix": "dbg-",
                     "min": 33, "drill": "debugging", "topic": "ml-debugging"},
    "research-talk": {"file": "content/drills/research-talk.yaml", "prefix": "talk-",
                      "min": 14, "drill": "talk", "topic": "research-talk"},
}
CHECKLIST_FILE = "content/checklist/rs-readiness.yaml"
ROADMAP_FILES = {
    "rs": {"file": "content/roadmaps/rs.yaml", "weeks": 12, "prefix": "rs"},
    "post-training": {"file": "content/roadmaps/post-training.yaml", "weeks": 12,
                      "prefix": "pt"},
    "re": {"file": "content/roadmaps/re.yaml", "weeks": 8, "prefix": "re"},
}

# Decks and shared tags that exist in the bundled content (focus and evidence
# may only name these).
KNOWN_DECKS = {
    "linear-algebra", "calculus-optimisation", "probability", "statistics",
    "information-theory", "computer-science", "ml-fundamentals", "deep-learning",
    "rl-post-training", "scaling-training", "ml-debugging", "research-talk",
}
KNOWN_TAGS = {
    "derivation", "attention", "scaling-laws", "preference-optimisation",
    "regularisation", "optimisation", "reading",
}

_TAGS = None


def content_tags():
    """Every tag a bundled card carries (its own or its deck's)."""
    global _TAGS
    if _TAGS is None:
        _TAGS = set()
        for sub in ("oral", "drills"):
            d = os.path.join(ROOT, "content", sub)
            for name in sorted(os.listdir(d)):
                if name.endswith(".yaml"):
                    with open(os.path.join(d, name), encoding="utf-8") as f:
                        deck = yaml.safe_load(f)
                    _TAGS.update(deck.get("tags") or [])
                    for card in deck.get("cards") or []:
                        _TAGS.update(card.get("tags") or [])
    return _TAGS


ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
DECK_KEYS = {"kind", "id", "title", "section", "topic", "tags", "drill", "cards"}
CARD_KEYS = {"id", "q", "a", "difficulty", "tags", "check", "code", "seconds",
             "bug", "symptom", "fix"}
CHECK_KEYS = {"number", "tolerance", "choice", "answer", "exact", "accept"}
DIFFS = {"easy", "medium", "hard"}
SECTIONS = {"mathematics", "statistics", "computer-science", "machine-learning",
            "alignment", "practice"}

failures = []
passed = [0]


def fail(msg):
    failures.append(msg)


def ok(cond, msg):
    if cond:
        passed[0] += 1
    else:
        fail(msg)
    return cond


# ------------------------------------------------------------------ loading
class UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (the C loader does too)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, "duplicate key %r" % (key,), key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(rel):
    path = os.path.join(ROOT, rel)
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as e:
        fail("%s: cannot load: %s" % (rel, e))
        return None


# ------------------------------------------------------------------ helpers
def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def log_softmax(z):
    m = max(z)
    lse = m + math.log(sum(math.exp(v - m) for v in z))
    return [v - lse for v in z]


def words(s):
    return len(s.split())


def grab(pattern, text, what, cid):
    m = re.search(pattern, text)
    if not m:
        fail("%s: cannot find %s in the card" % (cid, what))
        return None
    return m.group(1)


def num(s):
    return float(s.replace(",", ""))


# ------------------------------------------------------- number recomputation
def rc_softmax_batch_dim(card):
    """Initial loss of softmax over the batch axis: logits ~ 0, so every entry of
    a class column is 1/B and -log p = ln B, whatever the number of classes."""
    b = grab(r"batch of (\d+)", card["q"], "batch size", card["id"])
    c = grab(r"(\d+)\s+classes", card["q"], "class count", card["id"])
    if b is None or c is None:
        return None
    B, C = int(b), int(c)
    rng = random.Random(1)
    # small random logits as at initialisation; softmax over dim 0 (the batch)
    losses = []
    for _ in range(200):
        z = [[rng.gauss(0, 0.01) for _ in range(C)] for _ in range(B)]
        y = [rng.randrange(C) for _ in range(B)]
        cols = [log_softmax([z[i][k] for i in range(B)]) for k in range(C)]
        losses.append(-sum(cols[y[i]][i] for i in range(B)) / B)
    sim = sum(losses) / len(losses)
    ok(abs(sim - math.log(B)) < 0.01, "%s: simulation %.4f vs ln B" % (card["id"], sim))
    return sim


def rc_broadcast(card):
    """(B,1) - (B,) broadcasting: loss = mean_ij (p_i - y_j)^2.  Give the model full
    freedom (one free prediction per example) and minimise by gradient descent;
    the floor is the (biased) batch variance, about Var(y)."""
    v = grab(r"variance (\d+(?:\.\d+)?)", card["q"], "target variance", card["id"])
    if v is None:
        return None
    var = float(v)
    rng = random.Random(2)
    B = 64
    floors = []
    for _ in range(40):
        y = [rng.gauss(3.0, math.sqrt(var)) for _ in range(B)]
        p = [rng.gauss(0, 1) for _ in range(B)]
        ybar = sum(y) / B
        lr = 0.2 * B
        for _ in range(200):
            # d/dp_i of mean_ij (p_i - y_j)^2 = 2 (p_i - ybar) / B
            p = [pi - lr * 2.0 * (pi - ybar) / B for pi in p]
        loss = sum((pi - yj) ** 2 for pi in p for yj in y) / (B * B)
        floors.append(loss)
    return sum(floors) / len(floors)


def rc_softmax_into_ce(card):
    """cross_entropy(softmax(z), y) = -log softmax(p)_y with p on the simplex.
    Minimise over p: scan random points and the vertices; the minimum is at the
    one-hot vertex, ln(e + C - 1) - 1."""
    c = grab(r"(\d+)\s+classes", card["q"], "class count", card["id"])
    if c is None:
        return None
    C = int(c)

    def f(p):
        return -log_softmax(p)[0]

    best = f([1.0] + [0.0] * (C - 1))
    rng = random.Random(3)
    for _ in range(5000):
        w = [rng.expovariate(1.0) ** 3 for _ in range(C)]
        s = sum(w)
        ok_point = f([x / s for x in w])
        if ok_point < best - 1e-12:
            fail("%s: found a lower loss than the one-hot vertex" % card["id"])
            break
    ok(abs(best - (math.log(math.e + C - 1) - 1)) < 1e-12,
       "%s: closed form mismatch" % card["id"])
    return best


def rc_double_sigmoid(card):
    """BCEWithLogits(sigmoid(z), y): the effective probability is s(s(z)).
    Scan z for each label and average the two floors (balanced labels)."""
    if "balanced" not in card["q"]:
        fail("%s: question must say the labels are balanced" % card["id"])
    zs = [i / 10.0 for i in range(-400, 401)]
    pos = min(-math.log(sigmoid(sigmoid(z))) for z in zs)
    neg = min(-math.log(1.0 - sigmoid(sigmoid(z))) for z in zs)
    return 0.5 * (pos + neg)


def rc_scheduler(card):
    """Replay StepLR stepped once per iteration."""
    code = card["code"]
    lr0 = grab(r"lr=([0-9.e-]+)", code, "initial lr", card["id"])
    size = grab(r"step_size=(\d+)", code, "step_size", card["id"])
    gamma = grab(r"gamma=([0-9.]+)", code, "gamma", card["id"])
    steps = grab(r"after (\d+) optimiser steps", card["q"], "step count", card["id"])
    if None in (lr0, size, gamma, steps):
        return None
    lr = float(lr0)
    for it in range(1, int(steps) + 1):     # sched.step() after every opt.step()
        if it % int(size) == 0:
            lr *= float(gamma)
    return lr


def rc_warmup(card):
    """Replay scale = min(1, step // warmup) with Python integer division."""
    code = card["code"]
    m = re.search(r"base_lr, warmup = ([0-9.e-]+), (\d+)", code)
    step = grab(r"step (\d+) use", card["q"], "step", card["id"])
    if not m or step is None:
        fail("%s: cannot read base_lr/warmup/step" % card["id"])
        return None
    base_lr, warmup = float(m.group(1)), int(m.group(2))
    scale = min(1, int(step) // warmup)
    ok(base_lr * min(1, warmup // warmup) == base_lr,
       "%s: lr after warm-up should be base_lr" % card["id"])
    return base_lr * scale


def rc_sqrt_dk(card):
    """Var(q.k) = sum Var(q_i k_i) = d_k for independent unit-variance entries;
    cross-check with a simulation."""
    d = grab(r"d_k = (\d+)", card["q"], "d_k", card["id"])
    if d is None:
        return None
    dk = int(d)
    rng = random.Random(4)
    xs = []
    for _ in range(4000):
        xs.append(sum(rng.gauss(0, 1) * rng.gauss(0, 1) for _ in range(dk)))
    mean = sum(xs) / len(xs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs))
    ok(abs(sd - math.sqrt(dk)) < 0.4, "%s: simulated sd %.3f" % (card["id"], sd))
    return math.sqrt(dk)


def rc_zero_init(card):
    """Zero init with ReLU: only the output bias learns, so the model outputs the
    class prior.  Fit the bias by gradient descent on balanced labels; the loss
    converges to the label entropy."""
    c = grab(r"(\d+) balanced classes", card["q"], "class count", card["id"])
    if c is None:
        return None
    C = int(c)
    rng = random.Random(5)
    labels = [i % C for i in range(1000)]
    bias = [rng.gauss(0, 1) for _ in range(C)]
    counts = [labels.count(k) / len(labels) for k in range(C)]
    for _ in range(2000):
        ls = log_softmax(bias)
        p = [math.exp(v) for v in ls]
        bias = [b - 0.5 * (p[k] - counts[k]) for k, b in enumerate(bias)]
    ls = log_softmax(bias)
    loss = -sum(counts[k] * ls[k] for k in range(C))
    ok(abs(loss - math.log(C)) < 1e-6, "%s: bias-only loss %.6f" % (card["id"], loss))
    return loss


def rc_accuracy_broadcast(card):
    """(B,) == (B,1) compares every prediction with every label.  Simulate a
    perfect model (pred == y) on balanced labels: the metric is sum_c P(c)^2."""
    c = grab(r"(\d+) balanced classes", card["q"], "class count", card["id"])
    if c is None:
        return None
    C = int(c)
    rng = random.Random(6)
    accs = []
    for _ in range(30):
        y = [rng.randrange(C) for _ in range(256)]
        pred = list(y)                                 # a perfect classifier
        match = sum(1 for p in pred for t in y if p == t)
        accs.append(match / (len(y) * len(y)))
    return sum(accs) / len(accs)


def rc_uint16(card):
    """What astype(np.uint16) does to a large id: C conversion modulo 2^16."""
    t = grab(r"token (\d+) become", card["q"], "token id", card["id"])
    vocab = grab(r"vocabulary of ([\d,]+) tokens", card["code"], "vocab size", card["id"])
    if t is None or vocab is None:
        return None
    ok(int(t) < int(num(vocab)), "%s: the token must be inside the vocabulary" % card["id"])
    return float(ctypes.c_uint16(int(t)).value)


TALK_STRUCTURE = [          # section, minutes (SOURCES.md)
    ("motivation", 2), ("prior work and the gap", 3),
    ("approach and key decisions", 10), ("results", 5),
    ("limitations and future work", 5),
]


def rc_talk_structure(card):
    total = sum(m for _, m in TALK_STRUCTURE)
    slot = grab(r"(\d+)-minute", card["q"], "talk slot", card["id"])
    m = re.search(r"That is (\d+) minutes, leaving (\d+)", card["a"])
    if not m:
        fail("%s: cannot find the stated total and slack in the card" % card["id"])
    elif slot is not None:
        ok(int(m.group(1)) == total, "%s: sections add up to %d minutes" % (card["id"], total))
        ok(int(m.group(1)) + int(m.group(2)) == int(slot),
           "%s: material plus slack is the %s-minute slot" % (card["id"], slot))
    for name, m in TALK_STRUCTURE:
        ok(re.search(r"%s[^.]*?about %d" % (re.escape(name.split()[0]), m),
                     card["a"], re.I) is not None,
           "%s: answer must give '%s' about %d minutes" % (card["id"], name, m))
    return max(m for _, m in TALK_STRUCTURE)


def rc_weak_to_strong(card):
    vals = re.findall(r"(\d+)%", card["q"])
    if len(vals) != 3:
        fail("%s: expected three percentages" % card["id"])
        return None
    weak, ceiling, student = (float(v) for v in vals)
    return (student - weak) / (ceiling - weak)


NUMBER_CHECKS = {
    "dbg-softmax-batch-dim": rc_softmax_batch_dim,
    "dbg-broadcast-n1-vs-n": rc_broadcast,
    "dbg-softmax-into-cross-entropy": rc_softmax_into_ce,
    "dbg-double-sigmoid": rc_double_sigmoid,
    "dbg-scheduler-per-iteration": rc_scheduler,
    "dbg-warmup-integer-division": rc_warmup,
    "dbg-no-sqrt-dk": rc_sqrt_dk,
    "dbg-zero-init": rc_zero_init,
    "dbg-accuracy-broadcast": rc_accuracy_broadcast,
    "dbg-token-ids-uint16": rc_uint16,
    "talk-structure": rc_talk_structure,
    "talk-weak-to-strong": rc_weak_to_strong,
}

# card id -> (the correct option, a tag the card must carry for that bug class)
CHOICE_ANSWERS = {
    "dbg-bce-logits-args-swapped": ("Loss arguments swapped", "loss-arguments"),
    "dbg-missing-zero-grad": ("Gradients never reset", "zero-grad"),
    "dbg-grad-accum-no-divide": ("Loss not divided by the accumulation steps",
                                 "gradient-accumulation"),
    "dbg-item-detaches-loss": ("Graph cut: the loss no longer depends on the weights",
                               "detached-graph"),
    "dbg-lm-no-shift": ("Targets not shifted by one", "label-shift"),
    "dbg-mask-polarity": ("Mask polarity inverted", "padding-mask"),
    "dbg-no-causal-mask": ("Causal mask missing", "causal-mask"),
    "dbg-python-list-layers": ("Submodules not registered", "module-registration"),
    "dbg-lstm-batch-first": ("LSTM reads (T, B, d) by default", "tensor-layout"),
    "dbg-argmax-no-dim": ("argmax over the flattened tensor", "argmax-dim"),
    "dbg-view-not-permute": ("view used where permute is needed", "tensor-layout"),
    "dbg-feature-selection-leak": ("Inside each training fold", "data-leakage"),
}

# The bug classes the brief requires, each matched by a card tag.
REQUIRED_BUG_CLASSES = [
    "softmax-dim", "broadcasting", "loss-arguments", "logits-vs-probabilities",
    "log-space", "zero-grad", "train-eval-mode", "detached-graph", "label-shift",
    "padding-mask", "data-leakage", "learning-rate", "gradient-accumulation",
    "data-shuffling", "augmentation", "argmax-dim", "integer-division", "dtype",
    "in-place", "weight-decay", "frozen-parameters", "optimizer-setup",
    "causal-mask", "initialisation", "attention-scaling", "gradient-clipping",
    "dropout", "data-loader", "tensor-layout", "batchnorm", "sigmoid",
]

LATEX_RE = re.compile(r"\$|\\(frac|sum|sqrt|mathbb|cdot|theta|lambda|sigma)\b|\*\*|`|^#",
                      re.M)


def check_text_style(cid, field, text):
    ok(not LATEX_RE.search(text), "%s: %s has LaTeX or markdown" % (cid, field))


def check_spec(cid, chk):
    if not ok(isinstance(chk, dict), "%s: check must be a mapping" % cid):
        return
    unknown = set(chk) - CHECK_KEYS
    ok(not unknown, "%s: unknown check keys %s" % (cid, sorted(unknown)))
    kinds = [k for k in ("number", "choice", "exact") if k in chk]
    ok(len(kinds) == 1, "%s: exactly one of number/choice/exact" % cid)
    if "number" in chk:
        ok(isinstance(chk["number"], (int, float)) and not isinstance(chk["number"], bool),
           "%s: number must be numeric (got %r)" % (cid, chk["number"]))
        if "tolerance" in chk:
            t = chk["tolerance"]
            ok(isinstance(t, (int, float)) and t > 0,
               "%s: tolerance must be a positive number (got %r)" % (cid, t))
        ok(not ({"choice", "answer", "exact", "accept"} & set(chk)),
           "%s: stray keys in a number check" % cid)
    if "choice" in chk:
        opts = chk["choice"]
        ok(isinstance(opts, list) and 2 <= len(opts) <= 8
           and all(isinstance(o, str) and o.strip() for o in opts),
           "%s: choice needs 2-8 non-empty strings" % cid)
        ok(isinstance(opts, list) and len(set(opts)) == len(opts),
           "%s: duplicate choice options" % cid)
        ok(chk.get("answer") in (opts or []), "%s: answer is not an option" % cid)
        ok("tolerance" not in chk and "accept" not in chk,
           "%s: stray keys in a choice check" % cid)
    if "exact" in chk:
        ok(isinstance(chk["exact"], str) and chk["exact"].strip(),
           "%s: exact must be a non-empty string" % cid)
        acc = chk.get("accept", [])
        ok(isinstance(acc, list) and all(isinstance(a, str) for a in acc),
           "%s: accept must be a list of strings" % cid)


def check_deck(deck_id, spec, all_card_ids):
    d = load(spec["file"])
    if d is None:
        return [], 0
    rel = spec["file"]
    unknown = set(d) - DECK_KEYS
    ok(not unknown, "%s: unknown deck keys %s" % (rel, sorted(unknown)))
    ok(d.get("kind") == "deck", "%s: kind must be deck" % rel)
    ok(d.get("id") == deck_id, "%s: id must be %s" % (rel, deck_id))
    ok(isinstance(d.get("title"), str) and d["title"], "%s: title required" % rel)
    ok(d.get("section") == "practice" and d["section"] in SECTIONS,
       "%s: section must be practice" % rel)
    ok(d.get("topic") == spec["topic"], "%s: topic must be %s" % (rel, spec["topic"]))
    ok(d.get("drill") == spec["drill"], "%s: drill must be %s" % (rel, spec["drill"]))
    cards = d.get("cards") or []
    ok(isinstance(cards, list) and len(cards) >= spec["min"],
       "%s: %d cards, need at least %d" % (rel, len(cards), spec["min"]))
    n_checked = 0
    tags_seen = set()
    for card in cards:
        cid = card.get("id", "?")
        unknown = set(card) - CARD_KEYS
        ok(not unknown, "%s: unknown card keys %s" % (cid, sorted(unknown)))
        ok(isinstance(cid, str) and ID_RE.match(cid) and cid.startswith(spec["prefix"]),
           "%s: bad id or missing prefix %s" % (cid, spec["prefix"]))
        ok(cid not in all_card_ids, "%s: duplicate card id" % cid)
        all_card_ids.add(cid)
        ok(card.get("difficulty") in DIFFS, "%s: difficulty missing or bad" % cid)
        tags = card.get("tags")
        ok(isinstance(tags, list) and tags and all(isinstance(t, str) and ID_RE.match(t)
                                                  for t in tags),
           "%s: tags missing or malformed" % cid)
        tags_seen.update(tags or [])
        for field in ("q", "a", "bug", "symptom", "fix"):
            if field in card:
                ok(isinstance(card[field], str) and card[field].strip(),
                   "%s: %s must be a non-empty string" % (cid, field))
                if isinstance(card[field], str):
                    check_text_style(cid, field, card[field])
        if spec["drill"] == "debugging":
            for field in ("code", "bug", "symptom", "fix"):
                ok(isinstance(card.get(field), str) and card[field].strip(),
                   "%s: debugging card needs %s" % (cid, field))
            code = card.get("code", "")
            lines = code.rstrip("\n").split("\n")
            ok(5 <= len(lines) <= 15, "%s: snippet has %d lines (5-15)" % (cid, len(lines)))
            try:
                ast.parse(code)
                passed[0] += 1
            except SyntaxError as e:
                fail("%s: snippet does not parse: %s" % (cid, e))
            total = sum(words(card.get(f, "")) for f in ("bug", "symptom", "fix"))
            ok(total <= 100, "%s: bug+symptom+fix is %d words (max 100)" % (cid, total))
        else:
            ok(isinstance(card.get("q"), str) and isinstance(card.get("a"), str),
               "%s: talk card needs q and a" % cid)
            ok(isinstance(card.get("seconds"), int) and 30 <= card["seconds"] <= 600,
               "%s: talk card needs seconds (30-600)" % cid)
            ok(words(card.get("a", "")) <= 150,
               "%s: answer is %d words (max 150)" % (cid, words(card.get("a", ""))))
        if "seconds" in card:
            ok(isinstance(card["seconds"], int) and card["seconds"] > 0,
               "%s: seconds must be a positive integer" % cid)
        chk = card.get("check")
        if chk is None:
            continue
        n_checked += 1
        check_spec(cid, chk)
        if isinstance(chk, dict) and "number" in chk:
            fn = NUMBER_CHECKS.get(cid)
            if not ok(fn is not None, "%s: no recomputation for this number check" % cid):
                continue
            got = fn(card)
            if got is None:
                continue
            tol = chk.get("tolerance", 1e-9)
            ok(abs(got - chk["number"]) <= tol + 1e-15,
               "%s: card says %r, recomputed %.6g (tolerance %g)"
               % (cid, chk["number"], got, tol))
        elif isinstance(chk, dict) and "choice" in chk:
            exp = CHOICE_ANSWERS.get(cid)
            if not ok(exp is not None, "%s: no expected answer for this choice" % cid):
                continue
            ok(chk.get("answer") == exp[0], "%s: answer %r, expected %r"
               % (cid, chk.get("answer"), exp[0]))
            ok(exp[1] in (tags or []), "%s: should carry tag %s" % (cid, exp[1]))
    if spec["drill"] == "debugging":
        for cls in REQUIRED_BUG_CLASSES:
            ok(cls in tags_seen, "%s: no card covers bug class %s" % (rel, cls))
    if spec["drill"] == "talk":
        ok(any(c.get("id") == "talk-structure" for c in cards),
           "%s: the talk-structure card is missing" % rel)
    return cards, n_checked


# ------------------------------------------------------------------ checklist
CHECKLIST_KEYS = {"kind", "id", "title", "categories", "bands", "quick"}
CATEGORY_KEYS = {"id", "title", "items"}
ITEM_KEYS = {"id", "text", "points", "evidence"}
BAND_KEYS = {"min", "label", "advice"}
QUICK_KEYS = {"title", "items"}
QUICK_ITEM_KEYS = {"id", "category", "text"}
EVIDENCE_RE = re.compile(r"^(retention:[a-z0-9._-]+|deck:[a-z0-9._-]+|papers-read|mocks|"
                         r"plan|drills:[a-z0-9._-]+)$")

# item id -> (category, phrases its text must keep, evidence it must carry)
CHECKLIST_ITEMS = {
    "first-author-papers": ("research", ["three or more", "first-author",
                                         "NeurIPS", "ICML", "ICLR", "AAAI"], []),
    "research-narrative": ("research", ["coherent", "trajectory"], []),
    "lab-open-problems": ("research", ["two or three", "open problems",
                                       "first experiment"], []),
    "talk-peer-feedback": ("research", ["critical feedback", "last three months"], []),
    "recent-lab-papers": ("research", ["ten or more", "why"], ["papers-read"]),
    "derive-custom-gradients": ("technical", ["gradient", "custom loss",
                                              "first principles"],
                                ["retention:derivation"]),
    "attention-from-memory": ("technical", ["multi-head attention", "from memory",
                                            "design choice"], ["retention:attention"]),
    "explain-scaling-laws": ("technical", ["Kaplan", "2020", "Chinchilla", "2022",
                                           "budget"], ["retention:scaling-laws"]),
    "timed-coding": ("technical", ["medium and hard", "under 30 minutes",
                                   "consistently"], []),
    "debug-training": ("technical", ["trains but does not learn", "systematically"],
                       ["drills:ml-debugging"]),
    "preference-methods": ("safety", ["Constitutional AI", "RLHF", "DPO", "KTO",
                                      "trade-offs"], ["retention:preference-optimisation"]),
    "safety-experiment": ("safety", ["safety hypothesis", "metrics", "failure modes"],
                          ["drills:research-talk"]),
    "alignment-papers-critique": ("safety", ["five or more", "alignment", "critique"],
                                  ["papers-read"]),
    "scalable-oversight": ("safety", ["scalable oversight", "hard", "approaches"], []),
    "alignment-view": ("safety", ["genuine", "view", "defend"], []),
    "warm-connections": ("career", ["warm connections", "two or more"], []),
    "adversarial-talk": ("career", ["last six months", "research talk", "adversarial"],
                         ["drills:research-talk"]),
    "paper-limitations": ("career", ["limitations", "best paper", "defensive"],
                          ["drills:research-talk"]),
    "prep-plan": ("career", ["twelve-week", "weekly milestones", "under way"], ["plan"]),
    "tailored-proposals": ("career", ["two or three", "proposals", "each target lab"],
                           []),
}
BANDS = {80: ["apply now", "mock"], 60: ["four to eight weeks", "weakest category",
                                         "parallel"],
         40: ["three to six months", "twelve-week", "weeks 1-6", "portfolio",
              "alignment"],
         0: ["active research", "MATS", "research-engineer track"]}
QUICK_PHRASES = {
    "quick-first-author-papers": ["three or more", "first-author"],
    "quick-research-agenda": ["coherent", "three years"],
    "quick-lab-problem": ["specific", "each target lab"],
    "quick-custom-gradient": ["gradient", "custom loss"],
    "quick-attention-from-memory": ["multi-head attention", "from memory"],
    "quick-rlhf-dpo-kto": ["RLHF", "DPO", "KTO", "when to use each"],
    "quick-constitutional-ai": ["Constitutional AI", "limits"],
    "quick-safety-experiment": ["experiment", "safety hypothesis"],
    "quick-oversight-unsolved": ["scalable oversight", "unsolved"],
    "quick-hostile-talk": ["30-minute", "hostile", "last six months"],
    "quick-paper-limits": ["best paper", "limitations", "calmly"],
    "quick-warm-connections": ["warm connections", "two or more"],
}


def check_evidence_key(where, key):
    if not ok(isinstance(key, str) and EVIDENCE_RE.match(key),
              "%s: malformed evidence key %r" % (where, key)):
        return
    kind, _, arg = key.partition(":")
    if kind == "retention":
        ok(arg in KNOWN_TAGS, "%s: evidence names unknown tag %s" % (where, arg))
    elif kind in ("deck", "drills"):
        ok(arg in KNOWN_DECKS, "%s: evidence names unknown deck %s" % (where, arg))


def check_checklist(all_ids):
    d = load(CHECKLIST_FILE)
    if d is None:
        return
    rel = CHECKLIST_FILE
    ok(not (set(d) - CHECKLIST_KEYS), "%s: unknown keys %s" % (rel, set(d) - CHECKLIST_KEYS))
    ok(d.get("kind") == "checklist", "%s: kind must be checklist" % rel)
    ok(d.get("id") == "rs-readiness", "%s: id must be rs-readiness" % rel)
    ok(isinstance(d.get("title"), str) and d["title"], "%s: title required" % rel)
    cats = d.get("categories") or []
    ok([c.get("id") for c in cats] == ["research", "technical", "safety", "career"],
       "%s: categories must be research, technical, safety, career" % rel)
    total = 0
    seen_items = {}
    for cat in cats:
        ok(not (set(cat) - CATEGORY_KEYS), "%s: unknown category keys" % cat.get("id"))
        ok(isinstance(cat.get("title"), str) and cat["title"], "%s: title" % cat.get("id"))
        items = cat.get("items") or []
        ok(len(items) == 5, "category %s: %d items, need 5" % (cat.get("id"), len(items)))
        for it in items:
            iid = it.get("id", "?")
            ok(not (set(it) - ITEM_KEYS), "%s: unknown item keys" % iid)
            ok(isinstance(iid, str) and ID_RE.match(iid), "%s: bad item id" % iid)
            ok(iid not in seen_items and iid not in all_ids, "%s: duplicate id" % iid)
            seen_items[iid] = cat.get("id")
            all_ids.add(iid)
            ok(it.get("points") == 5, "%s: points must be 5" % iid)
            total += it.get("points", 0) if isinstance(it.get("points"), int) else 0
            text = it.get("text", "")
            ok(isinstance(text, str) and text.strip(), "%s: text required" % iid)
            check_text_style(iid, "text", text)
            for key in it.get("evidence", []) or []:
                check_evidence_key(iid, key)
            exp = CHECKLIST_ITEMS.get(iid)
            if not ok(exp is not None, "%s: unexpected checklist item" % iid):
                continue
            ok(exp[0] == cat.get("id"), "%s: belongs in category %s" % (iid, exp[0]))
            for phrase in exp[1]:
                ok(phrase.lower() in text.lower(), "%s: text must keep '%s'" % (iid, phrase))
            for ev in exp[2]:
                ok(ev in (it.get("evidence") or []), "%s: evidence must include %s" % (iid, ev))
    ok(set(seen_items) == set(CHECKLIST_ITEMS), "%s: item set differs from the 20 expected"
       % rel)
    ok(total == 100, "%s: points add up to %d, not 100" % (rel, total))
    ok("timed-coding" in seen_items and not any(
        it.get("evidence") for c in cats for it in c.get("items", [])
        if it.get("id") == "timed-coding"), "timed-coding must carry no evidence")

    bands = d.get("bands") or []
    mins = sorted((b.get("min") for b in bands), reverse=True)
    ok(mins == [80, 60, 40, 0], "%s: bands must start at 80, 60, 40, 0 (got %s)" % (rel, mins))
    for b in bands:
        ok(not (set(b) - BAND_KEYS), "band %s: unknown keys" % b.get("min"))
        ok(isinstance(b.get("label"), str) and b["label"], "band %s: label" % b.get("min"))
        adv = b.get("advice", "")
        ok(isinstance(adv, str) and adv, "band %s: advice" % b.get("min"))
        for phrase in BANDS.get(b.get("min"), []):
            ok(phrase.lower() in (b.get("label", "") + " " + adv).lower(),
               "band %s: must mention '%s'" % (b.get("min"), phrase))
    # bands cover 0..total: distinct minimums, the lowest is 0, the highest is
    # reachable, so every score falls in exactly one band (the highest min <= it)
    ok(len(set(mins)) == len(mins) and mins and mins[-1] == 0 and mins[0] <= total,
       "%s: bands do not cover 0..%d" % (rel, total))

    quick = d.get("quick") or {}
    ok(not (set(quick) - QUICK_KEYS), "%s: unknown quick keys" % rel)
    ok(isinstance(quick.get("title"), str) and quick["title"], "%s: quick title" % rel)
    qitems = quick.get("items") or []
    ok(len(qitems) == 12, "%s: %d quick items, need 12" % (rel, len(qitems)))
    per_cat = {}
    for it in qitems:
        iid = it.get("id", "?")
        ok(not (set(it) - QUICK_ITEM_KEYS), "%s: unknown quick item keys" % iid)
        ok(isinstance(iid, str) and ID_RE.match(iid), "%s: bad id" % iid)
        ok(iid not in all_ids, "%s: duplicate id" % iid)
        all_ids.add(iid)
        per_cat[it.get("category")] = per_cat.get(it.get("category"), 0) + 1
        for phrase in QUICK_PHRASES.get(iid, ["<unexpected quick item>"]):
            ok(phrase.lower() in it.get("text", "").lower(),
               "%s: text must keep '%s'" % (iid, phrase))
    ok(per_cat == {"research": 3, "technical": 3, "safety": 3, "career": 3},
       "%s: quick items per category %s" % (rel, per_cat))


# ------------------------------------------------------------------ roadmaps
ROADMAP_KEYS = {"kind", "track", "title", "weeks"}
WEEK_KEYS = {"week", "theme", "focus", "milestones"}
FOCUS_KEYS = {"decks", "tags"}
MILESTONE_KEYS = {"id", "text"}
# track -> list of (first week, last week, a word every theme in the range has)
PHASES = {
    "rs": [(1, 3, "research foundation"), (4, 6, ("theory", "alignment")),
           (7, 9, ("coding", "system design")),
           (10, 12, ("company", "mock"))],
    "post-training": [(1, 4, "foundations"), (5, 8, "implementation"),
                      (9, 12, ("deep area", "portfolio"))],
    "re": [(1, 8, ("ml fundamentals", "coding", "system design", "mock"))],
}
# milestones that must exist somewhere in a track (phrases from SOURCES.md)
MUST_MENTION = {
    "rs": ["narrative", "open problems", "talk", "DPO", "mock", "proposal"],
    "post-training": ["LoRA", "QLoRA", "7B", "2017", "InstructGPT", "DPO",
                      "same objective", "TRL", "UltraFeedback", "SFT-only", "GRPO",
                      "verifiable", "Constitutional AI", "process reward models",
                      "multi-objective", "comparative"],
    "re": ["system", "coding", "attention", "mock"],
}
VAGUE_RE = re.compile(r"^(study|learn|review|understand|read about)\b", re.I)


def check_roadmap(track, spec, all_ids):
    d = load(spec["file"])
    if d is None:
        return 0
    rel = spec["file"]
    ok(not (set(d) - ROADMAP_KEYS), "%s: unknown keys %s" % (rel, set(d) - ROADMAP_KEYS))
    ok(d.get("kind") == "roadmap", "%s: kind must be roadmap" % rel)
    ok(d.get("track") == track, "%s: track must be %s" % (rel, track))
    ok(isinstance(d.get("title"), str) and d["title"], "%s: title required" % rel)
    weeks = d.get("weeks") or []
    ok([w.get("week") for w in weeks] == list(range(1, spec["weeks"] + 1)),
       "%s: weeks must be numbered 1..%d" % (rel, spec["weeks"]))
    all_text = []
    n_milestones = 0
    for w in weeks:
        wn = w.get("week")
        where = "%s week %s" % (rel, wn)
        ok(not (set(w) - WEEK_KEYS), "%s: unknown keys" % where)
        theme = w.get("theme", "")
        ok(isinstance(theme, str) and theme, "%s: theme required" % where)
        for lo, hi, word in PHASES[track]:
            if isinstance(wn, int) and lo <= wn <= hi:
                wanted = word if isinstance(word, tuple) else (word,)
                ok(any(x in theme.lower() for x in wanted),
                   "%s: theme %r should mention one of %s" % (where, theme, wanted))
        focus = w.get("focus") or {}
        ok(not (set(focus) - FOCUS_KEYS), "%s: unknown focus keys" % where)
        ok(focus.get("decks") or focus.get("tags"), "%s: focus is empty" % where)
        for deck in focus.get("decks", []) or []:
            ok(deck in KNOWN_DECKS, "%s: focus deck %s does not exist" % (where, deck))
        for tag in focus.get("tags", []) or []:
            ok(tag in KNOWN_TAGS or tag in content_tags(),
               "%s: focus tag %s is on no card" % (where, tag))
        ms = w.get("milestones") or []
        ok(3 <= len(ms) <= 6, "%s: %d milestones (need 3-6)" % (where, len(ms)))
        for m in ms:
            mid = m.get("id", "?")
            n_milestones += 1
            ok(not (set(m) - MILESTONE_KEYS), "%s: unknown milestone keys" % mid)
            ok(isinstance(mid, str) and ID_RE.match(mid)
               and mid.startswith("%s-w%d-" % (spec["prefix"], wn)),
               "%s: milestone id must start with %s-w%d-" % (mid, spec["prefix"], wn))
            ok(mid not in all_ids, "%s: duplicate id" % mid)
            all_ids.add(mid)
            text = m.get("text", "")
            ok(isinstance(text, str) and len(text.split()) >= 5,
               "%s: milestone text too short to tick honestly" % mid)
            ok(not (VAGUE_RE.match(text) and len(text.split()) < 6),
               "%s: vague milestone %r" % (mid, text))
            check_text_style(mid, "text", text)
            all_text.append(theme + " " + text)
    blob = " ".join(all_text).lower()
    for phrase in MUST_MENTION[track]:
        ok(phrase.lower() in blob, "%s: no milestone mentions %s" % (rel, phrase))
    return n_milestones


# ------------------------------------------------------------------ main
def main():
    all_card_ids = set()
    n_cards = n_checked = 0
    counts = {}
    for deck_id, spec in DECK_FILES.items():
        cards, checked = check_deck(deck_id, spec, all_card_ids)
        counts[deck_id] = (len(cards), checked)
        n_cards += len(cards)
        n_checked += checked
    ok(n_cards and n_checked / n_cards >= 0.30,
       "only %d of %d cards carry a check (need 30%%)" % (n_checked, n_cards))
    other_ids = set()
    check_checklist(other_ids)
    n_ms = {}
    for track, spec in ROADMAP_FILES.items():
        n_ms[track] = check_roadmap(track, spec, other_ids)

    for msg in failures:
        print("FAIL: " + msg)
    summary = ", ".join("%s %d cards (%d checked)" % (k, v[0], v[1]) for k, v in counts.items())
    summary += "; milestones " + ", ".join("%s %d" % kv for kv in n_ms.items())
    print("verify_drills_plans: %s; %d assertions passed, %d failed"
          % (summary, passed[0], len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
