"""The reference backend: Hugging Face transformers and PyTorch.

With ``vocabulary="target"`` (the default) the model's output layer is cut to the target
vocabulary (:mod:`translator.backends.sliced`) and ``generate()`` runs in that smaller id
space; outputs are mapped back to full ids before decoding. Each hypothesis's score (the mean
log-probability per output token, end-of-sentence included) comes from
:mod:`translator.backends.torch_scores`, which records only each step's few best
log-probabilities instead of ``output_scores``' whole vocabulary rows.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from translator.backends.base import Backend, DecodeOptions, Hypothesis, check_device_name
from translator.backends.marian import (
    MarianTokens,
    check_model_files,
    cut_to_limit,
    load_tokenizer,
    model_beam_size,
)
from translator.backends.vocabulary import DEFAULT_VOCABULARY, resolve_vocabulary
from translator.errors import (
    InvalidOptionError,
    MissingDependencyError,
    ModelLoadError,
    option_fix,
)

logger = logging.getLogger(__name__)



def resolve_torch_device(device: str) -> str:
    """Turn "auto" into "cuda" when a GPU is usable, else "cpu"; pass others through."""
    check_device_name(device)
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise InvalidOptionError(
            "device", device, f"Device {device!r} was asked for, but no CUDA GPU is usable.",
            option_fix("device", "cpu", before="use", after=" (or auto)"),
        )
    return device


class TransformersBackend(MarianTokens, Backend):
    """A Marian model run by ``transformers`` on CPU (float32) or CUDA (float16).

    Args:
        model_dir: Directory with the model's config, weights and tokenizer files.
        device: "auto", "cpu", "cuda" or "cuda:N".
        num_threads: Torch intra-op CPU threads (None leaves torch's default).
        vocabulary: "target" (an output layer cut to the target vocabulary) or "full".
    """

    name = "transformers"

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "auto",
        num_threads: int | None = None,
        vocabulary: str = DEFAULT_VOCABULARY,
    ) -> None:
        try:
            import torch
            from transformers import MarianMTModel
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # pragma: no cover - base dependencies
            raise MissingDependencyError(
                "transformers", "", "The transformers backend"
            ) from exc

        self._torch = torch
        if num_threads:
            torch.set_num_threads(num_threads)
        self.device = resolve_torch_device(device)
        dtype = torch.float16 if self.device.startswith("cuda") else torch.float32
        self.compute_type = "float16" if dtype is torch.float16 else "float32"
        hf_logging.disable_progress_bar()
        check_model_files(model_dir)
        target = resolve_vocabulary(vocabulary, Path(model_dir))
        try:
            self.tokenizer = load_tokenizer(model_dir)
            model = MarianMTModel.from_pretrained(str(model_dir), dtype=dtype)
        except Exception as exc:  # corrupt files fail in many ways
            raise ModelLoadError(
                f"Could not load a Marian model from {model_dir}: {exc}\n"
                "Fix: check that the directory holds config.json, the weights "
                "(model.safetensors or pytorch_model.bin), source.spm, target.spm and "
                "vocab.json, or download it again with `translator download --force`."
            ) from exc
        # Every call passes max_new_tokens; the model's own max_length (512 for opus-mt)
        # would only make transformers warn about the two on every batch.
        model.generation_config.max_length = None
        self.model = model.to(self.device).eval()
        self.default_beam_size = model_beam_size(model_dir)
        self.max_positions = int(self.model.config.max_position_embeddings)
        self._sliced = None
        self._generation_config = None
        if target is not None:
            from translator.backends.sliced import slice_output

            self._sliced = slice_output(self.model, target.ids)
            self._generation_config = self._sliced.generation_config(
                self.model.generation_config
            )
        self.vocabulary = "full" if self._sliced is None else "target"
        self._eos = int(self.model.config.eos_token_id)
        self._pad = int(self.model.config.pad_token_id)
        logger.info("loaded %s with transformers on %s (%s, %s vocabulary)", model_dir,
                    self.device, dtype, self.vocabulary)

    def translate_batch(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        limits: Sequence[int] | None = None,
    ) -> list[Hypothesis]:
        """Translate one batch with ``model.generate``; outputs in input order."""
        if not texts:
            return []
        from translator.backends.torch_scores import ScoreRecorder, token_log_probs

        torch = self._torch
        inputs = self.tokenizer(list(texts), return_tensors="pt", padding=True)
        inputs = {k: v.to(self.device) for k, v in inputs.items()}
        n = options.num_hypotheses
        beams = options.num_beams
        recorder = ScoreRecorder(1 if beams == 1 else 2 * beams)
        with torch.inference_mode():
            out = self.model.generate(
                **inputs,
                generation_config=self._generation_config,
                num_beams=beams,
                max_new_tokens=options.max_new_tokens,
                min_new_tokens=options.min_new_tokens or None,
                no_repeat_ngram_size=options.no_repeat_ngram_size or None,
                # Without this, transformers forces </s> at the limit and a cut-off output
                # would look complete.
                forced_eos_token_id=None,
                num_return_sequences=n,
                logits_processor=[recorder],
                return_dict_in_generate=True,
            )
        tokens = out.sequences[:, 1:]  # drop the decoder start token; n rows per input
        beam_indices = getattr(out, "beam_indices", None) if beams > 1 else None
        log_probs = token_log_probs(recorder, tokens, beam_indices).tolist()
        if self._sliced is not None:
            tokens = self._sliced.to_full(tokens)
        rows = tokens.tolist()
        hyps = []
        limits = limits or [options.max_new_tokens] * len(texts)
        for i, limit in enumerate(limits):
            group = [
                self._decode(row, lp, limit)
                for row, lp in zip(rows[i * n : (i + 1) * n], log_probs[i * n : (i + 1) * n])
            ]
            (text, num, hit, score), *others = group
            hyps.append(Hypothesis(
                text, num, hit, tuple(o[0] for o in others), score=score,
                alternative_scores=tuple(o[3] for o in others)
                if all(o[3] is not None for o in others) else (),
            ))
        return hyps

    def _decode(
        self, row: list[int], log_probs: list[float], limit: int
    ) -> tuple[str, int, bool, float | None]:
        """One output row -> (text, tokens, hit the limit, mean log-probability)."""
        from translator.backends.torch_scores import mean_score

        n = len(row)
        ended = False
        for j, tok in enumerate(row):
            if tok in (self._eos, self._pad):
                n, ended = j, tok == self._eos
                break
        ids, hit = cut_to_limit(row[:n], limit)
        # Over the whole decoded output, end-of-sentence included when it ended by itself,
        # even when cut to its own smaller limit (as CTranslate2 reports it).
        score = mean_score(log_probs, n + ended)
        return self.tokenizer.decode(ids, skip_special_tokens=True), len(ids), hit, score

    def close(self) -> None:
        """Drop the model so its memory can be freed."""
        self.model = None  # type: ignore[assignment]
        if self.device.startswith("cuda"):
            self._torch.cuda.empty_cache()

