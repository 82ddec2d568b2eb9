"""Guards on the figures measured against the hand-annotated articles (``bench/accuracy.py`` prints
them in full). The thresholds sit a little under the measured values, so a change that makes the
pipeline noticeably worse fails here."""

from __future__ import annotations

import pytest

from lib.evaluation import annotated, score_claims, score_places, score_voices
from tests.conftest import DATA


@pytest.fixture(scope="session")
def articles():
    found = annotated(DATA / "articles")
    assert len(found) >= 15, "at least 15 annotated articles"
    return found


def test_toponym_recognition(articles):
    s = score_places(articles)
    assert s.gold >= 300
    assert s.precision >= 0.90, s.spurious
    assert s.recall >= 0.92, s.misses


def test_toponym_resolution(articles):
    s = score_places(articles)
    assert s.acc161 >= 0.94, s.far
    assert s.median_km <= 10


def test_literal_and_metonymic_uses(articles):
    s = score_places(articles)
    assert s.literal_accuracy >= 0.87, s.literal_wrong


def test_quotes_are_found(articles):
    s = score_voices(articles)
    assert s.gold >= 600
    # Positions ("wants a closer relationship", "voted against the bill") and descriptions of any
    # person ("the actress said") are attributed since December 2026: recall 0.84 -> 0.87, speaker
    # 0.81 -> 0.83, precision 0.80 -> 0.77, as these articles' annotations hold few positions; and
    # documents and quantifiers that speak ("results show", "others call it", PolNeAR's convention),
    # which these annotations seldom mark, since the fifth session of December 2026: 0.77 -> 0.756.
    assert s.precision >= 0.75, s.spurious
    assert s.recall >= 0.85, s.misses


def test_quotes_go_to_the_right_speaker(articles):
    s = score_voices(articles)
    assert s.speaker_accuracy >= 0.80, s.wrong_speaker


def test_voices_get_the_right_source_type(articles):
    s = score_voices(articles)
    assert s.voice_recall >= 0.66
    assert s.type_accuracy >= 0.70, s.wrong_type


def test_claims_are_found_with_their_speakers(articles):
    s = score_claims(articles)
    assert s.gold >= 500
    assert s.recall >= 0.90, s.misses
    assert s.speaker_accuracy >= 0.82, s.wrong_speaker


def test_claims_are_placed_in_time(articles):
    s = score_claims(articles)
    assert s.relation_accuracy >= 0.80, s.wrong_relation
    assert s.value_accuracy >= 0.85, s.wrong_value
