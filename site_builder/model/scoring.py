"""ITA score and grade from indicator scores, using the framework's weights and bands."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from site_builder.schema.framework import FrameworkFile


def tool_scores(framework: FrameworkFile, scores: Mapping[int, float]) -> dict[str, float]:
    """Each tool's score: the mean of its indicators (e.g. OIT = mean of indicators 9 and 10)."""
    return {
        tool.code: sum(scores[n] for n in tool.indicators) / len(tool.indicators)
        for tool in framework.tools
    }


def overall_score(framework: FrameworkFile, scores: Mapping[int, float]) -> float:
    """Weighted sum of the tool scores, rounded half-up to two decimals as published."""
    by_tool = tool_scores(framework, scores)
    total = sum(tool.weight / 100 * by_tool[tool.code] for tool in framework.tools)
    return float(Decimal(repr(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def grade_for(framework: FrameworkFile, score: float) -> str:
    for band in sorted(framework.grade_bands, key=lambda b: b.min, reverse=True):
        if score >= band.min:
            return band.grade
    return framework.grade_bands[-1].grade
