"""Translation driven from other tools: pandas and datasets, Ray, sacrebleu evaluation."""
