"""Rule-based sentence splitter for Indonesian text.

The splitter works on whitespace-separated tokens.  A sentence boundary can only
fall *between* two tokens (or, rarely, inside a token such as ``selesai.Lalu``),
so every non-whitespace character of the input ends up in exactly one sentence.

For each candidate position the decision is made from two pieces of evidence:

* the token that ends with terminal punctuation (``.``, ``?``, ``!``, ``...``,
  ``…``), in particular the word before a period: is it a known abbreviation,
  an initial, a number, a list marker, or an ordinary word?
* the token that follows: does it look like the start of a sentence (capital
  letter, digit, opening quote followed by a capital), or like a continuation
  (lowercase word, speech verb after a quotation)?

A few decisions look one token further: after a company suffix ("Tbk.",
"Inc.") two capitalised words read as a name ("Tbk. Jahja Setiaatmadja
mengatakan"), and emoticons, emoji and hashtags written after final
punctuation stay with the sentence they close ("Selamat! 🎉 Kami ...").

:func:`running_text_spans` reads its input as running text (line breaks are spaces);
:func:`sentence_spans` and :func:`split_sentences` take a whole text and also end a
sentence at every blank line and every line that stands alone, as
:mod:`translator.layout` decides.

The module is pure Python (standard library only) and runs in linear time.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["period_never_ends", "running_text_spans", "sentence_spans", "split_sentences"]

# ---------------------------------------------------------------------------
# Character classes
# ---------------------------------------------------------------------------

#: Characters that may open a quotation or a bracket before a word.
OPENERS = "\"'`“‘«‹„([{"
#: Characters that may close a quotation or a bracket after a word.
CLOSERS = "\"'”’»›)]}"
#: Quotation marks among the closers (stronger end-of-sentence evidence).
QUOTE_CLOSERS = frozenset("\"'”’»›")
#: Quotation marks among the openers.
QUOTE_OPENERS = frozenset("\"'`“‘«‹„")
#: Sentence-final punctuation.
TERMINALS = ".?!…"
#: Punctuation trimmed from the end of the next word before list look-ups.
TRAILING_PUNCT = ",;:.!?…" + CLOSERS
#: Bullet-like characters that may open a new sentence or list item.
BULLETS = frozenset("•▪●◦*-–—")

# ---------------------------------------------------------------------------
# Abbreviation lists (compared in lowercase unless stated otherwise)
# ---------------------------------------------------------------------------

#: Personal titles, honorifics and name prefixes: never end a sentence.
TITLES = frozenset({
    "dr", "drg", "prof", "ir", "hj", "kh", "tn", "ny", "nn", "sdr", "sdri",
    "bpk", "bp", "st", "drs", "dra", "pdt", "ust", "ustz", "mgr", "rm", "pst",
    "moh", "muh", "moch", "mhd", "abd", "pj", "plt", "plh",
    "yth", "tb", "rev", "drh", "ns", "tgk", "pjs",
    # "Jenderal TNI (Purn.) Moeldoko"
    "purn",
})

#: Titles written in lowercase that may open a sentence ("dr. Andi menjelaskan").
LOWERCASE_TITLES = frozenset({"dr", "drg", "drh"})

#: Military and police ranks, which Indonesian news sometimes writes with a period.
RANKS = frozenset({
    "jend", "letjen", "mayjen", "brigjen", "kol", "letkol", "kapt",
    "lettu", "letda", "serka", "serma", "sertu", "serda", "kopda", "koptu",
    "praka", "pratu", "prada", "peltu", "pelda", "marsma", "marsda", "marsdya",
    "laksma", "laksda", "laksdya", "kombes", "kombespol", "akbp", "akp",
    "kompol", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigpol", "briptu",
    "bripda", "bharada", "irjen", "komjen", "brigjenpol", "irjenpol",
    # corps suffixes written after a rank: "Brigjen. Pol. Agus", "Letkol. Inf. Joko"
    "pol", "inf", "czi", "cpm", "arh", "psk", "pnb",
})

#: Address, document and reference words that precede a name or a number.
REFERENCE_WORDS = frozenset({
    "jl", "jln", "no", "kec", "kel", "kab", "prov", "rt", "rw", "gg", "ds",
    "dsn", "kp", "kav", "komp", "telp", "tel", "fax", "faks", "hlm", "vol",
    "jil", "tgl", "rp", "pt", "pte", "ket", "dk", "pkl", "nmr", "univ", "inst",
    "fak", "dept",
    # Quran surah and hadith narrator: "QS. Al-Baqarah", "HR. Bukhari"
    "qs", "hr",
    # Kepulauan/Keputusan, Perumahan, lantai, usaha dagang: "Kep. Riau",
    # "Perum. Griya Asri", "Gedung A Lt. 3", "UD. Sumber Rejeki"
    "kep", "perum", "lt", "ud",
})

#: Short forms that only occur inside a sentence.
MID_SENTENCE_ABBREVIATIONS = frozenset({
    "a.n", "s.d", "u.p", "d.a", "a.l", "c.q", "cq", "u.b", "krn", "tdk", "spt",
    "dgn", "dg", "yg", "utk", "pd", "kpd", "ca", "vs", "cf", "sbg",
})

#: Abbreviations that are case-sensitive because the lowercase form is a common
#: Indonesian word ("hal" = matter, "kol" = cabbage) or the upper-case form is a
#: person's initials ("berinisial MR. Polisi ..."), or a ship prefix ("Kapal KM.
#: Sinar Bangun"; "5 KM." after a number is a distance, see below).
CASE_SENSITIVE_NEVER_FINAL = frozenset({"Hal", "Kol", "Mr", "Mrs", "Ms", "KMP"})

#: Every abbreviation after which a period never ends a sentence.
NEVER_FINAL = (TITLES | RANKS | REFERENCE_WORDS | MID_SENTENCE_ABBREVIATIONS) - {"hal", "kol"}

#: Abbreviations that close a list or a name and often end a sentence: a period
#: after them is a boundary whenever a capitalised word follows.
LIST_END_ABBREVIATIONS = frozenset({
    "dll", "dsb", "dst", "tsb", "dkk", "etc", "sda", "ybs", "sbb",
})

#: Company-form suffixes.  News writes "Direktur Utama PT Bank Central Asia Tbk.
#: Jahja Setiaatmadja mengatakan ...": a period after them ends the sentence
#: only when what follows does not look like the rest of a name.
COMPANY_SUFFIXES = frozenset({
    "tbk", "inc", "ltd", "llc", "corp", "co", "plc", "gmbh", "bhd", "pte",
})

#: Words after which ". 50" or ". 20" continues a number, not a new sentence:
#: "senapan mesin kaliber. 50" (.50 caliber), "Jalan Tol Jagorawi Km. 20".
NUMBER_PREFIXES = frozenset({
    "kaliber", "caliber", "cal", "km", "hp", "wa", "hal", "th", "thn",
})

#: Words after which a code or roman numeral is a document number, so that
#: "Peraturan Bapepam No. XI. B. 02.00" stays one reference.
NUMBER_WORDS = frozenset({"no", "nomor", "nomer", "nmr"})

#: Academic and professional degrees, written after a name ("Budi, S.H., M.H.").
#: Dotted forms not listed here are still treated as ambiguous abbreviations.
DEGREES = frozenset({
    # bachelor (sarjana) and diploma
    "s.h", "s.e", "s.si", "s.pd", "s.kom", "s.t", "s.sos", "s.i.k", "s.ag",
    "s.ked", "s.kep", "s.farm", "s.psi", "s.ip", "s.hum", "s.ak", "s.p", "s.pt",
    "s.s", "s.th", "s.kg", "s.gz", "s.ds", "s.sn", "s.stat", "s.tr", "s.sy",
    "s.e.i", "s.h.i", "s.pd.i", "s.fil", "s.ikom", "s.kes", "a.md", "a.ma",
    # master (magister) and doctorate
    "m.h", "m.m", "m.si", "m.pd", "m.kom", "m.t", "m.sos", "m.ag", "m.a",
    "m.kes", "m.psi", "m.hum", "m.p", "m.th", "m.sc", "m.eng", "m.b.a",
    "m.pd.i", "ph.d", "lc", "phd", "msc", "bsc", "mba", "llm", "dr.-ing",
    "dipl.-ing",
    # medical specialists and pharmacists
    "sp.pd", "sp.a", "sp.og", "sp.b", "sp.jp", "sp.m", "sp.s", "sp.kk",
    "sp.tht", "sp.rad", "sp.an", "sp.p", "sp.kj", "apt",
})

#: Nouns after which a single capital letter names a category, not a person:
#: "vitamin C.", "golongan A.", "kelas B." can end a sentence.
CATEGORY_NOUNS = frozenset({
    "vitamin", "golongan", "kelompok", "grup", "kelas", "tipe", "jenis",
    "huruf", "blok", "zona", "poin", "seri", "kategori", "nomor", "opsi",
    "pilihan", "sektor", "ruang", "pintu", "gedung", "lantai", "babak",
    "tahap", "fase", "model", "versi", "level", "peringkat", "nilai", "hepatitis",
    "plan", "rencana", "skenario", "paket", "gelombang", "sesi", "pasal", "bagian",
    "tim", "regu", "pos", "grade", "kode", "formulir", "lampiran",
})

#: Abbreviated months: "5 Jan. 1980", and after a day number "pada 5 Jan. Hakim ..."
#: ends the sentence.
MONTH_ABBREVIATIONS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt", "ags", "sep", "sept",
    "okt", "nov", "des",
})

#: Other abbreviations that may or may not end a sentence.
AMBIGUOUS_ABBREVIATIONS = frozenset({
    "bu", "pak", "jr", "sr", "al", "cv", "ph", "rs",
    # months
    *MONTH_ABBREVIATIONS,
    # "Foto: Dok. Humas Polri" (dokumentasi) or "Terima kasih, Dok. Saya ..."
    "dok",
})

#: Words that commonly open an Indonesian (or English) sentence.  Used to decide
#: whether an ambiguous abbreviation or initial ends a sentence: "S.H. Ia ..."
#: splits, "B.J. Habibie" does not.
SENTENCE_STARTERS = frozenset({
    # pronouns
    "ia", "dia", "mereka", "kami", "kita", "saya", "aku", "anda", "engkau",
    "kamu", "beliau", "pihaknya", "dirinya", "keduanya", "ketiganya",
    # conjunctions and adverbs
    "namun", "tetapi", "tapi", "sementara", "sedangkan", "selain", "kemudian",
    "lalu", "sebelumnya", "selanjutnya", "akhirnya", "adapun", "bahkan",
    "karena", "sebab", "meski", "meskipun", "walaupun", "walau", "jika",
    "apabila", "bila", "kalau", "maka", "agar", "supaya", "sehingga",
    "demikian", "begitu", "apalagi", "terlebih", "padahal", "kini", "sekarang",
    "juga", "pun", "tak", "tidak", "belum", "sudah", "telah", "akan", "masih",
    "hanya", "secara", "sebagai", "seperti", "dengan", "tanpa", "yang",
    # prepositions and time words
    "dalam", "pada", "saat", "ketika", "di", "ke", "dari", "setelah",
    "sesudah", "sebelum", "selama", "sejak", "hingga", "sampai", "untuk",
    "bagi", "oleh", "tentang", "mengenai", "terkait", "atas", "menurut",
    "berdasarkan", "sehubungan", "sedang",
    # determiners and quantifiers
    "hal", "ini", "itu", "para", "sejumlah", "sebanyak", "semua", "seluruh",
    "setiap", "tiap", "beberapa", "banyak", "sebagian", "salah", "sang",
    # question words and existentials
    "ada", "apa", "siapa", "mengapa", "kenapa", "bagaimana", "kapan",
    "dimana", "apakah", "berapa",
    # common English starters
    "the", "this", "it", "he", "she", "they", "we", "however", "in",
})

#: Speech verbs that follow a quotation in Indonesian reporting style:
#: '"Apa kabar?" tanya dia.' is a single sentence.
SPEECH_VERBS = frozenset({
    "kata", "ujar", "tutur", "ucap", "jelas", "tanya", "ungkap", "imbuh",
    "tambah", "terang", "sebut", "papar", "lanjut", "tegas", "seru", "pinta",
    "katanya", "ujarnya", "tuturnya", "ucapnya", "jelasnya", "tanyanya",
    "ungkapnya", "imbuhnya", "tambahnya", "terangnya", "sebutnya", "paparnya",
    "lanjutnya", "tegasnya", "serunya", "pintanya",
    "jawab", "jawabnya", "teriak", "teriaknya", "bisik", "bisiknya", "sahut",
    "sahutnya", "timpal", "timpalnya", "pungkas", "pungkasnya", "tandas",
    "tandasnya", "beber", "bebernya", "tukas", "tukasnya", "kilah", "kilahnya",
    "harap", "harapnya", "akunya", "balas", "balasnya",
})

#: Top-level domains: "kompas.Com" is not "kompas." + "Com...".
TOP_LEVEL_DOMAINS = frozenset({
    "com", "id", "net", "org", "co", "go", "ac", "or", "edu", "gov", "info",
    "biz", "io", "sch", "web", "my", "sg", "uk", "us",
})

# ---------------------------------------------------------------------------
# Token patterns
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\S+")
#: A token-internal boundary such as "selesai.Lalu": lowercase word, terminal
#: punctuation, capitalised word.
_INNER_BOUNDARY_RE = re.compile(r"(?<=[a-z]{3})[.?!]+(?=[A-Z][a-z])")
#: A run of ASCII letters (the word after a token-internal candidate).
_LETTERS_RE = re.compile(r"[A-Za-z]+")
#: Letter-dot sequences: initials (B.J), degrees (S.H, M.Si, Sp.PD), a.n, s.d.
_DOTTED_RE = re.compile(r"[A-Za-z]{1,4}(?:\.-?[A-Za-z]{1,4})+")
#: Numbers with optional separators: 2020, 1.500, 07.30, 17.08.1945, 3,5.
_NUMBER_RE = re.compile(r"[0-9]+(?:[.,:/-][0-9]+)*")
#: A period inside brackets opened at most this many tokens earlier never ends
#: a sentence ("(SSK. II)", "(E. hemisphaerica (Bl.) Smith)"); the limit keeps a
#: stray unclosed bracket from suppressing the splits of a whole paragraph.
MAX_BRACKET_TOKENS = 6
#: How much of a token is kept when a detached closer is glued to it.
MAX_WORD_CHARS = 64

#: A numbered list marker token: "1.", "12.".
_NUMBERED_MARKER_RE = re.compile(r"([0-9]{1,2})\.")
#: Roman numerals used as section markers (I., II., IV.).
_ROMAN_RE = re.compile(r"[IVXLC]{1,5}")
#: A 4-digit year: "1945. 20 tahun kemudian" ends a sentence before the digit.
_YEAR_RE = re.compile(r"(?:1[5-9]|20)[0-9]{2}")
#: A domain name such as "bbc.com" or "ui.ac.id" (the top-level domain is checked
#: against :data:`TOP_LEVEL_DOMAINS`).
_DOMAIN_RE = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([a-z]{2,4})")
#: Text emoticons: ":)", ":-(", ";D", ":p", "<3", "^_^".
_EMOTICON_RE = re.compile(r"[:;=][-'^]?[()DPpOov3/\\|\[\]*]+|<3|\^[_-]?\^")


def _starts_like_sentence(token: str) -> tuple[str, bool]:
    """Classify how a token begins.

    Args:
        token: The token following a candidate boundary.

    Returns:
        A pair ``(kind, quoted)`` where ``kind`` is one of ``"upper"``,
        ``"digit"``, ``"lower"``, ``"bullet"`` or ``"other"`` and ``quoted``
        tells whether the token opens with a quotation mark.
    """
    stripped = token.lstrip(OPENERS)
    quoted = any(ch in QUOTE_OPENERS for ch in token[: len(token) - len(stripped)])
    if not stripped:
        return "other", quoted
    first = stripped[0]
    if first.isupper():
        return "upper", quoted
    if first.isdigit():
        return "digit", quoted
    if first == "@" and len(stripped) > 1 and stripped[1].isalnum():
        # A mention opens a sentence: "Terima kasih. @kompascom juga ..."
        return "upper", quoted
    if first.islower():
        # "eKTP", "iPhone" behave like capitalised words, and so do the titles
        # that Indonesian writes in lowercase: "... stabil. dr. Andi mengatakan".
        if len(stripped) > 1 and stripped[1].isupper():
            return "upper", quoted
        if stripped.endswith(".") and stripped[:-1] in LOWERCASE_TITLES:
            return "upper", quoted
        return "lower", quoted
    if first in BULLETS and len(stripped) == 1:
        return "bullet", quoted
    return "other", quoted


def _bare_word(token: str) -> str:
    """Return ``token`` without surrounding quotes, brackets and punctuation, lowercased."""
    return token.lstrip(OPENERS).rstrip(TRAILING_PUNCT).lower()


def _split_end(token: str) -> tuple[str, str, str, bool]:
    """Split a token into its word, terminal punctuation and closing characters.

    Args:
        token: A whitespace-free token, e.g. ``'siap."'`` or ``'Antara).'``.

    Returns:
        ``(word, terminal, closers, enclosed)``: the word without openers or
        closers (``'siap'``), the terminal punctuation (``'.'``), the closing
        quotes/brackets after it (``'"'``) and whether the punctuation sits
        alone inside brackets, as in ``'(?)'`` or ``'[...]'``.
    """
    body = token.rstrip(CLOSERS)
    closers = token[len(body):]
    core = body.rstrip(TERMINALS)
    terminal = body[len(core):]
    word = core.lstrip(OPENERS)
    enclosed = bool(core) and not word
    return word.rstrip(CLOSERS), terminal, closers, enclosed


def _word_class(word: str, prev_token: str) -> str:
    """Classify the word that precedes a period.

    Args:
        word: The word without openers, closers and the final period.
        prev_token: The token before it, e.g. ``"Budi,"`` before a degree.

    Returns:
        One of ``"never"`` (title, rank, address word: never sentence-final),
        ``"list_end"`` (dll., dsb., Tbk.), ``"degree"`` (a degree after a comma
        or another degree), ``"ambiguous"`` (initials, other dotted
        abbreviations), ``"number"`` or ``"normal"``.
    """
    lower = word.lower()
    prev_word = prev_token.lstrip(OPENERS).rstrip(",.").lower()
    if word in CASE_SENSITIVE_NEVER_FINAL or lower in NEVER_FINAL:
        return "never"
    if word in ("KM", "Km") and not _NUMBER_RE.fullmatch(prev_word):
        # "Kapal KM. Sinar Bangun", "Tol Jagorawi Km. 20"; not "sejauh 5 KM."
        return "never"
    if lower in MONTH_ABBREVIATIONS and prev_word.isdigit():
        return "normal"
    if lower in ("a.m", "p.m"):
        return "normal"  # "pukul 9 p.m. Penumpang ..."
    if lower in LIST_END_ABBREVIATIONS:
        return "list_end"
    if lower in COMPANY_SUFFIXES:
        return "company"
    if lower in DEGREES:
        after_name = prev_token.endswith(",") or prev_word in DEGREES
        return "degree" if after_name else "ambiguous"
    if lower in AMBIGUOUS_ABBREVIATIONS:
        return "ambiguous"
    if len(word) == 1 and word.isalpha():
        # "vitamin C.", "5 m." and "1445 H." (Hijri year) behave like words;
        # "Soesilo B." is an initial.
        era = word in "HM" and prev_word.isdigit() and len(prev_word) in (3, 4)
        if word.islower() or prev_word in CATEGORY_NOUNS or era:
            return "normal"
        return "ambiguous"
    if _NUMBER_RE.fullmatch(word):
        return "number"
    if _is_domain(word):
        # "dilaporkan bbc.com. Presiden ...": a site name, not an abbreviation.
        return "normal"
    if _DOTTED_RE.fullmatch(word):
        return "ambiguous"
    return "normal"


def _is_domain(word: str) -> bool:
    """Tell whether ``word`` is a domain name such as ``cnn.com`` or ``ui.ac.id``."""
    match = _DOMAIN_RE.fullmatch(word)
    return (
        match is not None
        and match.group(1) in TOP_LEVEL_DOMAINS
        and match.start(1) > 3
        and word.lower() not in DEGREES
    )


def _is_trailer(token: str) -> bool:
    """Tell whether ``token`` only decorates the sentence before it.

    Emoticons (":)"), emoji ("🎉") and hashtags ("#Pemilu2024") written after
    the final punctuation belong to that sentence: "Selamat! 🎉 Kami ..." ends
    after the emoji.

    Args:
        token: A whitespace-free token.

    Returns:
        True for an emoticon, a run of emoji/symbols or a hashtag.
    """
    if _EMOTICON_RE.fullmatch(token):
        return True
    if len(token) > 1 and token[0] == "#" and token[1].isalnum():
        return True
    return _is_emoji(token)


def _is_emoji(token: str) -> bool:
    """Tell whether ``token`` is made of emoji only ("🎉", "👍🏻", "❤️").

    Other symbols such as "©", "°" or "™" are not emoji: "Hak cipta © Kompas"
    stays one sentence.
    """
    has_emoji = False
    for char in token:
        code = ord(char)
        if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF:
            has_emoji = True
        elif code not in (0x200D, 0xFE0F, 0x20E3):  # joiner, emoji style, keycap
            return False
    return has_emoji


def _is_name_part(token: str) -> bool:
    """Tell whether ``token`` continues a name: a degree, title or initial."""
    bare = token.lstrip(OPENERS).rstrip(",;:.").lower()
    return (
        bare in DEGREES
        or bare in TITLES
        or _DOTTED_RE.fullmatch(bare) is not None
        or (len(bare) == 1 and bare.isalpha())
    )


class _Context(NamedTuple):
    """Where a candidate token stands within the sentence being built.

    Attributes:
        at_sentence_start: Whether the token opens the current sentence.
        prev_token: The token before it ("" when there is none).
        in_brackets: Whether a bracket opened shortly before is still open, as
            in "(SSK. II)": a period there does not end the sentence.
        expected_marker: The number the next numbered list marker would have
            (0 when no numbered list is running in the current sentence).
        following: The token after the next one ("" when there is none), used
            to tell "Tbk. Jahja Setiaatmadja mengatakan" (a name follows) from
            "Tbk. Saham perseroan naik" (a new sentence).
    """

    at_sentence_start: bool
    prev_token: str
    in_brackets: bool
    expected_marker: int
    following: str = ""


def _is_list_marker(word: str, context: _Context) -> bool:
    """Tell whether ``word`` + period is an enumeration marker ("1.", "a.", "IV.").

    Args:
        word: The word before the period.
        context: Where the token stands in the current sentence.

    Returns:
        True when the token is a list marker that must stay with its item.
    """
    if context.expected_marker > 1 and word.isdigit() and int(word) == context.expected_marker:
        # "1. Pendahuluan 2. Metode": the next number of a running enumeration.
        return True
    short = (word.isdigit() and len(word) <= 2) or (len(word) == 1 and word.isalpha())
    if not (short or _ROMAN_RE.fullmatch(word)):
        return False
    return context.at_sentence_start or context.prev_token.endswith((":", ";"))


def _period_boundary(word: str, closers: str, next_token: str, context: _Context) -> bool:
    """Decide whether a period after ``word`` ends the sentence."""
    kind, quoted = _starts_like_sentence(next_token)
    if kind in ("lower", "other") or context.in_brackets:
        return False
    if _is_list_marker(word, context):
        return False
    if "/" in word and "://" not in word:
        # "RT. 05/RW. 02": judge the part after the slash.
        word = word.rsplit("/", 1)[1]
    if _continues_number(word, next_token, context):
        return False
    word_class = _word_class(word, context.prev_token) if word else "normal"
    if word_class == "never":
        return False
    if kind == "bullet":
        return word_class == "normal"
    if word_class in ("normal", "number"):
        if kind == "digit":
            # "... Medan. 20 tahun kemudian" splits; "2.904. 678" does not.
            return word_class == "normal" or _YEAR_RE.fullmatch(word) is not None
        return True
    if kind == "digit" or next_token.startswith(("(", "[")):
        # "Persero Tbk. (BBNI)": a bracket after an abbreviation explains it.
        return False
    # Only capitalised next words are left.
    if word_class == "list_end":
        return True
    if word_class == "company":
        return _company_boundary(closers, next_token, context.following)
    if word_class == "degree":
        # "oleh Budi, S.H. Ia kemudian ..." splits; "S.H. M.H." does not.
        return not _is_name_part(next_token)
    if any(ch in QUOTE_CLOSERS for ch in closers) or quoted:
        return True
    return _bare_word(next_token) in SENTENCE_STARTERS


def _continues_number(word: str, next_token: str, context: _Context) -> bool:
    """Tell whether a period after ``word`` sits inside a number or a code.

    Covers "kaliber. 50" (.50 caliber), "Tol Jagorawi Km. 20" (a kilometre
    post, not "5 km. 20 menit ..."), "5 Jan. 1980" and regulation numbers written with spaces
    such as "Peraturan Bapepam No. XI. B. 02.00".

    Args:
        word: The word before the period.
        next_token: The token after it.
        context: Where the token stands in the current sentence.

    Returns:
        True when the period does not end the sentence.
    """
    next_bare = next_token.rstrip(TRAILING_PUNCT)
    lower = word.lower()
    if lower in MONTH_ABBREVIATIONS and next_bare[:1].isdigit():
        return True  # "5 Jan. 1980"
    if lower in NUMBER_PREFIXES and next_bare[:1].isdigit():
        return lower != "km" or not _NUMBER_RE.fullmatch(context.prev_token.rstrip(",."))
    if _bare_word(context.prev_token) not in NUMBER_WORDS:
        return False
    is_code = _ROMAN_RE.fullmatch(word) is not None or any(ch.isdigit() for ch in word)
    next_is_code = (
        (len(next_bare) == 1 and next_bare.isalpha())
        or _ROMAN_RE.fullmatch(next_bare) is not None
        or next_bare[:1].isdigit()
    )
    return is_code and next_is_code


def _company_boundary(closers: str, next_token: str, following: str) -> bool:
    """Decide whether a period after a company suffix (Tbk., Inc.) ends the sentence.

    The next token is already known to start with a capital letter.

    Args:
        closers: Closing quotes or brackets after the period.
        next_token: The token after the suffix.
        following: The token after ``next_token``.

    Returns:
        True for "Apple Inc. Perusahaan itu ..." or "Tbk. PT Lain ...", False for
        "Tbk. Jahja Setiaatmadja mengatakan" or "Co. Ltd.".
    """
    bare = _bare_word(next_token)
    if any(ch in QUOTE_CLOSERS for ch in closers) or _starts_like_sentence(next_token)[1]:
        return True
    if bare in SENTENCE_STARTERS or bare == "pt":
        return True
    if bare in COMPANY_SUFFIXES or bare == "c/o":
        return False
    # Two capitalised words in a row read as a name: "Jahja Setiaatmadja".
    return _starts_like_sentence(following)[0] != "upper"


def _question_boundary(closers: str, next_token: str) -> bool:
    """Decide whether a ``?`` or ``!`` ends the sentence."""
    kind, _ = _starts_like_sentence(next_token)
    if kind in ("lower", "other"):
        return False
    # '"Apa kabar?" Tanya dia.' (speech verb written with a capital) is one sentence.
    quoted = any(ch in QUOTE_CLOSERS for ch in closers)
    return not (quoted and _bare_word(next_token) in SPEECH_VERBS)


def _is_boundary(token: str, next_token: str, context: _Context) -> bool:
    """Decide whether a sentence ends after ``token``.

    Args:
        token: The token that may end a sentence.
        next_token: The token right after it.
        context: Where ``token`` stands in the current sentence.

    Returns:
        True when a sentence boundary falls between ``token`` and ``next_token``.
    """
    word, terminal, closers, enclosed = _split_end(token)
    if not terminal or enclosed:
        return False
    if "?" in terminal or "!" in terminal:
        return _question_boundary(closers, next_token)
    if terminal != ".":
        # Ellipsis ("...", "…", ".."): ends a sentence before a capital.
        return _starts_like_sentence(next_token)[0] == "upper"
    return _period_boundary(word, closers, next_token, context)


def _inner_cuts(text: str, start: int, end: int) -> list[int]:
    """Find boundary candidates inside one token, as in ``selesai.Lalu``.

    URLs, e-mail addresses and domain names are never cut.

    Args:
        text: The whole text.
        start: Start offset of the token.
        end: End offset of the token.

    Returns:
        Offsets (into ``text``) right after the terminal punctuation.
    """
    token = text[start:end]
    if "/" in token or "@" in token or token.lower().startswith("www."):
        return []
    cuts = []
    # Whether the piece since the last cut holds a period, found by scanning each
    # character once (no slices), so a long token with many candidates stays linear.
    dotted = False
    scanned = 0
    for match in _INNER_BOUNDARY_RE.finditer(token):
        if not dotted:
            dotted = token.find(".", scanned, match.start()) >= 0
            scanned = match.start()
        right_word = _LETTERS_RE.match(token, match.end())
        if dotted or (right_word and right_word.group().lower() in TOP_LEVEL_DOMAINS):
            continue
        cuts.append(start + match.end())
        dotted, scanned = False, match.end()
    return cuts


def _pieces(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into whitespace tokens, further cut at token-internal candidates."""
    pieces = []
    for match in _TOKEN_RE.finditer(text):
        start, end = match.span()
        for cut in _inner_cuts(text, start, end):
            pieces.append((start, cut))
            start = cut
        pieces.append((start, end))
    return pieces


