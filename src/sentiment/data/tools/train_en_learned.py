#!/usr/bin/env python3
"""Fits src/sentiment/data/en_learned.tsv: the learned English weights (see
src/sentiment/english/learned.rs). Not part of the build; kept so the file can be remade.

Inputs, none of them shipped or committed:
  - the rated sentences of the PyPI package vaderSentiment 3.3.2 (MIT):
      pip download vaderSentiment==3.3.2 --no-deps --no-binary :all: -d /tmp/v
      tar xzf /tmp/v/vaderSentiment-3.3.2.tar.gz -C /tmp/v
      tar xzf /tmp/v/vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz -C /tmp/v
    tweets_GroundTruth.txt, movieReviewSnippets_GroundTruth.txt and
    nytEditorialSnippets_GroundTruth.txt. Never amazonReviewSnippets_*: that is the evaluation set.
  - the rules' own score for each sentence, from a floorwatch built WITHOUT learned weights
    (commit 8a0c63d, or an empty en_learned.tsv), one JSON line per sentence:
      python3 src/sentiment/data/tools/train_en_learned.py texts DIR > texts.txt
      floorwatch sentiment --json < texts.txt > rules.jsonl
Then: python3 src/sentiment/data/tools/train_en_learned.py fit DIR rules.jsonl > src/sentiment/data/en_learned.tsv
Needs numpy, scipy and scikit-learn. `cv` instead of `fit` prints the 5-fold cross-validated figures.
"""
import json
import math
import random
import sys
from collections import Counter

FILES = ["tweets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt", "nytEditorialSnippets_GroundTruth.txt"]
ALPHA, SHRINK, MIN_SENTENCES, KEEP, SCOPE, ALONE = 30.0, 0.75, 2, 20000, 3, 0.4
HEADER = """# floorwatch's learned English weights: what each lower-cased word (not_word in a negation's
# scope) and pair of neighbouring words adds to the rules' reading of a turn, on the log scale
# of src/sentiment/english/learned.rs. One feature per line: feature<TAB>weight.
# Fitted by ridge regression (alpha 30; features seen in at least 2 sentences; the 20,000
# largest weights kept, then shrunk by 0.75) to the mean human rating of the 19,995 sentences
# of VADER's rated tweets, movie-review snippets and New York Times editorial snippets, with
# the rules' own reading of each sentence as an input, so the weights say what the words add
# beyond the rules. Alpha and the shrink were chosen by cross-validation within the three
# sets and by training on two and testing on the third (other domains).
# Those rated sentences ship with the PyPI package vaderSentiment 3.3.2
# (additional_resources/hutto_ICWSM_2014.tar.gz), MIT licence, (c) 2016 C.J. Hutto; Hutto &
# Gilbert, ICWSM 2014; licence text in LICENSE-VADER. Its Amazon review snippets were not used:
# they are the evaluation set. Derived data: weights only, no sentence is reproduced.
# Left out on purpose, so the rules alone decide them: pairs holding a negation word or a word in
# its scope, and words our own lexicon sets near 0 for calls (help, please, like, want, call, ...).
# Made by src/sentiment/data/tools/train_en_learned.py, which says how to get its inputs.
"""

# Mirrored exactly by learned.rs.
NEGATORS = set("""aint ain't arent cannot cant couldnt didnt doesnt dont hadnt hasnt havent isnt neednt
neither never no none nope nor not nothing nowhere shouldnt wasnt werent without wont wouldnt rarely
seldom hardly barely nobody""".split())
PUNCTUATION = set(".,;:!?()[]\"\n")
TURNS = {"but", "however", "although", "though"}
# Words en_own.tsv sets near 0 for calls, and `like`: the rules alone decide them.
EXCLUDED = set("""help please hope yes ok okay sure well want joke call unusual refunded lemon portable
plus wish unlike indeed predictable honestly hopefully upgrade replaced heavy like""".split())


def is_negator(w):
    return w in NEGATORS or w.endswith("n't")


def words(text):
    out, current, punctuation = [], [], False
    for ch in text:
        c = ch.lower() if ch.isascii() else ch
        if c in "\u2018\u2019`":
            c = "'"
        if "a" <= c <= "z" or c == "'":
            current.append(c)
            continue
        if current:
            w = "".join(current).strip("'")
            if w:
                out.append((w, punctuation))
                punctuation = False
            current = []
        if c in PUNCTUATION:
            punctuation = True
    w = "".join(current).strip("'")
    if w:
        out.append((w, punctuation))
    return out


