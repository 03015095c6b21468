"""The web app (``python app.py``): handlers, rendering and the Gradio layout.

Everything but :mod:`translator.ui.app` is plain Python and testable without Gradio;
:mod:`translator.ui.app` imports Gradio only when the app is built.
"""
