"""`docx --into`: a Word file straight into the issue file, every other line of the file kept
(comments, order, quotes, indentation), the clean-up reported. Word files are made with
python-docx as an editor would type them."""

from __future__ import annotations

import difflib
import re

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.editor.docx import clean
from bulletin_pdf.input.load import load_issue

from .conftest import SAMPLE


def gongshu(path):
    """A typical Word article: title on two centred lines, straight quotes, Western commas,
    spaces around a dash and an ellipsis, a bold lead, the byline in （…）."""
    d = docx.Document()
    for line in ('拱墅区：紧盯"钱袋子"', "助推预算监督提质增效"):
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph('　　拱墅区人大常委会紧盯"钱袋子",1 — 9月开展预算联网监督 …… 取得实效。')
    p = d.add_paragraph("　　")
    p.add_run("一是抓住关键。").bold = True
    p.add_run("听取审议报告3次,提出意见12条。")
    d.add_paragraph("（拱墅区人大常委会办公室 李　明）")
    d.save(str(path))
    return path


def into(*args):
    return CliRunner().invoke(app, ["docx", *map(str, args)])


def only_inserted(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before` (and the first one's line number), asserting that
    every line of `before` is kept, in order."""
    old, new = before.splitlines(), after.splitlines()
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert [tag for tag, *_ in ops if tag != "equal"] == ["insert"], ops
    (_, _, _, j1, j2), = [op for op in ops if op[0] == "insert"]
    return new[j1:j2], j1 + 1


def test_into_the_sample_keeps_every_other_line(tmp_path):
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    result = into(gongshu(tmp_path / "gongshu.docx"), "--into", issue, "--column", "监督纵横")
    assert result.exit_code == 0, result.stderr
    before, after = SAMPLE.read_text(encoding="utf-8"), issue.read_text(encoding="utf-8")
    added, first = only_inserted(before, after)
    assert added == [
        "      - title:",
        "          - 拱墅区：紧盯“钱袋子”",
        "          - 助推预算监督提质增效",
        "        byline: 拱墅区人大常委会办公室 李　明",
        "        body:",
        "          - 拱墅区人大常委会紧盯“钱袋子”，1—9月开展预算联网监督……取得实效。",
        '          - "**一是抓住关键。**听取审议报告3次，提出意见12条。"',
    ]
    comments = [ln for ln in before.splitlines() if ln.lstrip().startswith("#")]
    assert comments and comments == [ln for ln in after.splitlines() if ln.lstrip().startswith("#")]
    assert result.stderr.splitlines() == [
        f"{issue}:{first}-{first + 6}: added the article 《拱墅区：紧盯“钱袋子”助推预算监督提质增效》 to column 监督纵横, "
        "at the end of the column",
        "  from Word: an article: 2 paragraphs; 0 warnings",
        '  cleaned up: straight quotes "…" paired as “…” (2)',
        "  cleaned up: spaces around a dash —— or an ellipsis …… removed (2)",
        "  cleaned up: half-width ,:;()!?. in Chinese text made full-width (2)",
        f"  read it over, then: bulletin-pdf check {issue}",
    ]
    column = load_issue(issue).columns[1]
    assert [a.title for a in column.articles][-1] == ("拱墅区：紧盯“钱袋子”", "助推预算监督提质增效")
    # the same Word file again is refused, and the file is left alone
    again = into(tmp_path / "gongshu.docx", "--into", issue, "--column", "监督纵横")
    assert again.exit_code == 2 and "is in the issue already (column 监督纵横)" in again.stderr
    assert issue.read_text(encoding="utf-8") == after


def test_after_an_article(tmp_path):
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    missing = into(gongshu(tmp_path / "g.docx"), "--into", issue, "--column", "助力攻坚", "--after", "滨江")
    assert missing.exit_code == 2 and "no articles in column 助力攻坚 match '滨江'" in missing.stderr
    # the hint lists the column's titles whole, to copy a part of (a title over 20 characters
    # lost its end, a closing ” with it)
    assert ("hint: give a part of one title, as written: 上城区：打好组合拳助力因地制宜发展新质生产力 / "
            "西湖区：高质效履职助推AI赋能养老服务工作") in missing.stderr, missing.stderr
    result = into(tmp_path / "g.docx", "--into", issue, "--column", "助力攻坚", "--after", "西湖区")
    assert result.exit_code == 0, result.stderr
    assert "after 《西湖区：高质效履职助推AI赋能养老服务工作》" in result.stderr
    only_inserted(SAMPLE.read_text(encoding="utf-8"), issue.read_text(encoding="utf-8"))
    titles = ["".join(a.title) for a in load_issue(issue).columns[0].articles]
    assert titles[1:3] == ["西湖区：高质效履职助推AI赋能养老服务工作", "拱墅区：紧盯“钱袋子”助推预算监督提质增效"]


def test_in_place_of_the_placeholder_of_new_and_items(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "2025-09.yaml").write_bytes(SAMPLE.read_bytes())
    assert CliRunner().invoke(app, ["new", str(folder / "2025-09.yaml"), "--date", "2025-10-30"]).exit_code == 0
    issue = folder / "2025-10.yaml"
    before = issue.read_text(encoding="utf-8")
    assert into(gongshu(tmp_path / "g.docx"), "--into", issue, "-c", "情况交流").exit_code == 0
    d = docx.Document()
    d.add_paragraph('建德市人大常委会开展"百名代表进企业"活动,收集意见建议56条。（建德市人大常委会办公室 赵亚光）')
    d.add_paragraph("桐庐县人大常委会组织代表视察农村公路建设。")
    d.add_paragraph("（桐庐县人大常委会办公室 王芳）")
    d.add_paragraph("富阳区人大常委会开展专题询问。")
    d.save(str(tmp_path / "items.docx"))
    result = into(tmp_path / "items.docx", "--into", issue, "-c", "信息摘登")
    assert result.exit_code == 0, result.stderr
    assert "added 3 short items to column 信息摘登, in place of the placeholder" in result.stderr
    assert "look at: no byline found for item 3 of 3" in result.stderr
    issue_read = load_issue(issue)
    assert [(it.text.runs[0].text, it.byline) for it in issue_read.columns[3].items] == [
        ("建德市人大常委会开展“百名代表进企业”活动，收集意见建议56条。", "建德市人大常委会办公室 赵亚光"),
        ("桐庐县人大常委会组织代表视察农村公路建设。", "桐庐县人大常委会办公室 王芳"),
        ("富阳区人大常委会开展专题询问。", None)]
    assert "".join(issue_read.columns[2].articles[0].title) == "拱墅区：紧盯“钱袋子”助推预算监督提质增效"
    after = issue.read_text(encoding="utf-8")
    assert "（标题待填写）" in after and after.count("（标题待填写）") == before.count("（标题待填写）") - 1
    kept = [ln for ln in before.splitlines() if "待填写" not in ln]
    assert [ln for ln in after.splitlines() if ln in set(kept)] == kept


def test_the_file_style_is_kept_when_lists_are_not_indented(tmp_path):
    """A file in PyYAML's style (`- ` level with its field, as `new` wrote before) stays so."""
    import yaml

    flat = "# 2025年第9期\n" + yaml.safe_dump(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")),
                                              allow_unicode=True, sort_keys=False, width=10**6)
    assert "\ncolumns:\n- name: " in flat
    issue = tmp_path / "flat.yaml"
    issue.write_text(flat, encoding="utf-8")
    assert into(gongshu(tmp_path / "g.docx"), "--into", issue, "-c", "监督纵横").exit_code == 0
    added, _ = only_inserted(flat, issue.read_text(encoding="utf-8"))
    assert added[:2] == ["  - title:", "    - 拱墅区：紧盯“钱袋子”"]


def test_column_errors(tmp_path):
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    word = gongshu(tmp_path / "g.docx")
    result = into(word, "--into", issue, "--column", "监督")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {issue}: columns: no column named '监督' (did you mean `监督纵横`?)",
        "  hint: --column takes one of the names under `columns:`: 助力攻坚、监督纵横、情况交流、信息摘登"]
    result = into(word, "--into", issue)
    assert result.exit_code == 2 and "which column? add --column NAME" in result.stderr
    assert into(tmp_path / "none.docx", "--into", issue, "-c", "监督纵横").stderr.startswith(
        f"error: {tmp_path / 'none.docx'}: no such file")
    assert issue.read_bytes() == SAMPLE.read_bytes()


def test_clean_up_rules():
    assert clean('他说"钱袋子"很重要,"好"') [0] == "他说“钱袋子”很重要，“好”"
    assert clean("1 — 9月")[0] == "1—9月"
    assert clean("等等 …… 。")[0] == "等等……。"
    assert clean("it's 的'好'")[0] == "it's的‘好’"
    assert clean("He said — no")[0] == "He said — no"          # no Chinese: left alone
    assert clean('"只有一个引号')[0] == '"只有一个引号'
    assert "unpaired" not in str(clean("好")[1]) and clean('"只有')[1]


def test_clean_up_leaves_no_space_beside_a_full_width_mark():
    """A space typed beside a mark in Chinese text (`300余条, 确保` typed the Western way, `评估。  年底`)
    is what `check` reports as a space inside Chinese text: the clean-up that made the comma
    full-width must not leave its space behind (docs/issue-format.md, "Type text as it is
    printed": full-width marks, which take a whole character cell of their own). A space
    between two Han characters (a name, `王 昆`) and the CJK–Latin gap are other rules."""
    from bulletin_pdf.editor.docx import Change

    assert clean("建议300余条, 确保项目")[0] == "建议300余条，确保项目"
    assert clean("三是聚焦成效评估。  年底组织")[0] == "三是聚焦成效评估。年底组织"
    assert clean("他说 “好” ，就走了")[0] == "他说“好”，就走了"
    assert clean("（一） 总体要求")[0] == "（一）总体要求"
    text, changes = clean("一是, 二是； 三是")
    assert text == "一是，二是；三是" and changes[Change.MARK_SPACE] == 2
    assert clean("王 昆")[0] == "王 昆"
    assert clean("Hello, world")[0] == "Hello, world"


def test_clean_up_makes_a_full_stop_typed_as_a_dot_full_width():
    """`测评.` ends a Chinese sentence with a Western full stop, which `check` reports (a
    half-width '.' in Chinese text): the clean-up types 。 as it does ，for `,` — only where
    the dot follows a Han character and ends the text or is followed by a space or a Han
    character, so that 3.5, 93.2% and file.docx stay."""
    from bulletin_pdf.editor.docx import Change

    assert clean("进行满意度测评.")[0] == "进行满意度测评。"
    assert clean("测评. 年底组织")[0] == "测评。年底组织"
    assert clean("测评.年底")[0] == "测评。年底"
    text, changes = clean("增长3.5个百分点，占93.2%，见附件.docx")
    assert text == "增长3.5个百分点，占93.2%，见附件.docx" and not changes
    assert clean("Hello world.")[0] == "Hello world."
    assert clean("好.")[1][Change.WESTERN_MARK] == 1


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
TYPED = st.text(st.one_of(HAN, st.sampled_from(list(' "\',.:;()!?—…　0123456789ABCxyz'))), max_size=40)


@given(TYPED)
@example('"a" 中 "b')
@example("中 —— 'x' …… 9")
def test_clean_keeps_every_letter_and_pairs_quotes(text):
    """The clean-up changes marks and spaces only: every Han character, letter and digit stays,
    in order; in Chinese text at most one straight double quote is left."""
    out, _ = clean(text)
    solid = re.compile(r"[\w]")
    assert solid.findall(out) == solid.findall(text)
    if re.search(r"[\u4e00-\u9fff]", text):
        assert out.count('"') <= 1


def test_comments_stay_before_the_line_they_are_about(tmp_path):
    """A comment above the next column stays above it (ruamel hangs it on the node before);
    a comment after a replaced placeholder is kept; CRLF, a BOM and trailing spaces stay."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("  - name: 情况交流\n", "\n  # 第三栏：情况交流   \n  - name: 情况交流\n")
    text = text.replace("columns:\n", "columns:   \n")
    issue = tmp_path / "x.yaml"
    issue.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    assert into(gongshu(tmp_path / "g.docx"), "--into", issue, "-c", "监督纵横").exit_code == 0
    after = issue.read_bytes().decode("utf-8")
    assert after.startswith("\ufeff#") and after.count("\r\n") == after.count("\n")
    added, first = only_inserted(text, after.removeprefix("\ufeff").replace("\r\n", "\n"))
    assert added[0] == "      - title:" and len(added) == 7
    lines = after.removeprefix("\ufeff").split("\r\n")
    assert lines[first - 1 + 7:first - 1 + 10] == ["", "  # 第三栏：情况交流   ", "  - name: 情况交流"]

    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "2025-09.yaml").write_bytes(SAMPLE.read_bytes())
    assert CliRunner().invoke(app, ["new", str(folder / "2025-09.yaml"), "--date", "2025-10-30"]).exit_code == 0
    issue = folder / "2025-10.yaml"
    made = issue.read_text(encoding="utf-8").replace("  - name: 监督纵横\n", "  # 第二栏\n  - name: 监督纵横\n")
    issue.write_text(made, encoding="utf-8")
    assert into(tmp_path / "g.docx", "--into", issue, "-c", "助力攻坚").exit_code == 0
    lines = issue.read_text(encoding="utf-8").splitlines()
    assert lines[lines.index("  # 第二栏") + 1] == "  - name: 监督纵横"
    assert lines[lines.index("  # 第二栏") - 1].endswith("提出意见12条。\"")


def test_an_article_for_a_short_items_column(tmp_path):
    """A titled Word article sent to 信息摘登 is refused (it would lose its title), the issue
    file unchanged; with `--as items` its paragraphs become items, the title is left out and
    said so."""
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    refused = into(gongshu(tmp_path / "g.docx"), "--into", issue, "-c", "信息摘登")
    assert refused.exit_code == 2
    assert "is an article (《拱墅区：紧盯“钱袋子”助推预算监督提质增效》)" in refused.stderr
    assert "--as items" in refused.stderr
    assert issue.read_bytes() == SAMPLE.read_bytes()
    result = into(tmp_path / "g.docx", "--into", issue, "-c", "信息摘登", "--as", "items")
    assert result.exit_code == 0, result.stderr
    assert "look at: left out the title 拱墅区：紧盯“钱袋子”／助推预算监督提质增效: short items have none" in result.stderr
    items = load_issue(issue).columns[3].items
    assert [(i.text.runs[-1].text, i.byline) for i in items[2:]] == [
        ("拱墅区人大常委会紧盯“钱袋子”，1—9月开展预算联网监督……取得实效。", None),
        ("听取审议报告3次，提出意见12条。", "拱墅区人大常委会办公室 李　明")]
