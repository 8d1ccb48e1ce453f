"""Hostile input, second round (issue 21): article blocks and issue tables. Each example of the
issue's table run through the real CLI, capped at 5 s of CPU and 300 MiB peak: counts that
need Chinese numerals past 99 build; everything else is exit 2 with a located message."""

from __future__ import annotations

import pytest

from .fuzzing import BASE_ISSUE, run_cli
from .test_hostile import BUILD, LIMIT_MIB, line_of, refused, work  # noqa: F401  (work is a fixture)

BODY_LINE = "          - 今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务，立足人大职能定位。\n"


def with_body(work, blocks: str) -> None:
    """The base issue with `blocks` (YAML lines at the body's indentation) after its first paragraph."""
    assert BODY_LINE in BASE_ISSUE
    (work / "issue.yaml").write_text(BASE_ISSUE.replace(BODY_LINE, BODY_LINE + blocks), encoding="utf-8")


def built(work, args=BUILD, cpu: int = 5) -> str:
    code, _out, err, rss = run_cli(args, work, cpu_seconds=cpu)
    assert code == 0, err
    assert rss <= LIMIT_MIB, f"peak {rss:.0f} MiB"
    assert (work / "out.pdf").stat().st_size > 1000
    return err


def pdf_text(work) -> str:
    import pdfplumber
    with pdfplumber.open(work / "out.pdf") as pdf:
        return "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)


# ----------------------------------------------------------------------------- numbers past 99

def test_a_list_of_100_items_builds(work):
    layout = (work / "layout.yaml").read_text(encoding="utf-8")
    assert "marker:" in layout
    with_body(work, "          - list:\n" + "".join(f"              - 第{k}项内容\n" for k in range(1, 101)))
    built(work)
    assert "第100项内容" in pdf_text(work)


def test_100_headings_of_one_level_build_with_chinese_numerals(work):
    with_body(work, "".join(f"          - heading: 标题甲{k}\n" for k in range(1, 101)))
    built(work)
    text = pdf_text(work)
    # GB/T 9704 §7.3.3 numbers level-1 headings 一、二、…; counted in Chinese: 九十九, 一百, 一百零一
    assert "九十九、标题甲99" in text and "一百、标题甲100" in text


def test_100_columns_build(work):
    columns = "".join(f"  - name: 栏目{k}\n    items:\n      - text: 第{k}栏的信息。\n        byline: 办公室\n"
                      for k in range(1, 101))
    (work / "issue.yaml").write_text(BASE_ISSUE.replace("columns:\n", "columns:\n" + columns), encoding="utf-8")
    built(work)
    assert "第100栏的信息" in pdf_text(work)


def test_chinese_numerals_are_written_as_counted():
    from bulletin_pdf.compose.furniture import chinese_numeral
    # stated literally: how Chinese counting writes these numbers
    expected = {1: "一", 10: "十", 15: "十五", 20: "二十", 99: "九十九", 100: "一百", 101: "一百零一",
                110: "一百一十", 1000: "一千", 1001: "一千零一", 1010: "一千零一十", 9999: "九千九百九十九",
                10000: "一万", 10010: "一万零一十", 100000: "十万", 110000: "十一万"}
    assert {n: chinese_numeral(n) for n in expected} == expected
    with pytest.raises(ValueError):
        chinese_numeral(100_000_000)


def test_the_chinese_numeral_is_computed_only_when_asked(monkeypatch):
    from bulletin_pdf.compose import furniture

    def refuse(n):
        raise AssertionError("computed")
    monkeypatch.setattr(furniture, "chinese_numeral", refuse)
    assert furniture.numbered("{n}.", 10 ** 12) == f"{10 ** 12}."


# ----------------------------------------------------------------------------- text

def test_a_lone_surrogate_in_text(work):
    with_body(work, '          - "正文\\ud800结束"\n')
    line = line_of(BASE_ISSUE.replace(BODY_LINE, BODY_LINE + "@@"), "@@")
    refused(work, BUILD, "issue.yaml", line, None, "U+D800")


@pytest.mark.parametrize("escape, name", [("\\u0000", "U+0000"), ("\\u0007", "U+0007"), ("\\ufeff", "U+FEFF"),
                                          ("\\ufffe", "U+FFFE"), ("\\x85", "U+0085")])
def test_control_characters_written_as_yaml_escapes(work, escape, name):
    with_body(work, f'          - "前面的文字{escape}后面"\n')
    text = (work / "issue.yaml").read_text(encoding="utf-8")
    line = line_of(text, "前面的文字")
    column = text.splitlines()[line - 1].index(escape) + 1
    refused(work, BUILD, "issue.yaml", line, column, name)


def test_an_error_far_along_one_line_is_shown_in_linear_time(work):
    """errors._window took O(column²): 98 s at column 40,000."""
    (work / "issue.yaml").write_text(BASE_ISSUE.replace("立足人大职能定位。", "立足人大职能定位。" + "一" * 40000 + "\x07"),
                                     encoding="utf-8")
    err = refused(work, BUILD, "issue.yaml", line_of(BASE_ISSUE, "立足人大"), None, "U+0007")
    assert len(err.splitlines()[1]) < 200        # the excerpt is a window, not the whole line


