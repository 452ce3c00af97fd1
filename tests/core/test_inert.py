"""Untrusted text is made visible and inert."""

from hypothesis import given
from hypothesis import strategies as st

from kexplore.core.body.inert import inert, one_line


def test_escape_sequences_become_visible() -> None:
    assert inert("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m"
    assert inert("\x1b]52;c;aGk=\x07") == "\\x1b]52;c;aGk=\\x07"
    assert inert("a\u202eb\u200bc") == "a\\u202eb\\u200bc"
    assert inert("line\nbreak\ttab") == "line\\x0abreak\ttab"


def test_markup_is_left_as_characters() -> None:
    assert inert("[bold red]x[/]") == "[bold red]x[/]"


def test_one_line_cuts_with_an_ellipsis() -> None:
    assert one_line("abcdef", 4) == "abc…"
    assert one_line("abc", 4) == "abc"


@given(st.text())
def test_inert_output_has_no_control_characters(text: str) -> None:
    out = inert(text)
    assert not any(ord(c) < 0x20 and c != "\t" for c in out)
    assert not any(0x7F <= ord(c) <= 0x9F for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
