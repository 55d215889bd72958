"""The verdicts bench/targets.py prints for issue 9's targets."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from targets import Target


def test_a_maximum_is_met_at_or_below_it_and_missed_by_the_ratio_above():
    assert Target("peak", 250, 250, "MB").verdict() == "met"
    assert Target("time", 3.0, 1.5, "×").verdict() == "missed by × 2.00"


def test_a_speed_up_is_met_at_or_above_it_and_missed_by_the_ratio_below():
    assert Target("faster", 4.0, 4.0, "×", at_least=True).verdict() == "met"
    assert Target("faster", 2.0, 4.0, "×", at_least=True).verdict() == "missed by × 2.00"
    assert Target("faster", 2.0, 4.0, "×", at_least=True).row()[2] == "≥ 4 ×"
