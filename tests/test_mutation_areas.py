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


MUTATION = _mutation()
claim, MARK = MUTATION.claim, MUTATION.MARK


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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mutants", "mutants.lock"]     # nothing parked


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


def _at_once(calls) -> list[BaseException]:
    """Run `calls` in six threads started together; the exceptions they raised."""
    errors = []
    start = threading.Barrier(6)

    def run():
        start.wait()
        try:
            calls()
        except Exception as error:           # noqa: BLE001 — the test reports any of them
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_calls_at_once_switching_area_park_the_first_areas_verdicts_once(tmp_path):
    """Six `show` calls of another area at once: one parks the text area's folder, the others
    find it parked — none deletes what another just parked (a second reading found 200 of 200
    trials losing it before the lock)."""
    for _ in range(20):
        root = tmp_path / f"trial{_}"
        root.mkdir()
        _finished_run(root, "text")
        assert _at_once(lambda: claim(root, "compose")) == []
        assert (root / "mutants.text" / "verdicts.meta").read_text() == "text results\n"
        assert (root / "mutants" / MARK).read_text() == "compose\n"


def test_first_calls_at_once_make_one_folder(tmp_path):
    assert _at_once(lambda: claim(tmp_path, "compose")) == []
    assert (tmp_path / "mutants" / MARK).read_text() == "compose\n"


def test_calls_at_once_for_the_same_area_never_lose_the_verdicts(tmp_path):
    """Five helpers once ran `show` at the same moment in one worktree: one read the mark while
    another rewrote it, and a finished run's 2802 verdicts were parked under 'mutants.' and
    deleted."""
    verdicts = _finished_run(tmp_path, "text")

    def show():
        for _ in range(200):
            claim(tmp_path, "text")

    assert _at_once(show) == []
    assert verdicts.read_text() == "text results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mutants", "mutants.lock"]     # nothing parked
