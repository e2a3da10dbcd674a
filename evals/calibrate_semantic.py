"""Where to set `AnsweringSettings.min_similarity`: how similar unrelated English phrases get to corpus names.

An English phrase links to the Chinese name it is most similar to (e5, phrase as a query, name as
a passage) only above `min_similarity`. The threshold should sit above what phrases about nothing in
the corpus reach, so this script embeds a null set (everyday English phrases no city policy
document is about, written for this purpose, not taken from any question set) against every name
of the gazetteer, and prints the distribution of each phrase's best similarity.

    .venv/bin/python evals/calibrate_semantic.py [--json out.json]
"""

import argparse
import json
import sys

import numpy as np

from assistant.answering.service import Assistant
from assistant.config import Settings
from assistant.index.store import open_index

NULL_PHRASES = [
    "chocolate cake recipe", "football world cup", "guitar chords", "wedding dress", "cat food brands",
    "mountain hiking boots", "pizza delivery", "video game console", "knitting patterns", "stock market crash",
    "movie soundtrack", "coffee beans", "yoga poses", "car engine oil", "birthday party ideas", "space telescope",
    "dinosaur fossils", "sushi restaurant", "tennis racket", "smartphone battery", "weather forecast",
    "ocean tides", "poetry contest", "fashion week", "dog grooming", "lottery numbers", "volcano eruption",
    "camping tent", "jazz concert", "horror novel", "population of the city", "mayor's birthday",
    "ticket prices", "chess opening", "ice cream flavours", "pirate ship", "solar eclipse", "skateboard tricks",
]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args(argv)
    settings = Settings()
    index = open_index(settings, show_progress=False)
    assistant = Assistant(index, settings)
    names = sorted({e.text for e in assistant.sources.vocabulary.gazetteer.entries
                    if not e.text.isascii() and e.kind not in ("field", "noun", "doc_field")})
    best = []
    for phrase in NULL_PHRASES:
        ranked = assistant.sources.matcher.rank(phrase, names)
        best.append(ranked[0][1])
        print(f"{ranked[0][1]:.3f}  {phrase!r} → {ranked[0][0]}")
    scores = np.array(best)
    figures = {"names": len(names), "phrases": len(best), "max": float(scores.max()),
               "p95": float(np.percentile(scores, 95)), "p50": float(np.percentile(scores, 50)),
               "min_similarity": settings.answering.min_similarity}
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
