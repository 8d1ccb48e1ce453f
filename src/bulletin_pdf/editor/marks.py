"""Chinese text as an editor types it: the patterns that both the Word clean-up (`from_word`,
which fixes what it finds) and the proofreader (`proofread`, which reports it) read.

Kept in a module of their own, with nothing but `re`, so that `build` — which proofreads the
issue to warn of what `check` counts as an error — never imports the Word reader (python-docx
and lxml, ~0.15 s; issue #9, "Speed"). One definition each, so the clean-up and the report
cannot drift apart.
"""

from __future__ import annotations

import re

#: The Han characters (CJK Unified Ideographs, Extension A and the supplementary planes), as
#: the inside of a character class.
HAN_RANGE = r"\u3400-\u9fff\U00020000-\U0003134f"

#: A full stop typed as `.` after a Chinese character (`测评.`), as the inside of a pattern:
#: only at the end of the text or before a space or a Han character, so that 3.5, 93.2% and
#: 附件.docx are not touched.
HALF_FULL_STOP = rf"(?<=[{HAN_RANGE}])\.(?=$|\s|[{HAN_RANGE}])"

#: An end mark typed half-width after a number, a percent sign or a closing quote or bracket of
#: Chinese text: at the end of the text (`增长7.8%.`, `完成率100%!`, `办好”.`), or a `.`
#: before a Han character (`7.8%.同时`). Only in text with Han characters (the caller's test):
#: `Growth was 7.8%.` in English stays. `1.强化` (a typed number) and `3.5` are not touched.
HALF_END_MARK = rf"(?<=[0-9%‰”’）》])[.,:;!?]$|(?<=[%‰”’）》])\.(?=[{HAN_RANGE}])"

_HAN = re.compile(f"[{HAN_RANGE}]")


def in_chinese_sentence(text: str, at: int) -> bool:
    """Whether the mark at `at` closes a Chinese sentence: the stretch since the sentence end
    before it holds a Han character (`…报道。The rate reached 95%.` is an English sentence;
    its `.` stays)."""
    start = max(text.rfind(mark, 0, at) for mark in "。！？；") + 1
    return _HAN.search(text, start, at) is not None


#: An ellipsis typed as dots (`...`, `。。。`) and a dash typed as hyphens (`--`) in Chinese
#: text, where GB/T 15834-2011 has …… (4.11) and —— (4.10): with a Chinese character or mark
#: on at least one side of the dots, on both sides of the hyphens (`a--b` stays).
DOT_ELLIPSIS = (rf"(?<=[{HAN_RANGE}，。、；：！？”’）》])(?:\.{{3,6}}|。{{3,6}})"
                rf"|(?:\.{{3,6}}|。{{3,6}})(?=[{HAN_RANGE}“‘（《])")
HYPHEN_DASH = rf"(?<=[{HAN_RANGE}，。、；：！？”’）》])-{{2,3}}(?=[{HAN_RANGE}“‘（《])"

#: A dash or ellipsis run with the spaces typed around it (`1 — 9月`, `等等 …… 。`).
SPACED_DASH = re.compile(r"(?P<l>.?)(?P<sp1>[ \u00a0\u3000]*)(?P<mark>[—―]+|…+|⋯+)(?P<sp2>[ \u00a0\u3000]*)(?P<r>.?)")