def _next_token(text: str, pieces: list[tuple[int, int]], index: int) -> str:
    """Return the token after ``pieces[index]``.

    A detached opening quote or bracket is joined with the token after it
    ("` Berkaki" -> "`Berkaki") so that the word it opens can be judged.
    """
    start, end = pieces[index + 1]
    token = text[start:end]
    if not token.lstrip(OPENERS) and index + 2 < len(pieces):
        after_start, after_end = pieces[index + 2]
        token += text[after_start:after_end]
    return token


def _next_marker(token: str, context: _Context, expected_marker: int) -> int:
    """Update the expected number of a running numbered list after ``token``."""
    match = _NUMBERED_MARKER_RE.fullmatch(token)
    if match and _is_list_marker(match.group(1), context):
        return int(match.group(1)) + 1
    return expected_marker


def _is_detached_closer(token: str, quote_open: bool) -> bool:
    """Tell whether ``token`` is a lone closing quote or bracket ("”", ")", '"').

    Args:
        token: A whitespace-free token.
        quote_open: Whether a straight double quote is open in this sentence,
            which makes a lone '"' a closing quote rather than an opening one.

    Returns:
        True when the token only closes what came before it.
    """
    if not token or token.strip(CLOSERS):
        return False
    return quote_open or any(char not in "\"'" for char in token)


