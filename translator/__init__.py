"""indo-translator: offline Indonesian -> English translation with layout kept intact."""

__version__ = "0.1.0"
