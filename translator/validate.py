"""What the public calls accept: text checks and count options, before any work is done.

:class:`~translator.Translator` uses these so that a wrong argument fails at once with a
clear message and its fix (``translate(123)`` is a ``TypeError``, ``num_threads=-2`` an
:class:`~translator.errors.InvalidOptionError`), never deep inside a backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from translator.errors import Fix, InvalidOptionError, NotTextError


def check_counts(**counts: int | None) -> None:
    """Reject a count option that is not a whole number of at least 1 (8 for tokens).

    Raises:
        InvalidOptionError: With the fix worded for each interface.
    """
    for name, value in counts.items():
        least = 8 if name == "max_input_tokens" else 1
        if value is None and name in ("num_threads", "inter_threads", "intra_threads",
                                      "beam_size"):
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            flag = "--" + name.replace("_", "-")
            raise InvalidOptionError(
                name, value, f"{name} must be a whole number of at least {least}, got {value!r}.",
                Fix(python=f"pass {name}={max(least, 1)} or more, or leave it out.",
                    cli=f"pass {flag} {least} or more, or leave it out.",
                    app=f"pass {flag} {least} or more, or leave it out."),
            )


def check_decoding(
    *, beam_size: object = None, alternatives: object = None,
    max_beam_size: int | None = None, max_alternatives: int | None = None,
) -> None:
    """Reject decoding options that cannot work: the one check behind every interface.

    ``Translator``, ``with_options``, ``Dispatcher.submit``, the REST API and the app all
    call this, so the same mistake is the same :class:`InvalidOptionError` everywhere (the
    API answers it with HTTP 400, the CLI with one line and exit 2, the page with a
    sentence). None means "keep the default".

    Args:
        beam_size: Beams per sentence: a whole number of at least 1.
        alternatives: Extra translations per sentence: a whole number of at least 0.
        max_beam_size: The largest beam size this interface accepts (None: no limit).
        max_alternatives: The most alternatives this interface accepts (None: no limit).

    Raises:
        InvalidOptionError: With the fix worded for each interface.
    """
    for name, value, least, most in (("beam_size", beam_size, 1, max_beam_size),
                                     ("alternatives", alternatives, 0, max_alternatives)):
        if value is None:
            continue
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole and least <= value and (most is None or value <= most):
            continue
        flag = "--" + name.replace("_", "-")
        span = f"from {least} to {most}" if most is not None else f"of at least {least}"
        raise InvalidOptionError(
            name, value, f"{name} must be a whole number {span}, got {value!r}.",
            Fix(python=f"pass {name}={max(least, 1)}, or leave it out.",
                cli=f"pass {flag} {max(least, 1)}, or leave it out.",
                app=f"choose a {name.replace('_', ' ')} {span}."),
        )


def check_texts(texts: object) -> None:
    """Reject what ``Translator.translate`` cannot take as several texts, before any work.

    Raises:
        NotTextError: bytes, a mapping (whose keys would be translated), a set (no order),
            something not iterable, or a list/tuple holding anything but str.
    """
    kind = type(texts).__name__
    if isinstance(texts, (bytes, bytearray)):
        raise NotTextError("Got bytes, not text. Fix: decode it first, e.g. "
                           "translate(data.decode('utf-8')).")
    if isinstance(texts, Mapping):
        raise NotTextError(f"Got a {kind}: its keys would be translated, not its values. "
                           "Fix: pass the texts, e.g. translate(list(d.values())).")
    if isinstance(texts, (set, frozenset)):
        raise NotTextError(f"Got a {kind}, which has no order to give the translations "
                           "back in. Fix: pass a list, e.g. translate(sorted(texts)).")
    if not isinstance(texts, Iterable):
        raise NotTextError(
            f"translate() takes a str, a list of str or an iterable of str (a file, a "
            f"generator); got {kind}. Fix: pass the text as a string, e.g. "
            f"translate(str(value)).")
    if isinstance(texts, (list, tuple)):
        for item in texts:
            if not isinstance(item, str):
                raise NotTextError(
                    f"translate() got a {kind} holding a {type(item).__name__}, not only "
                    "str. Fix: pass a list of strings.")


def stream_lines(texts: Iterable[str]) -> Iterator[str]:
    """The items of a stream without the one line break each ends with (file lines)."""
    for item in texts:
        if isinstance(item, str):
            if item.endswith("\r\n"):
                item = item[:-2]
            elif item.endswith(("\n", "\r")):
                item = item[:-1]
        yield item


def check_confidence(min_confidence: object) -> float | None:
    """The ``min_confidence`` option as a float in [0, 1], or None (no flag).

    Raises:
        InvalidOptionError: Not a number from 0 to 1, with the fix for each interface.
    """
    if min_confidence is None:
        return None
    number = isinstance(min_confidence, (int, float)) and not isinstance(min_confidence, bool)
    if number and 0 <= min_confidence <= 1:  # type: ignore[operator]
        return float(min_confidence)  # type: ignore[arg-type]
    raise InvalidOptionError(
        "min_confidence", min_confidence,
        f"min_confidence must be a number from 0 to 1, got {min_confidence!r}.",
        Fix(python="pass min_confidence=0.3, or None to flag no sentence.",
            cli="pass --min-confidence 0.3 (0 flags no sentence).",
            app="choose a minimum confidence from 0 to 1."),
    )
