"""The fast backend: the same Marian model run by CTranslate2 (int8 on CPU by default).

The Hugging Face model is converted once (:func:`convert_model`, in
:mod:`translator.backends.ct2_convert`) and cached next to it in ``models/`` as
``<name>-ct2-<compute_type>`` (``models/opus-mt-id-en-ct2-int8``). Text is tokenized with
the model's own sentencepiece tokenizer (``MarianTokenizer``), exactly as the transformers
backend does, so token counts, input cuts and output limits are the same.

Thread layout. CTranslate2 has two knobs: ``inter_threads`` (workers, each translating its
own batch; the weights are shared, not copied) and ``intra_threads`` (threads inside one
batch's matrix multiplies). Measured on the 2-core development machine (full-size
opus-mt-id-en, int8, ``benchmarks/speed.py``, 12 sentences x 16 tokens, seconds at beam
1 / 6): 1 worker x 2 threads 0.78 / 1.06 was *slower* than 1 worker x 1 thread 0.61 / 1.01,
while 2 workers x 1 thread, with the batches of a window submitted asynchronously, was
fastest at 0.42 / 0.56. Decoding multiplies small matrices (a batch's rows by 512 or
2048 columns) one token step at a time; splitting each of those across cores costs a
synchronisation per layer per step that the int8 kernels finish faster than, whereas two
independent batches need no synchronisation at all. So the default is one single-threaded
worker per core (:func:`.ct2_runtime.default_thread_layout`), and the engine hands every window's
batches over at once (:meth:`CTranslate2Backend.translate_batches`) so that no worker idles.

Target vocabulary. With ``vocabulary="target"`` (the default) every batch is decoded with
``use_vmap=True``: CTranslate2 restricts its output layer to the conversion's ``vmap.txt``
(the target set, always applied) plus unk/bos/eos and the decoder start token, and maps
ids back itself, for beam search, n-best, min/max lengths, ``no_repeat_ngram_size`` and
suppressed sequences alike (a suppressed sequence holding a piece outside the set could
never be produced anyway; CTranslate2 drops such pieces from it, so pass target pieces).

Scores. ``return_scores=True`` with ``length_penalty=1`` gives each hypothesis's summed
log-probability divided by its length, end token included (CTranslate2 divides by
``length ** length_penalty``; we keep the penalty at 1, so the score *is* the mean
log-probability per token that :attr:`Hypothesis.score` asks for). The log-probabilities are
taken after disabled tokens (minimum length, no-repeat) are removed, i.e. renormalised.
A hypothesis cut to its own, smaller limit keeps the score of its whole decoded output.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from translator.backends.base import (
    Backend,
    BatchRequest,
    DecodeOptions,
    Hypothesis,
)
from translator.backends.ct2_convert import convert_model
from translator.backends.ct2_runtime import (
    ThreadLayout,
    default_thread_layout,
    import_ct2,
    resolve_compute_type,
    resolve_device,
)
from translator.backends.marian import (
    MarianTokens,
    check_model_files,
    cut_to_limit,
    load_tokenizer,
    model_beam_size,
    read_json,
)
from translator.backends.vocabulary import (
    DEFAULT_VOCABULARY,
    VMAP_FILE,
    resolve_vocabulary,
)
from translator.errors import (
    ModelLoadError,
)

logger = logging.getLogger(__name__)

#: Padded source tokens per CTranslate2 sub-batch (chosen by ``benchmarks/speed.py``).
DEFAULT_BATCH_TOKENS = 1024


class CTranslate2Backend(MarianTokens, Backend):
    """A Marian model run by CTranslate2: int8 on CPU, int8_float16 on CUDA by default.

    Args:
        model_dir: The Hugging Face model directory (converted on first use, then cached).
        device: "auto", "cpu", "cuda" or "cuda:N".
        compute_type: "auto" or one of :data:`COMPUTE_TYPES`.
        num_threads: Total CPU threads (None: all cores this process may use).
        inter_threads: Parallel workers (default: one per thread, see the module docstring).
        intra_threads: Threads per worker (default 1).
        batch_tokens: Padded source tokens per CTranslate2 sub-batch.
        name: Short model name for the cache folder (None: the directory's name).
        vocabulary: "target" (decode over the target vocabulary only, with the converted
            model's vocabulary map) or "full".
    """

    name = "ctranslate2"

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "auto",
        compute_type: str = "auto",
        num_threads: int | None = None,
        inter_threads: int | None = None,
        intra_threads: int | None = None,
        batch_tokens: int = DEFAULT_BATCH_TOKENS,
        name: str | None = None,
        vocabulary: str = DEFAULT_VOCABULARY,
    ) -> None:
        ct2 = import_ct2()
        model_dir = Path(model_dir)
        check_model_files(model_dir)
        use_target = resolve_vocabulary(vocabulary, model_dir) is not None
        ct2_device, index = resolve_device(device)
        self.device = ct2_device if ct2_device == "cpu" else f"cuda:{index}"
        self.compute_type = resolve_compute_type(compute_type, ct2_device)
        if ct2_device == "cpu":
            self.threads = default_thread_layout(
                num_threads, inter_threads=inter_threads, intra_threads=intra_threads
            )
        else:
            self.threads = ThreadLayout(inter_threads or 1, intra_threads or 1)
        self.batch_tokens = batch_tokens
        self.model_path = convert_model(
            model_dir, compute_type=self.compute_type, device=ct2_device, name=name
        )
        try:
            self.tokenizer = load_tokenizer(model_dir)
            self.translator = ct2.Translator(
                str(self.model_path),
                device=ct2_device,
                device_index=index,
                compute_type=self.compute_type,
                inter_threads=self.threads.inter_threads,
                intra_threads=self.threads.intra_threads,
            )
        except Exception as exc:
            raise ModelLoadError(
                f"Could not load the CTranslate2 model {self.model_path}: {exc}\n"
                "Fix: convert it again with `translator convert --force`, or use "
                "backend='transformers'."
            ) from exc
        self._use_vmap = use_target and (self.model_path / VMAP_FILE).is_file()
        self.vocabulary = "target" if self._use_vmap else "full"
        config = read_json(model_dir / "config.json")
        self.default_beam_size = model_beam_size(model_dir)
        self.max_positions = int(config.get("max_position_embeddings") or 512)
        self._eos = self.tokenizer.eos_token
        logger.info(
            "loaded %s with CTranslate2 on %s (%s, %d workers x %d threads, %s vocabulary)",
            self.model_path, self.device, self.compute_type,
            self.threads.inter_threads, self.threads.intra_threads, self.vocabulary,
        )

    def translate_batch(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        limits: Sequence[int] | None = None,
    ) -> list[Hypothesis]:
        """Translate one batch; outputs in input order."""
        return self.translate_batches(
            [BatchRequest(tuple(texts), options, tuple(limits) if limits else None)]
        )[0]

    def translate_batches(self, requests: Sequence[BatchRequest]) -> list[list[Hypothesis]]:
        """Submit every batch asynchronously, so all workers stay busy, then collect."""
        pending = []
        # Fewer batches than workers (a short text, the first window): split each batch
        # so that every worker gets a share, instead of one working while the others wait.
        parts = max(1, -(-self.threads.inter_threads // max(1, len(requests))))
        for request in requests:
            if not request.texts:
                pending.append([])
                continue
            ids = self.tokenizer(list(request.texts), add_special_tokens=True)["input_ids"]
            longest = max(len(x) for x in ids)
            budget = self.batch_tokens
            if parts > 1:
                share = -(-sum(len(x) for x in ids) // parts) + longest - 1
                budget = max(longest, min(budget, share))
            if longest > self.max_positions:
                raise ValueError(
                    f"An input of {longest} tokens is longer than the model's "
                    f"{self.max_positions} positions. Fix: cut it first (the engine does)."
                )
            options = request.options
            pending.append(
                self.translator.translate_batch(
                    [self.tokenizer.convert_ids_to_tokens(x) for x in ids],
                    max_batch_size=budget,
                    batch_type="tokens",
                    asynchronous=True,
                    beam_size=options.num_beams,
                    num_hypotheses=options.num_hypotheses,
                    no_repeat_ngram_size=options.no_repeat_ngram_size,
                    # CTranslate2's defaults cut input at 1024 and output at 256 tokens, and
                    # forbid ending at the first step; take the engine's limits instead.
                    max_input_length=self.max_positions,
                    max_decoding_length=options.max_new_tokens,
                    min_decoding_length=options.min_new_tokens,
                    return_end_token=True,
                    return_scores=True,
                    length_penalty=1,  # scores are then mean log-probabilities per token
                    use_vmap=self._use_vmap,
                )
            )
        results = []
        for request, futures in zip(requests, pending):
            limits = request.limits or [request.options.max_new_tokens] * len(request.texts)
            results.append([self._hypothesis(f.result(), n) for f, n in zip(futures, limits)])
        return results

    def _hypothesis(self, result, limit: int) -> Hypothesis:  # noqa: ANN001 - ct2 type
        """The best hypothesis (n-best: the others are its alternatives)."""
        (text, num, hit), *others = (self._decode(tokens, limit) for tokens in result.hypotheses)
        scores = [float(s) for s in result.scores] or [None]
        return Hypothesis(
            text, num, hit, tuple(other[0] for other in others),
            score=scores[0], alternative_scores=tuple(scores[1:len(others) + 1]),
        )

    def _decode(self, tokens: list[str], limit: int) -> tuple[str, int, bool]:
        if tokens and tokens[-1] == self._eos:
            tokens = tokens[:-1]
        # CTranslate2 stops at max_decoding_length without an end token.
        kept, hit = cut_to_limit(tokens, limit)
        ids = self.tokenizer.convert_tokens_to_ids(list(kept))
        return self.tokenizer.decode(ids, skip_special_tokens=True), len(kept), hit

    def close(self) -> None:
        """Unload the model."""
        translator = getattr(self, "translator", None)
        if translator is not None:
            translator.unload_model()
            self.translator = None  # type: ignore[assignment]

