"""`make mutation AREA=...` keeps one mutants/ folder per area (bench/mutation.py `claim`): a
finished run's verdicts survive any later `show`/`results` call of the same area, and switching
areas parks one area's folder and brings the other's back — never an area's work deleted."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _mutation():
    spec = importlib.util.spec_from_file_location("bench_mutation", ROOT / "bench" / "mutation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


claim = _mutation().claim


def _finished_run(root: Path, area: str) -> Path:
    claim(root, area)
    verdicts = root / "mutants" / "verdicts.meta"
    verdicts.write_text(f"{area} results\n")
    return verdicts


def test_the_same_area_claimed_again_keeps_its_verdicts(tmp_path):
    verdicts = _finished_run(tmp_path, "text")
    for _ in range(3):
        claim(tmp_path, "text")
    assert verdicts.read_text() == "text results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mutants"]


def test_another_area_parks_the_first_and_gives_it_back(tmp_path):
    _finished_run(tmp_path, "text")
    _finished_run(tmp_path, "compose")
    assert (tmp_path / "mutants.text" / "verdicts.meta").read_text() == "text results\n"
    claim(tmp_path, "text")
    assert (tmp_path / "mutants" / "verdicts.meta").read_text() == "text results\n"
    assert (tmp_path / "mutants.compose" / "verdicts.meta").read_text() == "compose results\n"


def test_a_folder_of_an_older_run_without_a_mark_is_the_text_areas(tmp_path):
    (tmp_path / "mutants").mkdir()
    (tmp_path / "mutants" / "verdicts.meta").write_text("old\n")
    claim(tmp_path, "text")
    assert (tmp_path / "mutants" / "verdicts.meta").read_text() == "old\n"


def test_calls_at_once_for_the_same_area_never_lose_the_verdicts(tmp_path):
    """Five helpers once ran `show` at the same moment in one worktree: one read the mark while
    another rewrote it, and a finished run's 2802 verdicts were parked under 'mutants.' and
    deleted."""
    verdicts = _finished_run(tmp_path, "text")
    errors = []

    def show():
        try:
            for _ in range(200):
                claim(tmp_path, "text")
        except Exception as error:           # noqa: BLE001 — the test reports any of them
            errors.append(error)

    threads = [threading.Thread(target=show) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert verdicts.read_text() == "text results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mutants"]
