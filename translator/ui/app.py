"""The Gradio page (the ``python app.py`` command line: :mod:`translator.ui.command`).

Gradio is imported only when :func:`build_app` runs, so importing this
module (or ``translator``) stays light.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from translator.errors import MissingDependencyError, TranslatorError
from translator.files.upload import FILE_FORMATS, is_binary_format
from translator.ui import render, review
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
from translator.ui.server import SHARE_NOTE
from translator.ui.service import EMPTY_HINT, TranslationService
from translator.ui.sidebyside import DOCUMENT_ORDER, ORDERS
from translator.ui.uploads import largest_upload, translate_upload

logger = logging.getLogger(__name__)
STOPPED = "Stopped: the rest of the text was not translated."


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
        "max_file_size": largest_upload(service),
        "footer_links": ["api"],
    }


def build_app(service: TranslationService, *, shared: bool = False) -> Any:
    """The Gradio Blocks of the app, wired to ``service``.

    Args:
        service: What the page does.
        shared: Served through a public ``--share`` link (the page says it has no REST API).

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

    # Stop and Clear end a page's stream through the service, never by killing it in
    # Gradio: its last update then says so after every update already on its way (killed,
    # an update sent just before could land after "Stopped" and undo it).
    ended_by: dict[str, str] = {}  # page session -> "stop" or "clear"

    def end(session: str, why: str) -> bool:
        ended_by[session] = why
        if service.cancel(session):
            return True
        ended_by.pop(session, None)  # nothing was running
        return False

    def last_update(session: str) -> Iterator[tuple[Any, ...]]:
        why = ended_by.pop(session, None)
        if why == "stop":
            yield gr.skip(), render.status(STOPPED, kind="hint"), gr.skip(), gr.skip(), gr.skip()
        elif why == "clear":
            yield ("", render.status(EMPTY_HINT, kind="hint"), render.side_by_side(None), None,
                   gr.skip())

    @with_request
    def on_start(request: Any) -> Any:
        service.cancel(request.session_hash)  # a new Translate replaces the running one
        return gr.update(interactive=True)

    @with_request
    def on_translate(text: str, beam: float, show: bool, terms: str, terms_file: str | None,
                     order: str, request: Any) -> Iterator[tuple[Any, ...]]:
        ended_by.pop(request.session_hash, None)
        try:
            glossary = review.page_glossary(terms, terms_file)
        except (TranslatorError, OSError) as exc:
            yield "", render.error_panel(str(exc)), gr.skip(), gr.skip(), gr.skip()
            return
        # Alternatives, when shown, come from the same beam search: one translation.
        for update in service.stream(text, beam_size=beam, session=request.session_hash,
                                     glossary=glossary, alternatives=3 if show else 0):
            if update.heartbeat:
                yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
                continue
            state, edits = gr.skip(), gr.skip()
            if update.document is not None:
                side = render.side_by_side(update.document, order=order)
                state, edits = update.document, ""  # a new text: no edits yet
            elif update.error is None and update.total and not update.done:
                side = render.status("Translating… the table appears when it is done.")
            else:
                side = gr.skip()
            yield update.translation, update.status, side, state, edits
        yield from last_update(request.session_hash)

    def api_translate(text: str) -> str:
        """Translate Indonesian text to English, keeping paragraphs and line layout."""
        try:
            return service.translate(text)
        except TranslatorError as exc:
            raise gr.Error(str(exc), print_exception=False) from exc

    def on_alternatives(text: str, beam: float, show: bool, terms: str,
                        terms_file: str | None, order: str, edits: str) -> tuple[Any, Any]:
        try:
            glossary = review.page_glossary(terms, terms_file)
            document = service.document(text, beam_size=beam, alternatives=3 if show else 0,
                                        glossary=glossary)
        except (TranslatorError, OSError) as exc:
            return render.error_panel(str(exc)), gr.skip()
        if document is None:
            return gr.skip(), gr.skip()
        return (render.side_by_side(document, edits=review.parse_edits(edits), order=order),
                document)

    def on_edits(document: Any, edits: str) -> Any:
        if document is None:
            return gr.skip()
        return review.apply_edits(document, review.parse_edits(edits)).translation

    def on_order(document: Any, edits: str, order: str) -> Any:
        if document is None:
            return gr.skip()
        return render.side_by_side(document, edits=review.parse_edits(edits), order=order)

    def on_save(document: Any, edits: str) -> str:
        kind, message = review.save_edits(service.translator, document,
                                          review.parse_edits(edits))
        return render.status(message, kind=kind)

    def on_xliff(document: Any, edits: str) -> tuple[Any, str]:
        if document is None:
            return None, render.status("Translate a text first: the XLIFF holds its "
                                       "sentences.", kind="hint")
        edited = review.apply_edits(document, review.parse_edits(edits))
        path = review.write_xliff_file(edited, service.output_dir())
        return str(path), render.status(
            f"XLIFF ready: download {path.name} below and open it in any CAT tool "
            "(OmegaT, Trados, memoQ...).", kind="ok")

    @with_request
    def on_done(request: Any) -> Any:
        return gr.update(interactive=service.running(request.session_hash))

    @with_request
    def on_stop(request: Any) -> tuple[Any, Any]:
        stopped = end(request.session_hash, "stop")
        message = STOPPED if stopped else "Nothing is being translated."
        return render.status(message, kind="hint"), gr.update(interactive=False)

    @with_request
    def on_clear(request: Any) -> tuple[Any, ...]:
        end(request.session_hash, "clear")
        return ("", "", render.status(EMPTY_HINT, kind="hint"), render.side_by_side(None),
                gr.update(interactive=False), None)

    @with_request
    def on_unload(request: Any) -> None:
        service.cancel(request.session_hash)  # the page was closed or reloaded

    def on_file(path: str | None, beam: float) -> Iterator[tuple[Any, str]]:
        # The translation runs beside this generator, which shows its progress.
        events: queue.SimpleQueue[tuple[int, int]] = queue.SimpleQueue()
        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(translate_upload, service, path, beam_size=beam,
                                 on_progress=lambda done, total: events.put((done, total)))
            name = Path(path).name if path else ""
            while not future.done():
                try:
                    done, total = events.get(timeout=0.25)
                except queue.Empty:
                    continue
                if total and done < total:
                    yield gr.skip(), render.progress_file(name, done, total)
            result = future.result()
        yield (str(result.path) if result.path else None), result.status

    formats = ", ".join(FILE_FORMATS)
    containers = ", ".join(ext for ext in FILE_FORMATS if is_binary_format("file" + ext))
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
        if shared:
            gr.HTML(render.status(SHARE_NOTE, kind="hint"), elem_id="it-shared-note")
        document = gr.State(None)  # the last translated document of this page
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
                with gr.Accordion("Glossary for this text", open=False, elem_id="it-terms-box"):
                    terms = gr.Textbox(
                        label="Terms for this text", lines=3, max_lines=12,
                        elem_id="it-terms",
                        placeholder="Badan Pusat Statistik = Statistics Indonesia\nBRIN = BRIN",
                        info="One term per line: source = target (or source<TAB>target); "
                        "a term equal to itself is kept as it is. Merged over the "
                        "server's glossary; used when you press Translate.",
                    )
                    terms_file = gr.File(label="…or a glossary file (TSV, CSV or TBX)",
                                         file_types=[".tsv", ".csv", ".tbx", ".txt"],
                                         type="filepath", elem_id="it-terms-file", height=120)
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
                order = gr.Radio(list(ORDERS), value=DOCUMENT_ORDER, label="Order of sentences",
                                 elem_id="it-order")
                side = gr.HTML(render.side_by_side(None), elem_id="it-side")
                edits = gr.Textbox("", visible="hidden", elem_id="it-edits",
                                   label="Edits (JSON)")
                with gr.Row():
                    save_btn = gr.Button("Save to memory", elem_id="it-save", min_width=160)
                    xliff_btn = gr.Button("Download XLIFF", elem_id="it-xliff", min_width=160)
                review_status = gr.HTML(
                    "" if review.memory_configured(service.translator)
                    else render.status(review.NO_MEMORY, kind="hint"),
                    elem_id="it-review-status")
                xliff_file = gr.File(label="XLIFF for review", interactive=False,
                                     elem_id="it-xliff-file")
            with gr.Tab("Files", id="files", elem_id="it-files-tab"):
                gr.Markdown(
                    f"**Accepted formats:** {formats}  \n"
                    f"**Largest file:** {_size(service.max_file_bytes)} for text files "
                    f"(about {service.max_chars:,} characters of text); "
                    f"{_size(largest_upload(service))} for {containers} (their images and "
                    f"styles take room; the text inside is still held to "
                    f"{service.max_chars:,} characters). Split larger files into parts.  \n"
                    "Charts, images and embedded objects are kept as they are, and the "
                    "result names them.  \n"
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
            on_translate, [source, beam, show_alternatives, terms, terms_file, order],
            [output, status, side, document, edits], trigger_mode="always_last",
            api_name="translate_stream", api_visibility="undocumented", show_progress="hidden",
        )
        run.then(on_done, None, stop_btn, queue=False, api_visibility="private")
        # Alternatives asked for after the translation: the table again, with them.
        again = [source, beam, show_alternatives, terms, terms_file, order, edits]
        show_alternatives.change(on_alternatives, again, [side, document],
                                 show_progress="minimal", api_visibility="private")
        # Review: edits (sent by the page's script) make the English follow; order, save,
        # XLIFF.
        edits.change(on_edits, [document, edits], output, show_progress="hidden",
                    trigger_mode="always_last", api_visibility="private")
        order.change(on_order, [document, edits, order], side, show_progress="hidden",
                     api_visibility="private")
        save_btn.click(on_save, [document, edits], review_status, api_visibility="private")
        xliff_btn.click(on_xliff, [document, edits], [xliff_file, review_status],
                        api_visibility="private")
        # Stop, Clear and leaving the page cancel it: on the page (nothing more from it
        # is shown) and in the dispatcher (the model stops working on it).
        stop_btn.click(on_stop, None, [status, stop_btn], queue=False, api_visibility="private")
        clear_btn.click(on_clear, None, [source, output, status, side, stop_btn, document],
                        js=CLEAR_JS, queue=False, api_visibility="private")
        demo.unload(on_unload)
        share_btn.click(None, source, share_note, js=SHARE_JS, queue=False)
        upload.upload(on_file, [upload, beam], [download, file_status],
                      api_name="translate_file")
    return demo