def _attach_closer(prev_token: str, closer: str) -> str:
    """Glue a detached closer to the sentence-final token before it.

    'benar . "' is judged like 'benar."'.  Only the tail of ``prev_token`` is
    kept so that long runs of detached closers stay linear.

    Args:
        prev_token: The token before the closer.
        closer: The detached closing quote or bracket.

    Returns:
        The combined token, or ``closer`` itself when ``prev_token`` does not
        end with terminal punctuation.
    """
    if prev_token.rstrip(CLOSERS).endswith(tuple(TERMINALS)):
        return prev_token[-MAX_WORD_CHARS:] + closer
    return closer


def _judge_trailer(prev_token: str, trailer: str) -> str:
    """Return the token that stands for an emoticon, emoji or hashtag when judging a boundary.

    After final punctuation the trailer is judged like the punctuated word
    before it ("sekali. :)" like "sekali."); an emoticon or emoji without
    punctuation before it ends a sentence like an ellipsis would ("Terima
    kasih :) Sampai jumpa").

    Args:
        prev_token: The token before the trailer (already standing in for
            earlier trailers of a run).
        trailer: The emoticon, emoji or hashtag.

    Returns:
        The token whose ending decides the boundary.
    """
    if prev_token.rstrip(CLOSERS).endswith(tuple(TERMINALS)):
        return prev_token
    if trailer.startswith("#"):
        return trailer
    return "…"


