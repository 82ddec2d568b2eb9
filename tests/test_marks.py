"""Quotation marks: which words are inside a quote, whatever the typography."""

import pytest

from lib.voices.marks import quoted_passages


def texts(text: str) -> list[str]:
    return [text[m.start : m.end] for m in quoted_passages(text)]


def test_curly_and_straight_double_quotes():
    assert texts('He said “we will win,” and she said "never" twice.') == ["we will win,", "never"]


def test_apostrophes_are_not_quotes_but_british_single_quotes_are():
    text = "Kyiv’s mayor said ‘we don’t give up’ and the city’s people agreed."
    assert texts(text) == ["we don’t give up"]


def test_single_quotes_inside_double_quotes_stay_inside():
    assert texts("“He told me ‘run’ and I ran,” she said.") == ["He told me ‘run’ and I ran,"]


def test_a_quote_running_over_two_paragraphs_is_two_linked_passages():
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    found = quoted_passages(text)
    assert [text[m.start : m.end] for m in found] == ["First paragraph of the quote.", "Second paragraph,"]
    assert [m.continues for m in found] == [False, True]


def test_an_unclosed_quote_ends_with_its_paragraph():
    text = "He said “this never closes\n\nNew paragraph without quotes."
    assert texts(text) == ["this never closes"]


@pytest.mark.parametrize("pair", ["“ ”", '" "', "‘ ’"])
def test_an_empty_pair_of_quotation_marks_quotes_nothing(pair):
    text = f"“Nothing will change,” said the mayor. {pair} “We will stay here.”"
    assert texts(text) == ["Nothing will change,", "We will stay here."]


def test_an_opening_mark_typed_where_the_closing_one_belongs_still_closes_the_quote():
    text = "“We will win this,“ said the mayor. Voters then went to the “polls” to decide."
    assert texts(text) == ["We will win this,", "polls"]
