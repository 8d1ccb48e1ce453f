"""The preflight's findings and report (plain data, serialisable to JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Literal["fault", "warning"]
    code: str                    # stable id: rgb-colour, font-not-embedded, kinsoku-start…
    message: str
    page: int | None = None


@dataclass(slots=True)
class Report:
    file: str
    pages: int
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def faults(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "fault"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def add(self, severity: str, code: str, message: str, page: int | None = None) -> None:
        self.findings.append(Finding(severity, code, message, page))

    def to_dict(self) -> dict:
        return {"file": self.file, "pages": self.pages, "ok": not self.faults,
                "faults": len(self.faults), "warnings": len(self.warnings),
                "findings": [asdict(f) for f in self.findings], "facts": self.facts}
