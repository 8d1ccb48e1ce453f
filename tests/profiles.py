"""Hypothesis profiles, and how many examples a property test draws.

* `ci` (CI=1, as `make test` and CI run): a fixed sequence of examples (derandomised), so a
  failure is reproducible; each test's own `max_examples`.
* `mutation` (BULLETIN_MUTATION=1, set by bench/mutation.py for `make mutation`): the same fixed
  sequence, but no shrinking (a mutant is killed by the first failing example; making it
  smaller only costs time), no example database (a mutant's failure must not be replayed
  against the next mutant), and at most BULLETIN_MUTATION_EXAMPLES generated examples per
  test (`examples`). The @example cases always run. Only mutation runs use it: what the
  suite checks in CI is unchanged.

Local runs without either draw new examples each time and so keep exploring.
"""

from __future__ import annotations

import os

from hypothesis import Phase, settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("mutation", derandomize=True, database=None, print_blob=False,
                          phases=(Phase.explicit, Phase.generate))

MUTATION = bool(os.environ.get("BULLETIN_MUTATION"))


def load() -> None:
    """Load the profile the environment asks for (conftest.py, before any test module)."""
    if MUTATION:
        settings.load_profile("mutation")
    elif os.environ.get("CI"):
        settings.load_profile("ci")


def examples(n: int) -> int:
    """A property test's `max_examples`: n, or under a mutation run at most the cap
    BULLETIN_MUTATION_EXAMPLES (unset or empty: n)."""
    cap = os.environ.get("BULLETIN_MUTATION_EXAMPLES", "") if MUTATION else ""
    return min(n, int(cap)) if cap else n
