"""`make mutation AREA=...`: mutmut over one area of the code at a time, whole or sampled.

mutmut (3.8) reads one configuration, [tool.mutmut] of pyproject.toml, and keeps its work in
one folder, mutants/. This script lets each area of the code have its own: the area's table
[tool.mutmut.areas.NAME] replaces `only_mutate` and the test selection of [tool.mutmut] (which
is the area `text`), and each area's mutants/ is parked as mutants.NAME/ while another area
runs, so its results are kept and a mutant is never tested against another area's copy.

    python bench/mutation.py AREA run [NAME...]      mutmut run (every mutant, or the named ones)
    python bench/mutation.py AREA sample N [SEED [MINUTES]]
                                                     mutmut run over N mutants drawn at random
                                                     (random.Random(SEED).sample over the sorted
                                                     names of all the area's mutants; SEED 16),
                                                     starting no new chunk after MINUTES
    python bench/mutation.py AREA rest [SEED [MINUTES [CHUNK]]]
                                                     after a full run stopped early: the mutants
                                                     with no result yet, in a random order
                                                     (random.Random(SEED).shuffle), CHUNK (40)
                                                     to a mutmut call, starting no new call
                                                     after MINUTES; the order drawn is kept as
                                                     the sample `tally` counts
    python bench/mutation.py AREA tally              the sample's counts and score
    python bench/mutation.py AREA results|show ...   any other mutmut command, for the area

A sample can be stopped at any time (`timeout`, Ctrl-C): the mutants done so far are the first
ones drawn, so still a random sample; the tally counts them and those not reached.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "sample.txt"  # inside mutants/: the names drawn, one a line, in the order drawn
MARK = ".area"  # inside mutants/: which area this copy belongs to
CHUNK = 40  # mutants a mutmut call runs in a sample (each call first runs their tests once, clean)


def areas() -> dict[str, dict]:
    """The areas pyproject.toml declares: `text` ([tool.mutmut] itself) and its [tool.mutmut.areas]."""
    table = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return {"text": {}, **table.get("areas", {})}


def claim(root: Path, area: str) -> None:
    """Make root/mutants the area's folder: another area's is parked as mutants.OTHER/, and the
    area's own, parked before, comes back. Done under an exclusive lock (mutants.lock beside
    it), and the mark naming the owner written whole: five `show` calls at once in one worktree
    once read the mark while it was being rewritten, took the empty name for another area's
    and parked, then deleted, a finished run's mutants/; calls switching area at once each
    parked and deleted what another had just parked."""
    import fcntl

    with open(root / "mutants.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        live = root / "mutants"
        mark = live / MARK
        owner = mark.read_text().strip() if mark.exists() else ("text" if live.exists() else None)
        if owner == area:
            return
        if owner is not None:
            parked = root / f"mutants.{owner}"
            shutil.rmtree(parked, ignore_errors=True)
            live.rename(parked)
        if (root / f"mutants.{area}").exists():
            (root / f"mutants.{area}").rename(live)
        live.mkdir(exist_ok=True)
        part = live / (MARK + ".part")
        part.write_text(area + "\n")
        part.replace(mark)


def use_area(area: str) -> None:
    """Make mutants/ the area's own copy and mutmut's configuration the area's."""
    overrides = areas()[area]
    claim(ROOT, area)

    import mutmut.configuration as configuration

    base = configuration._config_reader

    def reader():
        read = base()
        return lambda key, default: overrides[key] if key in overrides else read(key, default)

    configuration._config_reader = reader
    configuration.reset_config()


def all_mutant_names() -> list[str]:
    """Generate the area's mutants (as `mutmut run` does first) and return their names, sorted."""
    from mutmut import __main__ as mm
    from mutmut.utils import file_utils

    mm.set_mutant_under_test("mutant_generation")
    file_utils.copy_src_dir()
    file_utils.copy_also_copy_files()
    file_utils.setup_source_paths()
    mm.create_mutants(1)
    mutants, _ = mm.collect_source_file_mutation_data(mutant_names=())
    return sorted(name for _, name, _ in mutants)


