"""Where to set `AnsweringSettings.min_similarity`: how similar unrelated English phrases get to corpus names.

An English phrase links to the Chinese name it is most similar to (e5, phrase as a query, name as
a passage) only above `min_similarity`, and only among the names under the passages retrieval ranks
first for the ask. The threshold should sit above what phrases about nothing in the corpus reach,
so this script takes a null set (everyday English phrases no city policy document is about, written
for this purpose, not taken from any question set), asks each as `What about <phrase>?`, and prints
each phrase's best similarity twice: among the names `cross_links` would consider, and among every
name of the gazetteer. The share of null phrases that would link is the false-link rate.

    .venv/bin/python evals/calibrate_semantic.py [--json out.json]
"""

import argparse
import json
import sys

import numpy as np

from assistant.answering.citations import Citations
from assistant.answering.context import Request
from assistant.answering.gather.crosslingual import cross_links
from assistant.answering.service import Assistant
from assistant.config import Settings
from assistant.index.store import open_index
from assistant.understanding.reading import read_question

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
    best, linked = [], []
    for phrase in NULL_PHRASES:
        ranked = assistant.sources.matcher.rank(phrase, names)
        best.append(ranked[0][1])
        reading = read_question(f"What about {phrase}?", [], assistant.sources.vocabulary)[0]
        links = cross_links(Request(assistant.sources, reading, Citations(assistant.sources.documents)))
        linked.append(bool(links))
        print(f"{ranked[0][1]:.3f}  {phrase!r} → {ranked[0][0]}; linked in use: {[l.entry.text for l in links][:1]}")
    scores = np.array(best)
    figures = {"names": len(names), "phrases": len(best), "all_names_max": float(scores.max()),
               "all_names_p95": float(np.percentile(scores, 95)), "all_names_p50": float(np.percentile(scores, 50)),
               "false_link_rate_in_use": sum(linked) / len(linked),
               "min_similarity": settings.answering.min_similarity}
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
