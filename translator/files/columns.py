"""Translating named columns of a table: the one engine call behind pandas, datasets and Ray.

:func:`translate_table` takes a batch of rows as a dict of lists (or of arrays), a
``pyarrow.Table`` or a ``pandas.DataFrame`` and returns the same kind of object with a
twin column ``<field>_en`` right after each translated field. The texts of every field of
every row go to the :class:`~translator.Translator` in ONE call, so the engine sorts and
token-budget-batches them across rows (and skips repeats). Rules per cell:

- a string is translated (an empty string gives an empty string);
- a null (None, NaN, pandas NA) stays null in the twin column, no flag;
- any other value (a number, bytes, a list) is not text: its twin is null and the row is
  flagged ``<field>:not-text``;
- a value the translator fails on never kills the batch: the call is split in halves until
  the failing value is alone, its twin is null, the row is flagged ``<field>:error`` and a
  warning is logged;
- a sentence flag of the translation (``truncated``, ``repetition``) is kept as
  ``<field>:<flag>``.

Flags go into one column (``translation_flags`` by default, a list of strings per row;
``flags_column=None`` leaves it out). The input is never modified.

pandas::

    from translator import Translator
    from translator.files.columns import translate_table

    df = translate_table(Translator(), df, fields=["text"], progress=True)

It takes any :class:`~translator.files.options.TranslateDocuments` (the Parquet runner,
:mod:`translator.files.tables`, passes one); Hugging Face ``datasets`` and Ray Data use it
through :class:`translator.integrations.tabular.ColumnTranslator`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from translator.errors import Fix, InvalidInputError

if TYPE_CHECKING:
    from translator.files.options import TranslateDocuments
    from translator.progress import ProgressCallback
    from translator.results import Document

logger = logging.getLogger(__name__)

#: Default name of the column that holds each row's flags.
FLAGS_COLUMN = "translation_flags"
#: Flag of a cell that holds something other than text or null.
NOT_TEXT = "not-text"
#: Flag of a cell the translator failed on.
ERROR = "error"

Table = TypeVar("Table")

_FIELDS_FIX = Fix(
    python="name the columns to translate, e.g. fields=['text'].",
    cli="name the columns to translate with --field (e.g. --field text).",
    app="name the columns to translate.",
)


def translate_table(
    translator: TranslateDocuments | Any,
    table: Table,
    *,
    fields: Sequence[str],
    suffix: str = "_en",
    flags_column: str | None = FLAGS_COLUMN,
    progress: ProgressCallback | bool | None = False,
) -> Table:
    """Translate the named columns of a table; see the module docstring for the rules.

    Args:
        translator: The translator to use (or any callable ``texts -> documents``, as
            the file runner passes).
        table: A dict (or any mapping) of equal-length lists or arrays, a
            ``pyarrow.Table`` or a ``pandas.DataFrame``.
        fields: The columns to translate.
        suffix: Appended to a field's name to name its translation ("text" -> "text_en");
            an existing column of that name is replaced.
        flags_column: Column for each row's flags (a list of strings, empty when all is
            well); None for no flags column.
        progress: True for a tqdm bar over sentences on stderr, or an engine progress hook.

    Returns:
        A new object of the same kind: every column kept in order, each field followed by
        its translation, the flags column last.

    Raises:
        InvalidInputError: A field is not a column of the table, or the table is of an
            unknown kind.
    """
    kind = _kind(table)
    names = _column_names(table, kind)
    fields = tuple(fields)
    if not fields:
        raise InvalidInputError("No columns to translate.", fix=_FIELDS_FIX)
    missing = [f for f in fields if f not in names]
    if missing:
        raise InvalidInputError(
            f"No column named {', '.join(map(repr, missing))}; the table has "
            f"{', '.join(map(repr, names))}.", fix=_FIELDS_FIX,
        )
    columns = {f: _values(table, kind, f) for f in fields}
    n_rows = len(next(iter(columns.values()))) if columns else 0
    found: list[list[tuple[int, str]]] = [[] for _ in range(n_rows)]  # (field index, flag)
    todo: list[tuple[int, int]] = []  # (field index, row) of each text sent to the model
    texts: list[str] = []
    for row in range(n_rows):  # row-major: a row's fields sit side by side in the call
        for k, f in enumerate(fields):
            value = columns[f][row]
            if isinstance(value, str):
                todo.append((k, row))
                texts.append(value)
            elif not _is_null(value):
                found[row].append((k, f"{f}:{NOT_TEXT}"))
    outputs: dict[str, list[str | None]] = {f: [None] * n_rows for f in fields}
    for (k, row), result in zip(todo, translate_texts(translator, texts, progress=progress)):
        f = fields[k]
        if isinstance(result, BaseException):
            found[row].append((k, f"{f}:{ERROR}"))
            continue
        outputs[f][row] = result.translation
        found[row] += [(k, f"{f}:{flag}") for flag in result.flags]
    flags = [[flag for _, flag in sorted(row, key=lambda x: x[0])] for row in found]
    return _build(table, kind, fields, outputs, flags, suffix=suffix, flags_column=flags_column)


def translate_texts(
    translator: TranslateDocuments | Any,
    texts: Sequence[str],
    *,
    progress: ProgressCallback | bool | None = False,
) -> list[Document | Exception]:
    """Translate ``texts`` in one call; a text the translator fails on gives its exception.

    The call is retried in halves around a failure, so one bad text costs a few extra
    calls, never the others' translations.
    """
    documents = getattr(translator, "translate_documents", translator)
    out: list[Document | Exception] = [Exception("not translated")] * len(texts)
    _fill(documents, texts, list(range(len(texts))), out, progress or None)
    return out


def _fill(
    documents: Any, texts: Sequence[str], idx: list[int],
    out: list[Document | Exception], progress: Any,
) -> None:
    done = 0
    try:
        for doc in documents([texts[i] for i in idx], progress=progress):
            out[idx[done]] = doc
            done += 1
    except Exception as exc:  # noqa: BLE001 - isolate the failing text, never lose the rest
        rest = idx[done:]
        if len(rest) == 1:
            logger.warning("could not translate text %d (%.60r): %s", rest[0],
                           texts[rest[0]], exc)
            out[rest[0]] = exc
            return
        half = len(rest) // 2
        _fill(documents, texts, rest[:half], out, None)
        _fill(documents, texts, rest[half:], out, None)


# -- kinds of tables --------------------------------------------------------------------------


def _kind(table: Any) -> str:
    module = type(table).__module__
    if module.startswith("pyarrow") and type(table).__name__ == "Table":
        return "arrow"
    if module.startswith("pandas") and type(table).__name__ == "DataFrame":
        return "pandas"
    if isinstance(table, Mapping):
        return "mapping"
    raise InvalidInputError(
        f"Cannot translate a {type(table).__name__} as a table.",
        fix=Fix(python="pass a dict of lists, a pyarrow.Table or a pandas.DataFrame.",
                cli="pass a .parquet, .jsonl or .csv file.", app="upload a table file."),
    )


def _column_names(table: Any, kind: str) -> list[str]:
    if kind == "arrow":
        return list(table.column_names)
    if kind == "pandas":
        return [str(c) for c in table.columns]
    return list(table.keys())


def _values(table: Any, kind: str, name: str) -> list[Any]:
    if kind == "arrow":
        return table.column(name).to_pylist()
    if kind == "pandas":
        return table[name].tolist()
    return list(table[name])


def _is_null(value: Any) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _build(
    table: Any, kind: str, fields: tuple[str, ...], outputs: dict[str, list[str | None]],
    flags: list[list[str]], *, suffix: str, flags_column: str | None,
) -> Any:
    targets = {f + suffix: f for f in fields}
    order: list[tuple[str, str]] = []  # ("src", column) or ("tr", field), output order
    for name in _column_names(table, kind):
        if name in targets or name == flags_column:
            continue  # replaced: a translation goes right after its field, flags go last
        order.append(("src", name))
        if name in fields:
            order.append(("tr", name))
    if kind == "arrow":
        return _build_arrow(table, order, outputs, flags, suffix, flags_column)
    if kind == "pandas":
        return _build_pandas(table, order, outputs, flags, suffix, flags_column)
    out: dict[str, Any] = {}
    for what, name in order:
        if what == "src":
            out[name] = table[name]
        else:
            out[name + suffix] = outputs[name]
    if flags_column is not None:
        out[flags_column] = flags
    return out


def _build_arrow(table: Any, order: list[tuple[str, str]], outputs: dict[str, list[str | None]],
                 flags: list[list[str]], suffix: str, flags_column: str | None) -> Any:
    import pyarrow as pa

    arrays, schema_fields = [], []
    for what, name in order:
        if what == "src":
            arrays.append(table.column(name))
            schema_fields.append(table.schema.field(name))
            continue
        source_type = table.schema.field(name).type
        text_type = source_type if pa.types.is_large_string(source_type) else pa.string()
        arrays.append(pa.array(outputs[name], type=text_type))
        schema_fields.append(pa.field(name + suffix, text_type))
    if flags_column is not None:
        arrays.append(pa.array(flags, type=pa.list_(pa.string())))
        schema_fields.append(pa.field(flags_column, pa.list_(pa.string())))
    schema = pa.schema(schema_fields, metadata=table.schema.metadata)
    return pa.Table.from_arrays(arrays, schema=schema)


def _build_pandas(table: Any, order: list[tuple[str, str]], outputs: dict[str, list[str | None]],
                  flags: list[list[str]], suffix: str, flags_column: str | None) -> Any:
    import pandas as pd

    data: dict[str, Any] = {}
    for what, name in order:
        if what == "src":
            data[name] = table[name]
            continue
        dtype = table[name].dtype
        keep = isinstance(dtype, pd.StringDtype)
        data[name + suffix] = pd.Series(outputs[name], index=table.index,
                                        dtype=dtype if keep else object)
    if flags_column is not None:
        data[flags_column] = pd.Series(flags, index=table.index, dtype=object)
    return pd.DataFrame(data, index=table.index)


# -- a picklable mapper ------------------------------------------------------------------------