def tally() -> None:
    """Counts of the sample by mutmut's status, and the score killed / (killed + survived + no tests)."""
    from mutmut import __main__ as mm
    from mutmut.stats import status_by_exit_code

    drawn = (ROOT / "mutants" / SAMPLE).read_text().split()
    mutants, _ = mm.collect_source_file_mutation_data(mutant_names=())
    result = {name: code for _, name, code in mutants}
    counts: dict[str, int] = {}
    by_module: dict[str, dict[str, int]] = {}
    for name in drawn:
        status = status_by_exit_code[result.get(name)]
        counts[status] = counts.get(status, 0) + 1
        module = name.split(".x_")[0].rsplit(".", 1)[-1] if ".x_" in name else name.split(".")[-2]
        by_module.setdefault(module, {}).setdefault(status, 0)
        by_module[module][status] += 1
        if status in ("survived", "no tests", "timeout", "suspicious"):
            print(f"{status:10} {name}")
    for module, c in sorted(by_module.items()):
        print(f"{module:16} {c}")
    print(f"drawn {len(drawn)}: {counts}")
    killed = counts.get("killed", 0)
    timeouts = counts.get("timeout", 0)
    tested = killed + timeouts + counts.get("survived", 0) + counts.get("no tests", 0)
    if tested:
        print(f"score (killed + timeouts) / tested: {killed + timeouts}/{tested} = {100 * (killed + timeouts) / tested:.1f} %")


#: generated examples per property test under mutation (tests/profiles.py; CI keeps each test's own)
EXAMPLES = "25"


def run_in_chunks(area: str, names: list[str], size: int, deadline: float, what: str) -> None:
    """`mutmut run` over `names` in order, `size` to a call (one child), starting no call after
    `deadline` (time.monotonic()): cut between calls, the mutants done are the first ones."""
    for start in range(0, len(names), size):
        if time.monotonic() > deadline:
            print(f"{area}: out of time after {start} of the {len(names)} {what}", flush=True)
            break
        chunk = names[start : start + size]
        subprocess.run([sys.executable, __file__, area, "run", "--max-children", "1", *chunk], check=True)
        print(f"{area}: {start + len(chunk)} of the {len(names)} {what} done", flush=True)


def main(argv: list[str]) -> None:
    import os

    os.chdir(ROOT)
    # the tests' `mutation` hypothesis profile: derandomised, no shrinking, no example database,
    # at most EXAMPLES generated examples a test (BULLETIN_MUTATION_EXAMPLES= for each test's own)
    os.environ["BULLETIN_MUTATION"] = "1"
    os.environ.setdefault("BULLETIN_MUTATION_EXAMPLES", EXAMPLES)
    if len(argv) < 2 or argv[0] not in areas():
        sys.exit(f"usage: mutation.py AREA COMMAND ... (AREA one of {', '.join(areas())})\n\n{__doc__}")
    area, command, rest = argv[0], argv[1], argv[2:]
    use_area(area)
    from mutmut import __main__ as mm

    if command == "sample":
        n, seed = int(rest[0]), int(rest[1]) if len(rest) > 1 else 16
        budget = float(rest[2]) * 60 if len(rest) > 2 else float("inf")
        began = time.monotonic()
        names = all_mutant_names()
        drawn = random.Random(seed).sample(names, min(n, len(names)))
        (ROOT / "mutants" / SAMPLE).write_text("\n".join(drawn) + "\n")
        print(f"{area}: {len(drawn)} of {len(names)} mutants drawn (seed {seed})", flush=True)
        # in the order drawn, CHUNK at a time: mutmut runs the mutants of one call fastest
        # first, so a run cut short would leave a sample biased to mutants few tests reach;
        # cut between calls, the mutants done are the first ones drawn, a random sample still.
        run_in_chunks(area, drawn, CHUNK, began + budget, "drawn")
    elif command == "rest":
        seed = int(rest[0]) if rest else 16
        budget = float(rest[1]) * 60 if len(rest) > 1 else float("inf")
        chunk_size = int(rest[2]) if len(rest) > 2 else 40
        began = time.monotonic()
        mutants, _ = mm.collect_source_file_mutation_data(mutant_names=())
        left = sorted(name for _, name, code in mutants if code is None)
        random.Random(seed).shuffle(left)
        (ROOT / "mutants" / SAMPLE).write_text("\n".join(left) + "\n")
        print(f"{area}: {len(left)} of {len(mutants)} mutants without a result, in random order (seed {seed})",
              flush=True)
        run_in_chunks(area, left, chunk_size, began + budget, "left")
    elif command == "tally":
        tally()
    else:
        mm.cli.main(args=[command, *rest], prog_name="mutmut")


if __name__ == "__main__":
    main(sys.argv[1:])
