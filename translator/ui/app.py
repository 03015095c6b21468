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
from translator.backends.ctranslate2 import COMPUTE_TYPES
from translator.errors import MissingDependencyError, TranslatorError, set_process_interface
from translator.files.upload import FILE_FORMATS
from translator.hub import DEFAULT_MODEL
from translator.ui import render
from translator.ui.examples import EXAMPLES
from translator.ui.server import add_api_arguments, serve
from translator.ui.service import DEFAULT_MAX_CHARS, EMPTY_HINT, TranslationService

logger = logging.getLogger(__name__)

#: Ctrl+Enter (Cmd+Enter on a Mac) presses Translate, wherever the focus is.
SHORTCUT_JS = """
() => {
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      const button = document.getElementById('it-translate');
      if (button) { event.preventDefault(); button.click(); }
    }
  });
}
"""

#: Live character and word count of the input, computed in the browser.
COUNT_JS = """
(text) => {
  const chars = (text || '').length;
  const words = (text || '').trim() ? text.trim().split(/\\s+/).length : 0;
  return `${chars.toLocaleString('en')} characters · ${words.toLocaleString('en')} words`;
}
"""


def _gradio() -> Any:
    try:
        import gradio
    except ImportError as exc:
        raise MissingDependencyError("gradio", "ui", "The web app") from exc
    return gradio


def build_app(service: TranslationService) -> Any:
    """The Gradio Blocks of the app, wired to ``service``.

    Returns:
        A ``gradio.Blocks`` (not launched, no queue settings applied).
    """
    gr = _gradio()

    def on_translate(text: str, beam: float) -> Iterator[tuple[Any, Any, Any]]:
        for update in service.stream(text, beam_size=beam):
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

    def on_clear() -> tuple[str, str, str, str]:
        return "", "", render.status(EMPTY_HINT, kind="hint"), render.side_by_side(None)

    def on_file(path: str | None, beam: float) -> tuple[Any, str]:
        result = service.translate_file(path, beam_size=beam)
        return (str(result.path) if result.path else None), result.status

    formats = ", ".join(FILE_FORMATS)
    with gr.Blocks(title="Indonesian → English translator", analytics_enabled=False,
                   delete_cache=(3600, 3600)) as demo:
        gr.Markdown(
            "## Indonesian → English translator\n"
            "Paste an Indonesian text: the English keeps its paragraphs, lists, captions "
            "and line breaks. Runs offline."
        )
        gr.HTML(render.error_panel(service.load_error or ""), visible=not service.ready,
                elem_id="it-load-error")
        with gr.Tabs():
            with gr.Tab("Translate", id="translate"):
                with gr.Row():
                    with gr.Column():
                        source = gr.Textbox(
                            label="Indonesian", lines=14, max_lines=40, elem_id="it-source",
                            placeholder="Tempel teks berbahasa Indonesia di sini… "
                            "(Ctrl+Enter translates)",
                        )
                        count = gr.Markdown("0 characters · 0 words", elem_id="it-count")
                        with gr.Row():
                            translate_btn = gr.Button(
                                "Translate", variant="primary", elem_id="it-translate"
                            )
                            clear_btn = gr.Button("Clear", elem_id="it-clear")
                    with gr.Column():
                        output = gr.Textbox(
                            label="English", lines=14, max_lines=40, interactive=False,
                            buttons=["copy"], elem_id="it-output",
                        )
                        status = gr.HTML(render.status(EMPTY_HINT, kind="hint"),
                                         elem_id="it-status")
                gr.Examples(
                    examples=[[text] for _, text in EXAMPLES],
                    example_labels=[label for label, _ in EXAMPLES],
                    inputs=[source], label="Examples (one click loads the text)",
                )
            with gr.Tab("Side by side", id="side", elem_id="it-side-tab"):
                side = gr.HTML(render.side_by_side(None), elem_id="it-side")
            with gr.Tab("Files", id="files", elem_id="it-files-tab"):
                gr.Markdown(
                    f"Upload a file ({formats}); the translation keeps its format and "
                    "layout and is named after it (`berita.txt` → `berita.en.txt`)."
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

        source.change(None, source, count, js=COUNT_JS, queue=False)
        translate_btn.click(
            on_translate, [source, beam], [output, status, side],
            api_name="translate_stream", show_progress="hidden",
        )
        clear_btn.click(on_clear, None, [source, output, status, side], queue=False,
                        api_visibility="private")
        upload.upload(on_file, [upload, beam], [download, file_status],
                      api_name="translate_file")
        gr.api(api_translate, api_name="translate")
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
    gr = _gradio()
    print(f"Loading {args.model} ...", file=sys.stderr, flush=True)
    service = TranslationService.load(
        args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
        compute_type=args.compute_type,
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
        serve(demo, service, args, css=render.CSS, js=SHORTCUT_JS, theme=gr.themes.Soft(),
              footer_links=["api"])
    except KeyboardInterrupt:
        pass
    finally:
        service.close()
    return 0
