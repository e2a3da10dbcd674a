"""Stage 6: answers. An exact query over records, extractive hybrid retrieval over passages, or a refusal."""