def features(text):
    feats, left, prev = set(), 0, None
    for w, after_punctuation in words(text):
        if after_punctuation:
            left, prev = 0, None
        if w in TURNS:
            left = 0
        negated = left > 0
        if negated:
            left -= 1
        if w not in EXCLUDED:
            feats.add(("not_" if negated else "") + w)
        if (prev is not None and not negated and not is_negator(w) and not is_negator(prev)
                and w not in EXCLUDED and prev not in EXCLUDED):
            feats.add(prev + " " + w)
        if is_negator(w):
            left = SCOPE
        prev = w
    return feats


def load(directory):
    rows = []
    for name in FILES:
        with open(f"{directory}/{name}", encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3:
                    text = "\t".join(parts[2:]).replace("\r", " ").replace("\n", " ")
                    rows.append({"corpus": name.split("_")[0], "rating": float(parts[1]), "text": text})
    return rows


def log_scale(x):
    return math.copysign(math.log1p(abs(x)), x)


def rules_sum(score):
    """The rules' sum from their score (the inverse of x / sqrt(x^2 + 15))."""
    s = max(min(score, 0.99999), -0.99999)
    return s / math.sqrt(1 - s * s) * math.sqrt(15)


def fit(rows, feats):
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge
    seen = Counter(f for fs in feats for f in fs)
    vectors = []
    for row, fs in zip(rows, feats):
        v = {f: 1.0 for f in fs if seen[f] >= MIN_SENTENCES}
        v["__rules__"] = 5.0 * log_scale(row["rules"])  # scaled so ridge barely shrinks it
        vectors.append(v)
    dv = DictVectorizer()
    x = dv.fit_transform(vectors).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    model = Ridge(alpha=ALPHA).fit(x, np.array([r["rating"] for r in rows]))
    weights = dict(zip(dv.feature_names_, model.coef_))
    per_rules_unit = weights.pop("__rules__") * 5.0
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:KEEP]
    return {f: SHRINK * w / per_rules_unit for f, w in top}


def combined_score(rules, learned):
    if learned == 0:
        total = rules
    else:
        if rules == 0:
            learned = max(-ALONE, min(ALONE, learned))
        z = log_scale(rules) + learned
        total = math.copysign(math.expm1(abs(z)), z)
    return max(-1.0, min(1.0, total / math.sqrt(total * total + 15)))


def cross_validate(rows, feats):
    rng = random.Random(7)
    folds = [rng.randrange(5) for _ in rows]
    scores = [None] * len(rows)
    for k in range(5):
        train = [i for i in range(len(rows)) if folds[i] != k]
        weights = fit([rows[i] for i in train], [feats[i] for i in train])
        for i in range(len(rows)):
            if folds[i] == k:
                learned = sum(weights.get(f, 0.0) for f in feats[i])
                scores[i] = combined_score(rows[i]["rules"], learned)
    for corpus in ("tweets", "movieReviewSnippets", "nytEditorialSnippets"):
        for name, pick in (("rules", lambda i: rows[i]["score"]), ("learned", lambda i: scores[i])):
            idx = [i for i in range(len(rows)) if rows[i]["corpus"] == corpus]
            polar = [i for i in idx if abs(rows[i]["rating"]) >= 0.75]
            right = sum((pick(i) > 0) == (rows[i]["rating"] > 0) and pick(i) != 0 for i in polar)
            print(f"{corpus:22} {name:8} binary {right / len(polar):.3f}")


def main():
    command, directory = sys.argv[1], sys.argv[2]
    rows = load(directory)
    if command == "texts":
        for row in rows:
            print(row["text"])
        return
    with open(sys.argv[3]) as f:
        for row, line in zip(rows, f):
            row["score"] = json.loads(line)["score"]
            row["rules"] = rules_sum(row["score"])
    feats = [features(r["text"]) for r in rows]
    if command == "cv":
        cross_validate(rows, feats)
        return
    weights = fit(rows, feats)
    out = sorted((f, round(w, 3)) for f, w in weights.items() if round(w, 3) != 0)
    sys.stdout.write(HEADER)
    for f, w in out:
        print(f"{f}\t{w}")


if __name__ == "__main__":
    main()
