"""Bad and hostile input through the Library's upload and paste forms, in a real browser."""

from __future__ import annotations

import pytest

from tests.conftest import article_text

pytestmark = pytest.mark.e2e

HOSTILE = (
    "Council &lt;script&gt;window.__pwned = 1&lt;/script&gt; votes on harbour "
    '&lt;img src=x onerror="window.__pwned = 2"&gt; repairs'
)


def upload(watched, server, files: list[tuple[str, bytes]]) -> str:
    page = watched.page
    watched.open(f"{server.url}/library")
    page.get_by_role("tab", name="Upload files").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in files]
    )
    page.wait_for_timeout(800)
    button = page.get_by_role("button", name="Process and add")
    if button.count():
        button.click()
        for name, _ in files:  # unreadable ones at once, the others when the worker is done with them
            watched.wait_for_alert(f"{name}: ")
        watched.settle()
    return watched.main_text()


def stored_titles(watched) -> str:
    return watched.page.locator('[data-testid="stDataFrame"]').inner_text()


def test_bad_files_get_clear_messages_and_nothing_is_stored(server, watched, tmp_path):
    before = None
    watched.open(f"{server.url}/library")
    before = watched.main_text().split("Stored articles (")[1].split(")")[0]
    text = upload(
        watched,
        server,
        [
            ("empty.txt", b"   \n  "),
            ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
            ("fragment.md", b"# Just a headline\n\nToo short."),
        ],
    )
    assert "empty.txt: The file is empty." in text
    assert "photo.txt: This looks like a binary file" in text
    assert "fragment.md: This is too short to be an article" in text
    assert "Traceback" not in text
    assert f"Stored articles ({before})" in text


def test_a_20_mb_file_is_refused_by_the_upload_form(server, watched):
    text = upload(watched, server, [("huge.txt", b"news " * (4 * 1024 * 1024))])
    assert "2.0MB" in text or "too large" in text
    assert "Traceback" not in text


def test_a_cp1251_file_is_read_correctly(server, watched):
    russian = "Мэр заявил в понедельник, что мост останется закрытым. «Ремонт займёт несколько недель»."
    body = (article_text(60, "the old bridge") + " " + russian + " " + article_text(30)).encode("cp1251")
    text = upload(watched, server, [("bridge.txt", body)])
    assert "bridge.txt: added" in text
    watched.open(f"{server.url}/")
    assert "Мэр заявил в понедельник" in watched.main_text()


def test_hostile_markup_in_an_article_is_shown_as_text_and_never_runs(server, watched):
    html = (
        "<html><head><title>Harbour &lt;script&gt;window.__pwned=3&lt;/script&gt; vote</title></head><body>"
        f"<article><h1>Harbour vote</h1><p>{HOSTILE}. {article_text(60)}</p>"
        "<script>window.__pwned = 4</script><p>"
        + article_text(40, "the pier")
        + "</p></article></body></html>"
    )
    text = upload(watched, server, [("hostile.html", html.encode())])
    assert "hostile.html: added" in text
    page = watched.page
    for path in ("", "map", "timeline", "voices", "library"):
        watched.open(f"{server.url}/{path}")
        assert page.evaluate("() => window.__pwned === undefined"), f"script ran on /{path}"
    watched.open(f"{server.url}/")
    assert "<script>window.__pwned = 1</script>" in watched.main_text()
    assert page.evaluate("() => window.__pwned === undefined")
