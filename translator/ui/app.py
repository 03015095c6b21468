"""The Gradio page and the ``python app.py`` command line.

Gradio is imported only when :func:`build_app` or :func:`main` runs, so importing this
module (or ``translator``) stays light.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from translator.backends import BACKENDS
from translator.backends.ct2_runtime import COMPUTE_TYPES
from translator.backends.hub import DEFAULT_MODEL
from translator.errors import MissingDependencyError, TranslatorError, set_process_interface
from translator.files.upload import FILE_FORMATS
from translator.ui import render
from translator.ui.examples import EXAMPLES
from translator.ui.language import language_warning
from translator.ui.scripts import (
    CLEAR_JS,
    COUNT_JS,
    PAGE_JS,
    SHARE_JS,
    STORAGE_KEY,
    TRANSLATE_JS,
)
from translator.ui.server import add_api_arguments, serve
from translator.ui.service import DEFAULT_MAX_CHARS, EMPTY_HINT, TranslationService
from translator.ui.uploads import translate_upload

logger = logging.getLogger(__name__)

def _gradio() -> Any:
    try:
        import gradio
    except ImportError as exc:
        raise MissingDependencyError("gradio", "ui", "The web app") from exc
    return gradio


def _size(n: int) -> str:
    """Bytes for people: ``400 KB``, ``2.5 MB``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.3g} MB"
    return f"{max(1, round(n / 1000)):,} KB"


def theme() -> Any:
    """Gradio's Soft theme with every text and control at a contrast of at least 4.5:1."""
    gr = _gradio()
    return gr.themes.Soft().set(
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_300",
        input_placeholder_color="*neutral_600",
        input_placeholder_color_dark="*neutral_300",
        block_label_text_color="*primary_800",
        block_label_text_color_dark="*primary_100",
        block_title_text_color="*primary_800",
        block_title_text_color_dark="*primary_100",
        block_info_text_color="*neutral_600",
        block_info_text_color_dark="*neutral_300",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_700",
        button_primary_background_fill_hover_dark="*primary_800",
        button_primary_text_color="white",
        button_primary_text_color_dark="white",
        link_text_color="*primary_800",
        link_text_color_dark="*primary_200",
    )


def launch_options(service: TranslationService) -> dict[str, Any]:
    """Options of ``demo.launch`` that belong to the page: look, scripts, upload limit."""
    return {
        "css": render.CSS,
        "js": PAGE_JS % {"key": STORAGE_KEY},
        "theme": theme(),
        "max_file_size": service.max_file_bytes,
        "footer_links": ["api"],
    }


