"""Stage 5: question understanding. A question becomes an intent and exact filters, using the lexicon and
the text layer rather than an LLM, so the reading is deterministic and shown to the user."""
