"""Real-coverage evaluation: the corpus manifest, its cache, gold labels, and scoring the engine on them."""
