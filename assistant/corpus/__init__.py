"""Stage 1: the corpus folder, its manifest, and the agency lexicon shared by every later stage."""