def test_excerpt_window_is_short_and_has_the_caret_under_the_column():
    from bulletin_pdf.errors import InputError
    line = "一" * 50000 + "X" + "二" * 50000
    error = InputError("m", file="f", line=1, column=50001, excerpt=line)
    shown, caret = error.details()[:2]
    assert len(shown) < 100
    # the caret stands under the X: 2 columns per CJK character before it, "  1 | ..." in front
    at = shown.index("X")
    assert caret.index("^") == len("  1 | ") + 3 + 2 * (at - len("  1 | ...")) 


# ----------------------------------------------------------------------------- figures

def test_an_image_name_of_300_characters(work):
    with_body(work, f"          - figure:\n              image: {'图' * 300}.png\n")
    refused(work, BUILD, "issue.yaml", line_of((work / "issue.yaml").read_text(encoding="utf-8"), "image: 图"), None,
            "figure.image")


@pytest.mark.parametrize("width", ["0.0001mm", "120", "1e9mm"])
def test_a_figure_width_that_is_no_print_width(work, width):
    from PIL import Image
    (work / "fig.png").write_bytes(b"")
    Image.new("RGB", (400, 300), "gray").save(work / "fig.png")
    with_body(work, f"          - figure:\n              image: fig.png\n              width: {width}\n")
    refused(work, BUILD, "issue.yaml", line_of((work / "issue.yaml").read_text(encoding="utf-8"), "width: "), None,
            "figure.width")


def test_a_caption_of_2000_characters_is_not_negative_ppi(work):
    from PIL import Image
    Image.new("RGB", (1200, 900), "gray").save(work / "fig.png")
    with_body(work, f"          - figure:\n              image: fig.png\n              caption: {'说明' * 1000}\n")
    code, _out, err, rss = run_cli(BUILD, work)
    assert "Traceback" not in err and rss <= LIMIT_MIB
    assert "-" not in "".join(w for w in err.split() if "ppi" in w), err
    assert code in (0, 2), err
    if code == 2:
        assert err.startswith("error: issue.yaml:"), err


# ----------------------------------------------------------------------------- issue tables

def table(rows: list[str], header: str | None = None) -> str:
    out = "          - table:\n"
    if header:
        out += f"              header:\n                - {header}\n"
    out += "              rows:\n" + "".join(f"                - {r}\n" for r in rows)
    return out


def test_a_5000_row_table_builds_within_10_seconds(work):
    with_body(work, table([f"[地区{r}, {r * 3}, {r % 97}.5%]" for r in range(5000)], "[地区, 金额, 增长]"))
    built(work, cpu=10)


def test_one_cell_of_10000_characters_is_refused_quickly(work):
    with_body(work, table([f"[地区, {'长' * 10000}, 1]", "[甲, 乙, 丙]"]))
    refused(work, BUILD, "issue.yaml", line_of((work / "issue.yaml").read_text(encoding="utf-8"), "长长"), None)


def test_2000_cells_of_colspan_50_rowspan_50_are_refused_before_expanding(work):
    cell = "{text: 格, colspan: 50, rowspan: 50}"
    with_body(work, table(["[" + ", ".join([cell] * 40) + "]"] * 50))
    refused(work, BUILD, "issue.yaml", line_of((work / "issue.yaml").read_text(encoding="utf-8"), "{text: 格"), None,
            "more than 100 columns")


def test_spans_that_stay_narrow_but_long_are_checked_row_by_row(work):
    cell = "{text: 格, colspan: 2, rowspan: 50}"
    with_body(work, table(["[" + ", ".join([cell] * 40) + "]"] + ["[甲]"] * 3000))
    refused(work, BUILD, "issue.yaml", line_of((work / "issue.yaml").read_text(encoding="utf-8"), "[甲]"), None,
            "this row has")


def test_overlapping_spans_are_refused(work):
    # 乙 spans rows 0–1 in column 1; 丙's colspan 2 in row 1 starts in column 0 and covers column 1 too
    with_body(work, table(["[甲, {text: 乙, rowspan: 2}]", "[{text: 丙, colspan: 2}]"]))
    text = (work / "issue.yaml").read_text(encoding="utf-8")
    refused(work, BUILD, "issue.yaml", line_of(text, "{text: 丙"), None, "overlaps")


def test_the_new_messages_are_in_chinese_too(work):
    with_body(work, table([f"[地区, {'长' * 1200}, 1]", "[甲, 乙, 丙]"]))
    code, _out, err, _rss = run_cli(["--lang", "zh", *BUILD], work)
    assert code == 2, err
    assert "表格单元格有 1,200 个字符；一个单元格最多 1,000 个字符" in err, err
    assert "提示: 请把长文字移到表格下面的段落里" in err or "提示：请把长文字移到表格下面的段落里" in err, err
