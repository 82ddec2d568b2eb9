"""A stage that fails on one article never loses it and never stops the others."""

from __future__ import annotations

import pytest

import lib.components
from lib.cli import main as cli
from lib.library import add_raw, add_text, failed_article
from lib.pipeline import ProcessingError
from lib.store import Store
from tests.corpus import distinct_articles

REPORTED = [
    # the role word of a speaker read as an organisation had no source type: Voice(source_type='')
    "The News & Observer of Raleigh reported nearly 23 percent of North Carolina's teachers used 10 or more "
    "non-consecutive sick days in the last school year. The state board said it would look at the figures "
    "next month.",
    "Shares of the regional grocery chain fell 4 percent on Tuesday after it announced the closure of eleven "
    "stores. Spokeswoman Sandy Angers said the company would offer jobs at nearby stores to most of the "
    "affected workers.",
]
MARK = "Zorblatt"  # a made-up word: the one article the broken stage fails on


@pytest.mark.parametrize("text", REPORTED)
def test_articles_that_used_to_crash_are_processed_from_the_library_and_the_cli(text, tmp_path, capsys):
    added = add_text(Store(), text)
    assert added.created and added.doc.voices
    assert all(v.source_type for v in added.doc.voices)
    path = tmp_path / "article.txt"
    path.write_text(text + " Officials gave no further details.", encoding="utf-8")
    assert cli(["process", str(path)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def _fail_on_mark(monkeypatch) -> None:
    real = lib.components.extract_voices

    def flaky(doc, *args, **kwargs):
        if MARK in doc.text:
            raise RuntimeError("the voices stage met something it did not expect")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(lib.components, "extract_voices", flaky)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_one_failing_article_is_kept_as_failed_the_batch_goes_on_and_a_rerun_retries_it(
    workers, tmp_path, monkeypatch, capsys
):
    paths = distinct_articles(tmp_path / "in", range(6))
    paths[2].write_text(paths[2].read_text(encoding="utf-8") + f"\n\nThe {MARK} report was cited.")
    with monkeypatch.context() as patched:
        _fail_on_mark(patched)
        assert cli(["process", str(tmp_path / "in"), "--workers", workers]) == 1
    err = capsys.readouterr().err
    assert "article-0002.txt: the voices stage failed" in err
    assert "5 stored, 0 already stored, 1 failed" in err and "Traceback" not in err
    store = Store()
    assert store.count() == 5
    [failed] = store.failures()
    assert failed.stage == "voices" and "did not expect" in failed.error and MARK in failed.text

    # the bug is fixed: the same command again retries what failed
    assert cli(["process", str(tmp_path / "in")]) == 0
    assert "1 stored, 5 already stored, 0 failed" in capsys.readouterr().err
    assert store.count() == 6 and not store.failures()


def test_a_pasted_article_a_stage_fails_on_is_kept_and_can_be_retried(monkeypatch):
    store = Store()
    text = f"The {MARK} council said on Monday that the bridge would reopen next week after repairs. " * 3
    kept = "The voices stage failed on this article .*It was kept as failed"
    with monkeypatch.context() as patched, pytest.raises(ProcessingError, match=kept):
        _fail_on_mark(patched)
        add_text(store, text, title="Bridge to reopen")
    [failed] = store.failures()
    assert (failed.title, store.count()) == ("Bridge to reopen", 0)

    added = add_raw(store, failed_article(store, failed.id))  # what the Library's Retry hands the worker
    assert added.created and added.doc.article.title == "Bridge to reopen"
    assert store.count() == 1 and not store.failures()
