"""Stage 8: evaluation: run the dev set, score it, report, compare."""
