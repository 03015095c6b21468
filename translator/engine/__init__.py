"""The translation engine: options, identity, the sentence cache, decoding, the engine."""
