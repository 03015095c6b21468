"""The ``untranslated`` check: the translation is the source again, or still Indonesian.

Two cheap signals, no model:

* the translation is (nearly) the source: the same letters, word for word, with a
  similarity of at least :data:`COPY_SIMILARITY`, and the source has lower-case words that
  are not English (a source that is only names, numbers or URLs translates to itself);
* the translation is still mostly Indonesian: lower-case Indonesian function words
  (``yang``, ``dan``, ``tidak``, ...) make up a large share of its words and outnumber
  English ones.

Words that are also English words or common names (``pun``, ``mana``, ``ya``, ``para``)
are left out of the Indonesian list.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Any

from translator.checks.spans import find_spans

#: How similar (difflib ratio of the lower-cased words) a translation must be to its
#: source to count as a copy.
COPY_SIMILARITY = 0.8
#: Share of the translation's words that must be Indonesian function words.
INDONESIAN_SHARE = 0.2

INDONESIAN_WORDS = frozenset(
    """
    yang dan di ke dari ini itu dengan untuk tidak tak akan pada adalah ialah saya aku kami
    kita kamu anda mereka dia ia ada juga sudah telah belum bisa dapat karena tetapi tapi
    atau oleh dalam sebagai lebih sangat jika kalau harus bahwa seperti hanya masih banyak
    apa siapa bagaimana mengapa kenapa sama lagi saja sedang bagi tentang setelah sebelum
    sampai hingga antara jangan mau ingin tersebut kepada terhadap agar supaya namun serta
    maka bila ketika saat yaitu yakni begitu sekarang punya sini situ sana kok dong sih deh
    nggak gak enggak udah aja banget nih tuh kalo tetap pernah selalu sering semua setiap
    para beberapa sekali kah lah nya diri sendiri mungkin belum bukan jadi pula secara
    """.split()
) - {"para"}
ENGLISH_WORDS = frozenset(
    """
    the a an and of to in is are was were be been being i you he she it we they me him her
    us them my your his its our their this that these those with for on at not no do does
    did have has had will would can could should there what who how why when where from by
    as but or if so than then very just about into over after before am all any some
    """.split()
)
_SUFFIXES = ("nya", "kan", "lah", "kah")
#: "1990-an" (the 1990s): its "an" is no English article.
_DECADE = re.compile(r"(?<=\d)-an\b")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _similar(source: str, translation: str) -> float:
    a_words = [w.lower() for w in _words(source)]
    b_words = [w.lower() for w in _words(translation)]
    if not a_words or not b_words:
        return 0.0
    shared = len(set(a_words) & set(b_words))
    if shared < 0.5 * min(len(set(a_words)), len(set(b_words))):
        return 0.0  # too few words in common to be a copy: skip the costly comparison
    a, b = " ".join(a_words), " ".join(b_words)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < COPY_SIMILARITY or matcher.quick_ratio() < COPY_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _counts(words: list[str]) -> tuple[int, int]:
    lower = [w for w in words if w.islower()]
    indonesian = sum(w in INDONESIAN_WORDS for w in lower)
    # "US", "AS", "WHO" are abbreviations, not the English words "us", "as", "who"
    english = sum(w.lower() in ENGLISH_WORDS for w in words if not (len(w) > 1 and w.isupper()))
    return indonesian, english


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], Any]:
    """Indonesian root words and a stemmer (PySastrawi), or nothing when it is missing."""
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:  # pragma: no cover - a base dependency
        return frozenset(), None
    words = resources.files("Sastrawi.Stemmer").joinpath("data", "kata-dasar.txt")
    return frozenset(words.read_text(encoding="utf-8").split()), StemmerFactory().create_stemmer()


def _indonesian_word(word: str) -> bool:
    """Whether a word of four letters or more is an Indonesian word or a form of one.

    Shorter ones are left out: "Tom" and "Ida" are root words too (indigo, lice) but are
    mostly names.
    """
    roots, stemmer = _lexicon()
    word = word.lower()
    if len(word) < 4:
        return False
    return word in roots or (stemmer is not None and stemmer.stem(word) in roots)


def _exclamation(text: str, words: list[str]) -> bool:
    """Whether a text is a sentence of one to three words, some Indonesian ("Hebat!").

    Such a sentence copied is untranslated even without a lower-case word; "Tom!", "Jakarta!"
    are not such sentences.
    """
    return (
        1 <= len(words) <= 3
        and bool(re.search(r"[.!?…][\"'”’)]*\s*$", text))
        and not any(w.lower() in ENGLISH_WORDS for w in words)
        and any(_indonesian_word(w) and not w.isupper() for w in words)  # not "SAYA MAKAN."
    )


def _indonesian_markers(words: list[str]) -> set[str]:
    """Words that show a text is Indonesian; a copy must keep one of them to be a copy.

    Function words and words with a typical suffix (``-nya``, ``-kan``, ``-lah``, ``-kah``);
    without any, a text of two or more lower-case words (the first may be capitalised)
    counts all of them. A name, a drug or a term ("Joko Widodo", "remdesivir") has none
    and translates to itself.
    """
    lowered = [w.lower() for w in words]
    first = lowered[:1] if words[:1] and words[0][1:].islower() else []  # "Saya", not "SAYA"
    found = {w for w in lowered if w in INDONESIAN_WORDS and (w in first or w in words)}
    found |= {w for w in lowered if len(w) >= 6 and w.endswith(_SUFFIXES)}
    if not found:
        lower = {w for w in lowered[1:] if w in words and len(w) > 1} | set(first)
        if len(lower) >= 2:
            found = lower
    return found


def check_untranslated(source: str, translation: str) -> str | None:
    """The reason ``translation`` looks untranslated, or None."""
    for span in find_spans(source) + find_spans(translation):
        source, translation = source.replace(span, " "), translation.replace(span, " ")
    source, translation = _DECADE.sub(" ", source), _DECADE.sub(" ", translation)
    src_words = _words(source)
    out_words = _words(translation)
    if not out_words:
        return None
    src_id, src_en = _counts(src_words)
    markers = _indonesian_markers(src_words)
    folded = [w.lower() for w in src_words]
    if _exclamation(source, src_words) and folded == [w.lower() for w in out_words]:
        markers = set(folded)
    if (
        markers & {w.lower() for w in out_words}
        and src_en <= src_id
        and _similar(source, translation) >= COPY_SIMILARITY
    ):
        return "the translation is (nearly) the source again"
    out_id, out_en = _counts(out_words)
    share = out_id / len(out_words)
    short = len(out_words) <= 3 and out_id >= 1 and out_en == 0
    if short or (out_id >= 2 and out_id >= 2 * out_en and share >= INDONESIAN_SHARE):
        return (
            f"the translation is still Indonesian ({out_id} of {len(out_words)} words are "
            "Indonesian function words)"
        )
    return None