def build_app(service: TranslationService) -> Any:
    """The Gradio Blocks of the app, wired to ``service``.

    Returns:
        A ``gradio.Blocks`` (not launched, no queue settings applied; see
        :func:`launch_options` for the page's look and scripts).
    """
    gr = _gradio()

    def with_request(fn: Any) -> Any:
        # Gradio hands the request (and so the page session) to a parameter annotated
        # gr.Request; annotations are strings here, so set the real class.
        fn.__annotations__["request"] = gr.Request
        return fn

    @with_request
    def on_start(request: Any) -> Any:
        service.cancel(request.session_hash)  # a new Translate replaces the running one
        return gr.update(interactive=True)

    @with_request
    def on_translate(text: str, beam: float, request: Any) -> Iterator[tuple[Any, ...]]:
        for update in service.stream(text, beam_size=beam, session=request.session_hash):
            if update.heartbeat:
                yield gr.skip(), gr.skip(), gr.skip()
                continue
            if update.document is not None:
                side = render.side_by_side(update.document)
            elif update.error is None and update.total and not update.done:
                side = render.status("Translating… the table appears when it is done.")
            else:
                side = gr.skip()
            yield update.translation, update.status, side

    def api_translate(text: str) -> str:
        """Translate Indonesian text to English, keeping paragraphs and line layout."""
        try:
            return service.translate(text)
        except TranslatorError as exc:
            raise gr.Error(str(exc), print_exception=False) from exc

    def on_alternatives(text: str, beam: float, show: bool) -> Any:
        document = service.document(text, beam_size=beam, alternatives=3 if show else 0)
        return render.side_by_side(document) if document is not None else gr.skip()

    def after_translation(text: str, beam: float, show: bool) -> Any:
        return on_alternatives(text, beam, show) if show else gr.skip()

    @with_request
    def on_done(request: Any) -> Any:
        return gr.update(interactive=service.running(request.session_hash))

    @with_request
    def on_stop(request: Any) -> tuple[Any, Any]:
        stopped = service.cancel(request.session_hash)
        message = ("Stopped: the rest of the text was not translated." if stopped
                   else "Nothing is being translated.")
        return render.status(message, kind="hint"), gr.update(interactive=False)

    @with_request
    def on_clear(request: Any) -> tuple[Any, ...]:
        service.cancel(request.session_hash)
        return ("", "", render.status(EMPTY_HINT, kind="hint"), render.side_by_side(None),
                gr.update(interactive=False))

    @with_request
    def on_unload(request: Any) -> None:
        service.cancel(request.session_hash)  # the page was closed or reloaded

    def on_file(path: str | None, beam: float) -> tuple[Any, str]:
        result = translate_upload(service, path, beam_size=beam)
        return (str(result.path) if result.path else None), result.status

    formats = ", ".join(FILE_FORMATS)
    count_js = COUNT_JS % {"max": service.max_chars, "ready": str(service.ready).lower(),
                           "key": STORAGE_KEY}
    with gr.Blocks(title="Indonesian → English translator", analytics_enabled=False,
                   delete_cache=(3600, 3600)) as demo:
        # The public API first, so the API page starts with it.
        gr.api(api_translate, api_name="translate")
        gr.Markdown(
            "# Indonesian → English translator\n"
            "Paste an Indonesian text: the English keeps its paragraphs, lists, captions "
            "and line breaks. Runs offline.", elem_id="it-title",
        )
        gr.HTML(render.error_panel(service.load_error or ""), visible=not service.ready,
                elem_id="it-load-error")
        with gr.Tabs():
            with gr.Tab("Translate", id="translate"):
                with gr.Row():
                    with gr.Column():
                        source = gr.Textbox(
                            label="Indonesian", lines=12, max_lines=30, elem_id="it-source",
                            placeholder="Tempel teks berbahasa Indonesia di sini… "
                            "(Ctrl+Enter translates)",
                            html_attributes=gr.InputHTMLAttributes(lang="id"),
                        )
                        count = gr.HTML(
                            f"0 / {service.max_chars:,} characters · 0 words",
                            elem_id="it-count",
                        )
                        language = gr.HTML("", elem_id="it-language")
                        with gr.Row():
                            # 120 px: four in a row beside the output, two by two on phones.
                            translate_btn = gr.Button(
                                "Translate", variant="primary", elem_id="it-translate",
                                interactive=service.ready, min_width=120,
                            )
                            stop_btn = gr.Button("Stop", elem_id="it-stop", interactive=False,
                                                 min_width=120)
                            clear_btn = gr.Button("Clear", elem_id="it-clear", min_width=120)
                            share_btn = gr.Button("Share link", elem_id="it-share",
                                                  min_width=120)
                        share_note = gr.HTML("", elem_id="it-share-note")
                    with gr.Column():
                        output = gr.Textbox(
                            label="English", lines=12, max_lines=30, interactive=True,
                            buttons=["copy"], elem_id="it-output",
                            placeholder="The English translation appears here.",
                            html_attributes=gr.InputHTMLAttributes(lang="en"),
                        )
                        status = gr.HTML(render.status(EMPTY_HINT, kind="hint"),
                                         elem_id="it-status")
                gr.Examples(
                    examples=[[text] for _, text in EXAMPLES],
                    example_labels=[label for label, _ in EXAMPLES],
                    inputs=[source], label="Examples (one click loads the text)",
                )
            with gr.Tab("Side by side", id="side", elem_id="it-side-tab"):
                show_alternatives = gr.Checkbox(
                    False, label="Show up to 3 alternative translations of each sentence",
                    info="From the same beam search; open a sentence's list to see them.",
                    elem_id="it-alternatives",
                )
                side = gr.HTML(render.side_by_side(None), elem_id="it-side")
            with gr.Tab("Files", id="files", elem_id="it-files-tab"):
                gr.Markdown(
                    f"**Accepted formats:** {formats}  \n"
                    f"**Largest file:** {_size(service.max_file_bytes)} "
                    f"(about {service.max_chars:,} characters of text); split larger files "
                    "into parts.  \n"
                    "The translation keeps the file's format and layout and is named after "
                    "it (`berita.txt` → `berita.en.txt`).",
                    elem_id="it-files-info",
                )
                upload = gr.File(label="File to translate", file_types=list(FILE_FORMATS),
                                 type="filepath", elem_id="it-upload")
                file_status = gr.HTML("", elem_id="it-file-status")
                download = gr.File(label="Translated file", interactive=False,
                                   elem_id="it-download")
        with gr.Accordion("Advanced", open=False):
            beam = gr.Slider(
                1, 8, step=1, value=service.default_beam_size, label="Beam size",
                info="More beams: slightly better translations, slower. "
                "The default is the model's own.",
            )
            gr.Markdown(service.info_line(), elem_id="it-info")

        source.change(None, source, count, js=count_js, queue=False)
        # Not Indonesian? Said as soon as the text is there, before anyone waits.
        source.change(language_warning, source, language, queue=False,
                      trigger_mode="always_last", show_progress="hidden",
                      api_visibility="private")
        # Translate: cancel this page's running translation at once (its stream then ends
        # without another update), then stream the new one as soon as the old one is over.
        started = translate_btn.click(on_start, None, stop_btn, js=TRANSLATE_JS,
                                      queue=False, api_visibility="private")
        run = started.then(
            on_translate, [source, beam], [output, status, side], trigger_mode="always_last",
            api_name="translate_stream", api_visibility="undocumented", show_progress="hidden",
        )
        run.then(on_done, None, stop_btn, queue=False, api_visibility="private")
        # Alternatives: the side-by-side table again, with them, when asked for.
        run.success(after_translation, [source, beam, show_alternatives], side,
                    show_progress="hidden", api_visibility="private")
        show_alternatives.change(on_alternatives, [source, beam, show_alternatives], side,
                                 show_progress="minimal", api_visibility="private")
        # Stop, Clear and leaving the page cancel it: on the page (nothing more from it
        # is shown) and in the dispatcher (the model stops working on it).
        stop_btn.click(on_stop, None, [status, stop_btn], cancels=[run], queue=False,
                       api_visibility="private")
        clear_btn.click(on_clear, None, [source, output, status, side, stop_btn],
                        cancels=[run], js=CLEAR_JS, queue=False, api_visibility="private")
        demo.unload(on_unload)
        share_btn.click(None, source, share_note, js=SHARE_JS, queue=False)
        upload.upload(on_file, [upload, beam], [download, file_status],
                      api_name="translate_file")
    return demo


