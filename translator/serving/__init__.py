"""Serving many clients at once: the fair dispatcher and the one server start-up."""
