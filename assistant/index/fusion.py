"""Reciprocal-rank fusion: combines rankings without having to calibrate BM25 scores against cosines."""

from collections.abc import Mapping, Sequence

RRF_K = 60


def reciprocal_rank_fusion(rankings: Mapping[str, Sequence[int]], k: int = RRF_K) -> list[tuple[int, float, dict[str, int]]]:
    """Fuse ranked lists of passage positions.

    Returns (position, fused score, {retriever: 1-based rank}) sorted best first; ties keep the
    order of the first retriever that found the passage, so results are deterministic.
    """
    fused: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, ranking in rankings.items():
        for rank, position in enumerate(ranking, start=1):
            fused[position] = fused.get(position, 0.0) + 1.0 / (k + rank)
            ranks.setdefault(position, {})[name] = rank
    order = sorted(fused, key=lambda p: -fused[p])
    return [(p, fused[p], ranks[p]) for p in order]
