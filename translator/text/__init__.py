"""The document model: sentences, layout, chunks and batches of text (no model, no I/O)."""
