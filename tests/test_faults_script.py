"""The fault suite (bench/faults.py) is run by hand; here only that it loads and reads its
arguments."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_faults", ROOT / "bench" / "faults.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_faults", module)
    spec.loader.exec_module(module)
    return module


def test_the_fault_suite_runs_every_check_by_default() -> None:
    args = _load().parse_args([])

    assert args.only == ["kill", "stop", "sigkill", "concurrent"]
    assert args.outage == 15.0
    assert args.clients == 8


def test_the_fault_suite_takes_a_subset_and_a_shorter_outage() -> None:
    args = _load().parse_args(["--only", "stop", "--outage", "3"])

    assert args.only == ["stop"]
    assert args.outage == 3.0


def test_the_fault_suite_judges_answers_by_the_issue_bounds() -> None:
    faults = _load()

    assert faults.MAX_ANSWER_S == 1.0
    assert faults.MAX_RECOVERY_S == 2.0