def build_parser() -> argparse.ArgumentParser:
    """The options of ``python app.py``."""
    parser = argparse.ArgumentParser(
        prog="app.py", description="Web app: Indonesian -> English translation in a browser."
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="hub id or local directory")
    parser.add_argument("--backend", default="auto", choices=BACKENDS,
                        help="auto (default): ctranslate2 when installed, else transformers")
    parser.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                        help="ctranslate2 only: auto (int8 on CPU, int8_float16 on CUDA), ...")
    parser.add_argument("--vocabulary", default="target", choices=("target", "full"),
                        help="target (default): decode over the model's English pieces only "
                        "(lossless, faster); full: every piece")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to serve on (0.0.0.0 for all interfaces)")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--share", action="store_true",
                        help="also create a public gradio.live link")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help="largest text accepted, in characters")
    parser.add_argument("--beam-size", type=int, default=None,
                        help="default beams per sentence (default: the model's own)")
    parser.add_argument("--concurrency", type=int, default=32,
                        help="requests handled at once (they share model batches)")
    # Benchmarks only: random weights never stop, so force the output length.
    parser.add_argument("--fixed-output-tokens", type=int, default=None,
                        help=argparse.SUPPRESS)
    parser.add_argument("--max-wait-ms", type=float, default=5.0, help=argparse.SUPPRESS)
    add_api_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, load the model once, serve the app until interrupted."""
    args = build_parser().parse_args(argv)
    set_process_interface("app")  # fixes say `python app.py --model DIR`, not Python calls
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _gradio()  # fail early, before loading the model, when gradio is missing
    print(f"Loading {args.model} ...", file=sys.stderr, flush=True)
    service = TranslationService.load(
        args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
        compute_type=args.compute_type, vocabulary=args.vocabulary,
        fixed_output_tokens=args.fixed_output_tokens, max_chars=args.max_chars,
        max_wait=args.max_wait_ms / 1000,
    )
    if not service.ready:
        print(f"error: {service.load_error}", file=sys.stderr)
        print("The app starts anyway and shows this message on its page.", file=sys.stderr,
              flush=True)
    else:
        print(service.info_line(), file=sys.stderr, flush=True)
    demo = build_app(service)
    demo.max_threads = max(40, 2 * args.concurrency)
    demo.queue(default_concurrency_limit=args.concurrency, max_size=16 * args.concurrency)
    try:
        # The page and the REST API from one process and one model (translator.ui.server).
        serve(demo, service, args, **launch_options(service))
    except KeyboardInterrupt:
        pass
    finally:
        service.close()
    return 0
