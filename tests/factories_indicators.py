"""Department indicators for the tests, made through the service like on the page:
Hải Phòng's high-quality colleges and Mỹ Hào's network of institutions to hold at 26."""

from __future__ import annotations

from decimal import Decimal

from districts.scope import SYSTEM
from targets.indicators import IndicatorInput, indicator_create
from targets.models import Indicator
from tests.factories import unit_by_code


def department_indicator(
    code: str = "hp_high_quality_colleges",
    *,
    owner: str = "31",
    name_vi: str = "Trường cao đẳng thuộc thành phố đạt chất lượng cao",
    name_en: str = "City colleges of high quality",
    unit: str = "trường",
    kind: str = Indicator.Kind.COUNT,
    direction: str = Indicator.Dir.HIGHER,
    tolerance: Decimal | None = None,
    aliases: str = "",
    component_of: Indicator | None = None,
    part_of: Indicator | None = None,
) -> Indicator:
    return indicator_create(
        actor=SYSTEM,
        owner=unit_by_code(owner),
        code=code,
        data=IndicatorInput(
            name_vi=name_vi, name_en=name_en, unit=unit, kind=kind, direction=direction,
            tolerance=tolerance, aliases=aliases, component_of=component_of,
            part_of=part_of,
        ),
    )


def institutions_held(*, tolerance: Decimal = Decimal(1)) -> Indicator:
    """Hưng Yên's network of institutions, to hold near its target (Mỹ Hào: 26)."""
    return department_indicator(
        "hy_institutions_held",
        owner="33",
        name_vi="Số cơ sở GDNN duy trì",
        name_en="Vocational institutions kept",
        unit="cơ sở",
        kind=Indicator.Kind.LEVEL,
        direction=Indicator.Dir.HOLD,
        tolerance=tolerance,
    )
