"""fonts.faces.script_runs: the script runs HarfBuzz is given, after Unicode UAX #24 in short
(https://www.unicode.org/reports/tr24/#Common: characters of the Common script — digits,
punctuation, spaces — take the script of the text around them): a Latin letter is shaped in a
Latin run, an ideograph in a Han run, and a common character joins the run before it (or the
first run, at the start). The scripts are stated here from the Unicode blocks, not read from
the engine."""

from hypothesis import example, given, strategies as st

from bulletin_pdf.fonts.faces import script_runs

LATIN_LETTERS = "AZaz" + "éüß"          # Basic Latin and Latin-1 letters
IDEOGRAPHS = "人大中文\u4e00\u9fa5\u3400\U00020000"   # CJK Unified Ideographs, Extension A and B
COMMON = "0123456789 ，。“”（）·—、%.-/\u3000"   # digits, punctuation, spaces: no script of their own
TEXT = st.text(alphabet=LATIN_LETTERS + IDEOGRAPHS + COMMON, max_size=30)


def script_of(ch: str) -> str | None:
    """Latin: a letter of Basic Latin to IPA Extensions (U+0000–U+024F); Han: an ideograph of
    CJK Unified Ideographs (U+4E00–U+9FFF), Extension A (U+3400–U+4DBF) or B (U+20000–U+2A6DF);
    anything else here is common."""
    o = ord(ch)
    if o < 0x250 and ch.isalpha():
        return "Latn"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2A6DF:
        return "Hani"
    return None


@given(TEXT)
@example("")
@example("，。123")                      # nothing decides: one Han run
@example("2025年AI赋能")                 # a common start joins the first run
@example("office，人大")                  # the comma joins the Latin run before it
@example("人大 AI 2025 中文")
def test_runs_cover_the_text_with_each_character_in_its_own_script(text):
    runs = script_runs(text)
    if not text:
        assert runs == []
        return
    # contiguous, in order, covering every character
    assert runs[0][0] == 0 and runs[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:]))
    assert all(start < end for start, end, _ in runs)
    # neighbouring runs differ in script; a letter or ideograph lies in a run of its script
    assert all(a[2] != b[2] for a, b in zip(runs, runs[1:]))
    for start, end, script in runs:
        assert script in ("Latn", "Hani")
        assert all(script_of(ch) in (None, script) for ch in text[start:end])
    # a run after the first starts at a character of its script: common characters join the
    # run before them
    for start, _, script in runs[1:]:
        assert script_of(text[start]) == script
    if all(script_of(ch) is None for ch in text):
        assert runs == [(0, len(text), "Hani")]
