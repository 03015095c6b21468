"""Serving many clients at once with one model: the fair dispatcher and its records."""
