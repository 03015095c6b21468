"""Properties of matching and enforcement over generated glossaries, texts and candidates,
and the guarantee over real Indonesian sentences."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from translator.terms import GLOSSARY, Glossary, enforce_many
from translator.terms.entries import fold

WORDS = ["perang", "perangkat", "bank", "indonesia", "pemerintah", "presiden", "badan",
         "pusat", "statistik", "brin", "data", "buku", "ku", "nya", "lah"]
SEPARATORS = [" ", "  ", "\n", "\t", ", ", ". ", "-", "(", ")"]
SUFFIXES = ["", "", "", "nya", "lah", "ku", "kan", "an", "-nya"]

word = st.sampled_from(WORDS)
source_terms = st.lists(word, min_size=1, max_size=3).map(" ".join)
glossaries = st.dictionaries(source_terms, st.sampled_from(["war", "bank", "data", "KEEP"]),
                             min_size=1, max_size=6)
tokens = st.tuples(word, st.sampled_from(SUFFIXES), st.sampled_from(SEPARATORS),
                   st.booleans())
texts = st.lists(tokens, max_size=12).map(
    lambda ts: "".join((w.upper() if up else w) + s + sep for w, s, sep, up in ts))


def build(mapping):
    return Glossary.build({k: (k if v == "KEEP" else v) for k, v in mapping.items()})


@settings(max_examples=100, deadline=None)
@given(glossaries, texts)
def test_matches_are_whole_words_in_order_without_overlap(mapping, text):
    glossary = build(mapping)
    matches = glossary.find(text)
    end = 0
    for m in matches:
        assert m.start >= end
        end = m.end
        assert m.text == text[m.start:m.end]
        assert fold(m.text) in (m.term.key, f"{m.term.key}-{m.term.key}")  # or reduplicated
        assert m.start == 0 or not text[m.start - 1].isalnum()
        rest = text[m.end:]
        assert not rest[:1].isalnum() or re.match(r"(ku|mu|nya)?(lah|kah|tah|pun)?\b",
                                                   rest).group()


@settings(max_examples=100, deadline=None)
@given(glossaries, texts)
def test_every_standalone_occurrence_is_covered(mapping, text):
    glossary = build(mapping)
    covered = set()
    for m in glossary.find(text):
        covered.update(range(m.start, m.end))
    folded = " ".join(text.lower().split())
    for term in glossary:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, term.key.split())) + r"(?!\w)"
        for found in re.finditer(pattern, text.lower()):
            assert covered & set(range(found.start(), found.end())), (term, text, folded)


candidates = st.lists(st.lists(st.sampled_from(["war", "WAR", "bank", "data", "perang",
                                                "BRIN", "brin", "the", "x"]),
                               max_size=6).map(" ".join), min_size=1, max_size=3)


@settings(max_examples=100, deadline=None)
@given(glossaries, texts, candidates, candidates)
def test_guarantee_held_or_flagged_and_never_flagged_without_terms(mapping, text, nbest,
                                                                    again):
    glossary = build(mapping)
    matches = glossary.find(text)
    (result,) = enforce_many([(text, matches, nbest)], lambda sources: [again] * len(sources))
    if not matches:
        assert result.flags == () and result.translation == nbest[0]
        return
    assert set(result.applied) | set(result.missing) == set(matches)
    if result.flags:
        assert result.flags == (GLOSSARY,)
        for m in result.missing:
            named = m.text if m.term.keep else m.term.source
            assert f'"{named}"' in result.reasons[0]
    else:
        assert result.missing == ()
        assert result.translation.lower() in {c.lower() for c in [*nbest, *again]}


def test_guarantee_over_real_sentences(shared_dir):
    treebank = shared_dir / "data" / "ud-id-dev" / "id_csui-ud-train.conllu"
    sentences = [line[9:] for line in treebank.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")]
    words = sorted({w.lower() for s in sentences for w in re.findall(r"[^\W\d_]{4,}", s)})
    rng = random.Random(20)
    picked = rng.sample(words, 300)
    glossary = Glossary.build({w: (w if i % 5 == 0 else f"term{i}")
                               for i, w in enumerate(picked)})
    items = []
    for s in sentences:
        matches = glossary.find(s)
        noise = " ".join(rng.sample(["the", "a", "government", "said"], 2))
        first = " ".join(m.english for m in matches if rng.random() < 0.3)
        second = " ".join(m.english for m in matches if rng.random() < 0.6)
        items.append((s, matches, [f"{noise} {first}", f"{noise} {second}"]))

    def redecode(sources):
        return [[src if rng.random() < 0.5 else "nothing"] for src in sources]

    results = enforce_many(items, redecode)
    with_terms = 0
    for (source, matches, _), result in zip(items, results):
        if not matches:
            assert not result.flags
            continue
        with_terms += 1
        lacking = [m for m in matches if not any(
            re.search(rf"(?<!\w){re.escape(form)}(?!\w)", result.translation,
                      0 if m.term.keep else re.I)
            for form in ([m.text, m.term.source] if m.term.keep else [m.english]))]
        assert bool(lacking) == bool(result.flags), (source, result)
        for m in lacking:
            named = m.text if m.term.keep else m.term.source
            assert f'"{named}" should' in result.reasons[0]
    assert with_terms > 100
    assert {r.method for r in results} >= {"none", "best", "alternative", "redecoded",
                                           "flagged"}
