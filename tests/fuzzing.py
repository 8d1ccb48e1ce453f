"""Shared by the hostile-input tests (issue 12): base inputs, mutation strategies, caps.

A case is run in-process under `capped` (a wall-clock alarm and an address-space limit, both
restored afterwards) or as a real CLI subprocess under `run_cli` (CPU-time and address-space
rlimits set in the child, peak memory read back with wait4). The outcome rules are the issue's:
success, or a `BulletinError` whose every message names its file and line — anything else (an
internal error, a traceback, a hang, a blow-up) fails the test.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from bulletin_pdf.errors import BulletinError

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("bulletin-pdf")
CORPUS = ROOT / "tests" / "fuzz_corpus"

BASE_ISSUE = """\
publication: 杭州人大信息
edition: 普刊
number: 10
cumulative: 716
compiled_by: 杭州市人大常委会研究室编
date: 2025-10-30
marking: 内部资料 注意保存
serial: "000123"
columns:
  - name: 助力攻坚
    articles:
      - title:
          - 上城区：打好组合拳
          - 助力发展新质生产力
        byline: 上城区人大常委会办公室 方敏杰
        body:
          - 今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务，立足人大职能定位。
          - "**一是找准“主阵地”。**紧跟省市人大部署要求，服务指导120余次，ESG 评级提升。"
  - name: 信息摘登
    items:
      - text: 淳安县人大常委会坚持效果导向，推动问题整改。
        byline: 淳安县人大常委会办公室 何沐阳
distribution:
  send_to:
    - 省人大常委会办公厅、研究室
    - 市人大常委会组成人员
  editor: 杨青青
  phone: (0571)85250657
  copies: 350