def _track_brackets(token: str, index: int, open_brackets: list[int]) -> None:
    """Update the stack of unclosed round/square brackets with ``token``."""
    for char in token:
        if char in "([":
            open_brackets.append(index)
        elif char in ")]" and open_brackets:
            open_brackets.pop()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Find the sentences of ``text``: one sentence, a paragraph or a whole document.

    A blank line always ends a sentence, and so does every line that stands alone (a
    heading, a list item, a caption, a byline), as :func:`translator.layout.parse`
    decides; hard-wrapped lines are read as one. Inside each such logical line the
    sentences are found by :func:`running_text_spans`.

    Args:
        text: Indonesian text, any line endings.

    Returns:
        ``(start, end)`` character offsets of each sentence, in order and
        non-overlapping.  Each span is stripped of surrounding whitespace and
        together they cover every non-whitespace character exactly once (a list
        marker belongs to the first sentence of its item).  Empty or
        whitespace-only text gives ``[]``.
    """
    from translator.layout import logical_lines  # the layout is built on this module

    spans = []
    for start, end in logical_lines(text):
        spans += [(start + s, start + e) for s, e in running_text_spans(text[start:end])]
    return spans


def running_text_spans(text: str) -> list[tuple[int, int]]:
    """Find the sentences of running text, where line breaks are only spaces.

    Runs in linear time on any input.

    Args:
        text: Indonesian running text, e.g. one paragraph or one logical line;
            newlines are treated as whitespace.

    Returns:
        ``(start, end)`` character offsets of each sentence, in order and
        non-overlapping.  Each span is stripped of surrounding whitespace and
        together they cover every non-whitespace character exactly once.
        Empty or whitespace-only text gives ``[]``.
    """
    pieces = _pieces(text)
    spans: list[tuple[int, int]] = []
    if not pieces:
        return spans
    sentence_start = pieces[0][0]
    at_sentence_start = True
    prev_token = ""
    open_brackets: list[int] = []  # piece indices of unclosed brackets in this sentence
    expected_marker = 0
    straight_quotes = 0  # '"' seen in this sentence: odd means a quotation is open
    for index, (start, end) in enumerate(pieces[:-1]):
        token = text[start:end]
        trailer = _is_trailer(token)
        if not trailer:
            _track_brackets(token, index, open_brackets)
        in_brackets = bool(open_brackets) and index - open_brackets[-1] <= MAX_BRACKET_TOKENS
        following = text[slice(*pieces[index + 2])] if index + 2 < len(pieces) else ""
        context = _Context(at_sentence_start, prev_token, in_brackets, expected_marker, following)
        quote_open = straight_quotes % 2 == 1
        straight_quotes += token.count('"')
        next_start, next_end = pieces[index + 1]
        next_raw = text[next_start:next_end]
        if _is_detached_closer(token, quote_open):
            token = _attach_closer(prev_token, token)
        elif trailer:
            token = _judge_trailer(prev_token, token)
        if _is_detached_closer(next_raw, straight_quotes % 2 == 1):
            boundary = False  # the closer still belongs to this sentence
        elif _is_trailer(next_raw) and (token.endswith(tuple(TERMINALS + CLOSERS)) or trailer):
            boundary = False  # "Selamat! 🎉 Kami ...": decide after the emoji
        else:
            boundary = _is_boundary(token, _next_token(text, pieces, index), context)
        if boundary:
            spans.append((sentence_start, end))
            sentence_start = next_start
            at_sentence_start = True
            open_brackets.clear()
            expected_marker = 0
            straight_quotes = 0
        else:
            at_sentence_start = False
            expected_marker = _next_marker(token, context, expected_marker)
        prev_token = token
    spans.append((sentence_start, pieces[-1][1]))
    return spans


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences.

    Args:
        text: Indonesian text: one sentence, a paragraph or a whole document. A blank
            line always ends a sentence and a line that stands alone (a heading, a
            caption, a byline) is a sentence of its own.

    Returns:
        The sentences, i.e. ``[text[s:e] for s, e in sentence_spans(text)]``.
    """
    return [text[start:end] for start, end in sentence_spans(text)]


def period_never_ends(token: str, prev_token: str = "") -> bool:
    """Tell whether ``token`` is an abbreviation whose period never ends a sentence.

    Args:
        token: A whitespace-free token ending in a period: ``"Jl."``, ``"Dr."``,
            ``"No."``.
        prev_token: The token before it ("" when there is none).

    Returns:
        True for titles, ranks, address and reference words ("Ia tinggal di Jl.
        Sudirman" never splits after "Jl.").
    """
    word, terminal, _, _ = _split_end(token)
    return terminal == "." and _word_class(word, prev_token) == "never"
