"""Allocations: a parent target handed down to child units as quotas.

Pure arithmetic, no database: the caller fetches the values and passes them in.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, TypeVar

K = TypeVar("K", bound=Hashable)


class AllocationSummary(NamedTuple):
    """The quotas' sum, what is left to allocate, and whether the sum stands for the total.

    `gap` is the parent's value minus the sum: positive while quotas fall short of the
    parent's target, negative when they add up to more. `implied` is true when the parent
    printed no total (Hà Nội's 2024 graduate quotas): the sum is then the implied total.
    """

    total: Decimal
    gap: Decimal | None
    implied: bool


def allocation_summary(
    parent_value: Decimal | None, quotas: Iterable[Decimal | None]
) -> AllocationSummary:
    """(sum, gap, implied) of an allocation; quotas without a value are left out."""
    values = [q for q in quotas if q is not None]
    total = sum(values, Decimal(0))
    if parent_value is None:
        return AllocationSummary(total, None, bool(values))
    return AllocationSummary(total, parent_value - total, False)


def split_proportionally(
    total: Decimal, weights: Mapping[K, Decimal], places: int = 0
) -> dict[K, Decimal]:
    """Share `total` out in proportion to `weights`, the parts adding up to `total` exactly.

    Largest-remainder method: every key gets the whole quanta (10^-places) of its exact
    share, and the quanta left over go one each to the keys with the largest remainders
    (ties: the larger weight, then the order of `weights`). Zero weights all round (no
    basis) split evenly. `total` must be a whole number of quanta and nothing negative.
    """
    if places < 0:
        raise ValueError("places must not be negative")
    if total < 0:
        raise ValueError("the total must not be negative")
    if any(w < 0 for w in weights.values()):
        raise ValueError("weights must not be negative")
    quantum = Decimal(1).scaleb(-places)
    quanta = Fraction(total) / Fraction(quantum)
    if quanta.denominator != 1:
        raise ValueError(f"{total} is not a whole number of {quantum}")
    if not weights:
        if total:
            raise ValueError("nothing to split the total over")
        return {}
    keys = list(weights)
    fractions = {k: Fraction(weights[k]) for k in keys}
    weight_sum = sum(fractions.values(), Fraction(0))
    if weight_sum == 0:
        fractions = dict.fromkeys(keys, Fraction(1))
        weight_sum = Fraction(len(keys))
    exact = {k: quanta * fractions[k] / weight_sum for k in keys}
    floors = {k: exact[k].numerator // exact[k].denominator for k in keys}
    left = int(quanta) - sum(floors.values())
    order = sorted(
        range(len(keys)),
        key=lambda i: (-(exact[keys[i]] - floors[keys[i]]), -fractions[keys[i]], i),
    )
    for i in order[:left]:
        floors[keys[i]] += 1
    return {k: (Decimal(floors[k]) * quantum).quantize(quantum) for k in keys}