"""

BASE_LAYOUT = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")

#: values an editor (or a fuzzer) might type where a value goes
HOSTILE_VALUES = [
    "0", "-1", "-16", ".nan", ".inf", "-.inf", "1e308", "1e-308", "0.0001", "99999", "9" * 4301,
    "~", "[]", "{}", "[[[[[[", "'", '"', "&a x", "*a", "!!binary aGk=", "!!python/object:os.system x",
    "2025-02-30", "2025-13-01", "0571", "true", "{number:>999999999}", "{n:d}", "{n.__class__}",
    "{0}", "{}", "{", "}", "第{number!r}期", "400mm", "0mm", "-5mm", "1e9pt", "[200, -5, 0, 0]",
    "[0, 0, 0]", "/dev/zero", "/etc/passwd", "/tmp", "\u2028", "\x07", "\x00", "\ufeff", "\U0001F600",
    ":100:", "[red]x[/]", "a: b: c", "- x", "? x", "|", ">", "%YAML 1.1", "---", "...",
]

#: values that load but push the typesetter: long, unbreakable, odd, all punctuation
ODD_TEXT = [
    "A" * 300, "一" * 600, "Lorem ipsum dolor sit amet " * 12, "（" * 40, "——" * 30, "。" * 50,
    '"**粗体**正文"', '"**未闭合"', "https://example.com/" + "a" * 200, "1" * 30, "123456789",
    "'　'", "王　昆", "ESG 评级 1—9 月", "😀", "ＡＢＣ１２３", "《》〈〉「」『』", "“”‘’",
    "一\t二", "'  leading'", "x", "1", "999999999", "2099-12-31", "1900-01-01", "[a, b, c]",
    "[" + ", ".join(["条目"] * 60) + "]", "'{number}'", "'**'",
]

#: snippets inserted anywhere in the text
SNIPPETS = ["\n", "  ", "\t", ": ", "- ", "&a ", "*a", "<<: *a\n", "[", "{", "]", "}", "#", "'", '"',
            "\x1b[31m", "\u2028", "\ufeff", "**", "!!", "%", "@", "`", "\r", "\x85", "\x00", "\x07",
            "\U0001F600", "　", "——", "（", "）"]

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:mm|pt|cm|in)?")
NUMBERS = ["0", "-1", "-16", ".nan", ".inf", "1e9", "1e308", "0.001", "400mm", "0mm", "-5mm", "999",
           "1000000", "2", "1", "3", "100", "0.5", "40", "60mm", "7", "1.5"]


@st.composite
def mutated_text(draw, base: bytes, numbers: bool = False) -> bytes:
    """`base` (UTF-8 text) with one to four mutations, most of them on characters (so the file
    stays readable and the loader and typesetter are what is tested): a value replaced by a
    hostile or odd one, a number replaced (`numbers`: a layout's lengths, sizes, counts), a
    snippet inserted, characters deleted, a line duplicated or dropped; sometimes a raw byte
    changed or inserted at the end (encodings)."""
    text = base.decode("utf-8")
    kinds = ["value", "odd", "odd", "odd", "odd", "insert", "delete", "line"] + (["number"] * 10 if numbers else [])
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 2, 3, 4]), label="mutations")):
        kind = draw(st.sampled_from(kinds))
        text = text or "x"
        if kind in ("value", "odd"):
            lines = text.split("\n")
            candidates = [i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")]
            if candidates:
                i = draw(st.sampled_from(candidates))
                cut = lines[i].index(": ") + 2 if ": " in lines[i] else lines[i].index("- ") + 2
                lines[i] = lines[i][:cut] + draw(st.sampled_from(HOSTILE_VALUES if kind == "value" else ODD_TEXT))
                text = "\n".join(lines)
        elif kind == "number":
            found = list(NUMBER.finditer(text))
            if found:
                m = draw(st.sampled_from(found))
                text = text[:m.start()] + draw(st.sampled_from(NUMBERS)) + text[m.end():]
        elif kind == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
        elif kind == "delete":
            at = draw(st.integers(0, len(text) - 1))
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            if draw(st.booleans()):
                lines.insert(i, lines[i])
            else:
                del lines[i]
            text = "\n".join(lines)
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    if draw(st.integers(0, 9)) == 0 and data:          # one case in ten: the bytes themselves
        at = draw(st.integers(0, len(data) - 1))
        if draw(st.booleans()):
            data[at] = draw(st.integers(0, 255))
        else:
            data[at:at] = draw(st.sampled_from([b"\xff", b"\xe6\x9d", b"\xb9\xfa", b"\xc0\x80", b"\xef\xbb\xbf"]))
    return bytes(data)


@st.composite
def mutated_binary(draw, base: bytes) -> bytes:
    """A damaged binary file: truncated, bytes overwritten (often in the header and table
    directory, where parsers trust offsets and lengths), a run of random bytes, or noise."""
    data = bytearray(base)
    kind = draw(st.sampled_from(["truncate", "flip", "header", "splice", "noise"]))
    if kind == "truncate":
        del data[draw(st.integers(0, len(data) - 1)):]
    elif kind in ("flip", "header"):
        top = min(len(data) - 1, 400) if kind == "header" else len(data) - 1
        for _ in range(draw(st.integers(1, 16))):
            data[draw(st.integers(0, top))] = draw(st.integers(0, 255))
    elif kind == "splice":
        at = draw(st.integers(0, len(data) - 1))
        data[at:at + draw(st.integers(1, 4096))] = draw(st.binary(min_size=1, max_size=64))
    else:
        data = bytearray(data[:4]) + bytearray(draw(st.binary(min_size=0, max_size=2048)))
    return bytes(data)


# ----------------------------------------------------------------------------- outcomes

class CaseTimeout(BaseException):
    """A case ran past its wall-clock cap (BaseException: no `except Exception` may hide it)."""


def _vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


@contextlib.contextmanager
def capped(seconds: float = 10.0, mib: int = 300):
    """Run a case with a wall-clock alarm and at most `mib` MiB more address space than the
    process has now (RLIMIT_AS, soft limit only; both restored afterwards)."""
    def alarm(_signum, _frame):
        raise CaseTimeout(f"case ran longer than {seconds} s")

    old_handler = signal.signal(signal.SIGALRM, alarm)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _vm_size() + mib * 2**20
    if hard == resource.RLIM_INFINITY or cap < hard:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def assert_located(exc: BulletinError, file_level: tuple[str, ...] = ()) -> None:
    """Every message of `exc` names its file and line (a refusal of the whole file — `file_level`
    words in the message — needs only the file)."""
    for problem in exc.errors():
        assert problem.file, f"no file in: {problem.headline()}"
        if not any(word in problem.message for word in file_level):
            assert problem.line and problem.line >= 1, f"no line in: {problem.headline()}"
        assert "\n" not in problem.headline(), problem.headline()


def outcome(call, file_level: tuple[str, ...] = ()):
    """Run `call` capped: its result, or the `BulletinError` it raised (checked located)."""
    try:
        with capped():
            return call()
    except BulletinError as exc:
        assert_located(exc, file_level)
        return exc


# ----------------------------------------------------------------------------- the real CLI

LOCATED = re.compile(r"^error: (?P<file>[^\n]+?):(?P<line>\d+)(?::(?P<col>\d+))?: ", re.M)


# The CLI runs under a small launcher: rlimits set there are inherited, and the launcher's own
# wait4 reads the peak resident size of the CLI alone (a child forked straight from this test
# process would inherit its high-water mark, hundreds of MiB, in ru_maxrss).
_LAUNCHER = """
import os, resource, subprocess, sys
cpu, address_space, report = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
child = subprocess.Popen(sys.argv[4:])
_, status, usage = os.wait4(child.pid, 0)
with open(report, "w") as fh:
    fh.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run_cli(args: list[str], cwd: Path, cpu_seconds: int = 5, wall: float = 60.0):
    """Run `bulletin-pdf ARGS` as the user would, with a CPU-time rlimit of `cpu_seconds` and a
    4 GiB address-space rlimit (a blow-up is stopped, not allowed to swamp the machine);
    returns (exit code, stdout, stderr, peak resident MiB of the CLI process)."""
    env = {**os.environ, "COLUMNS": "200"}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rss"
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        with open(out, "wb") as fo, open(err, "wb") as fe:
            proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(cpu_seconds), str(4 * 2**30), str(report),
                                     str(CLI), *args], cwd=cwd, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                                    env=env, start_new_session=True)
            try:
                code = proc.wait(timeout=wall)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise AssertionError(f"bulletin-pdf {' '.join(args)} hung (no answer in {wall} s)") from None
        rss = int(report.read_text()) / 1024 if report.exists() else float("inf")
        return code, out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace"), rss
