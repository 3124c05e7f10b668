"""The ranking of a competition: plain arithmetic over plain numbers, free of Django.

Each indicator's figure (the mean of its periods) is scaled against the best entrant's
figure on it (100 for the best), weighted, and the weighted mean is the score. Equal
scores share a rank and the next rank is skipped (1, 1, 3), as a results board prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Standing:
    entrant: int
    score: Decimal
    rank: int


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def weighted_scores(values: dict[int, dict[int, list[Decimal]]],
                    indicators: dict[int, tuple[Decimal, bool]]) -> dict[int, Decimal]:
    """{entrant: score} from {entrant: {indicator: [value per period]}} and {indicator: (weight, higher_is_better)}.
    An entrant with no figure on an indicator scores nothing on it."""
    means = {e: {i: _mean(v) for i, v in by_ind.items() if v} for e, by_ind in values.items()}
    total_weight = sum((w for w, _h in indicators.values()), Decimal(0))
    scores: dict[int, Decimal] = {}
    for entrant, by_ind in means.items():
        points = Decimal(0)
        for ind, (weight, higher) in indicators.items():
            if ind not in by_ind:
                continue
            column = [m[ind] for m in means.values() if ind in m]
            value = by_ind[ind]
            if higher:
                best = max(column)
                scaled = HUNDRED if best <= 0 else value / best * HUNDRED
            else:
                best = min(column)
                scaled = HUNDRED if value <= 0 else best / value * HUNDRED
            points += weight * scaled
        score = points / total_weight if total_weight else Decimal(0)
        scores[entrant] = score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return scores


def standings(scores: dict[int, Decimal]) -> list[Standing]:
    """Highest score first; ties share a rank (1, 1, 3); equal scores keep the entrants' order."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    result: list[Standing] = []
    for position, (entrant, score) in enumerate(ordered, start=1):
        rank = result[-1].rank if result and result[-1].score == score else position
        result.append(Standing(entrant, score, rank))
    return result
