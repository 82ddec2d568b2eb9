"""The correction forms of the views, and the history with undo (Streamlit; the rules are in
``lib.corrections`` and ``lib.team``).

Every form saves one correction row (or a few) and reruns: the page then shows the article as
corrected, with who changed what and when. Names and notes are article-independent user text and are
escaped like article text wherever they are shown.
"""

from __future__ import annotations

import re

import streamlit as st
from pydantic import JsonValue

from lib import team
from lib.contract import (
    IDENTITIES,
    SOURCE_TYPES,
    CorrectionRecord,
    CorrectionTarget,
    Place,
    ProcessedArticle,
    Voice,
)
from lib.corrections import (
    RESOLUTION_KEYS,
    CorrectionError,
    anchor_of,
    check,
    current_value,
    describe,
)
from lib.geo.gazetteer import Entry, get_gazetteer
from ui import jobs, state
from ui.text import md

RELATIONS = ("past", "present", "future", "unknown")
CERTAINTIES = ("high", "medium", "low")


def _author() -> str | None:
    """Who is correcting, or None after saying what is missing (a name, or the right to edit)."""
    if not state.person().can_edit:
        st.warning(
            "You can read this article, not correct it: corrections need an editor.", icon=":material/lock:"
        )
        return None
    name = state.author()
    if not name:
        st.warning("Enter your name in the sidebar first: every correction records who made it.",
                   icon=":material/person:")  # fmt: skip
        return None
    return name


def save(
    doc: ProcessedArticle,
    target: CorrectionTarget,
    item_id: str,
    changes: dict[str, JsonValue],
    *,
    note: str = "",
    every: team.VoiceKnowledge | team.PlaceKnowledge | team.NotPlace | None = None,
) -> None:
    """Keep the corrections of one item's fields (and, ``every``, the team lexicon entry they make),
    then show the article corrected. A value a field does not take is one sentence, and nothing is
    saved."""
    span = anchor_of(doc, target, item_id)
    olds = {f: current_value(doc, target, f, item_id) for f in changes}
    item = doc.voice(item_id) if target == "voice" else doc.place(item_id) if target == "place" else None
    _keep(doc, target, span.start, span.end, changes, olds, note, every, item.name if item else None)


def add(
    doc: ProcessedArticle, target: CorrectionTarget, field: str, start: int, end: int, new: JsonValue
) -> None:
    """Keep the addition of an item Lens missed, at the words a person chose."""
    _keep(doc, target, start, end, {field: new}, {field: None}, "", None)


def _keep(
    doc: ProcessedArticle,
    target: CorrectionTarget,
    start: int,
    end: int,
    changes: dict[str, JsonValue],
    olds: dict[str, JsonValue],
    note: str,
    every: team.VoiceKnowledge | team.PlaceKnowledge | team.NotPlace | None,
    name: str | None = None,
) -> None:
    """Store the changes; the toast names the item as the view shows it (a voice or place by its name,
    a quote or claim by its words), not by the words a correction is anchored to."""
    author = _author()
    if author is None:
        return
    try:
        for field, new in changes.items():
            check(doc, target, field, start, end, new)
    except CorrectionError as exc:
        st.error(f"Not saved: {md(str(exc))}.", icon=":material/error:")
        return
    store = state.get_store()
    words = doc.article.text[start:end]
    for field, new in changes.items():
        store.add_correction(
            doc.article.id, target, (start, end, words), field, olds[field], new, author, note
        )
    if every is not None:
        store.add_knowledge([(team.key(every), every.model_dump_json(exclude_none=True))], author)
        stale = [i for i in team.stale_articles(store, [every]) if i != doc.article.id]
        st.session_state["stale"] = (every.name, stale)
    done = "; ".join(describe_new(f, name or words, new) for f, new in changes.items())
    st.session_state["saved"] = "Saved: " + done + (" (for every article)" if every else "")
    st.rerun()


def describe_new(field: str, words: str, new: JsonValue) -> str:
    shown = (new.get("name") or new.get("text")) if isinstance(new, dict) else new
    return f"{field.replace('_', ' ')} of “{words[:60]}” → {shown}"


def notices(doc: ProcessedArticle) -> None:
    """What the last save did, corrections that need review, and the stored articles a correction
    "for every article" would change (with a button to process them again)."""
    saved = st.session_state.pop("saved", None)
    if saved:
        st.toast(md(saved), icon=":material/check:")
    review = [r for r in doc.corrections if r.status == "needs review"]
    if review:
        lines = "\n".join(f"- “{md(r.text[:80])}”: {md(describe(r))} ({md(r.author)})" for r in review)
        st.warning(
            f"**{len(review)} correction(s) need review**: the article was processed again and these "
            f"words are no longer what they corrected. They are kept; undo them below or correct again.\n"
            f"{lines}",
            icon=":material/rule:",
        )
    stale = st.session_state.get("stale")
    if stale and stale[1]:
        name, ids = stale
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(
            f"{len(ids)} other stored article(s) name **{md(name)}**: process them again to apply the team's "
            "correction there too.",
            icon=":material/groups:",
        )
        right.button("Process them again", icon=":material/refresh:", on_click=_reprocess_stale, args=(ids,))


def _reprocess_stale(ids: list[str]) -> None:
    titles = {r.id: r.title for r in state.rows()}
    for article_id in ids:
        jobs.reprocess(article_id, titles.get(article_id, article_id))
    st.session_state.pop("stale", None)


def item_history(doc: ProcessedArticle, item_id: str) -> None:
    """Who changed this item and when, latest last; a change another made after it says so."""
    records = [r for r in doc.corrections if r.item == item_id]
    for r in records:
        replaced = " · *replaced by a later change*" if r.status == "replaced" else ""
        st.caption(f":material/edit: {md(describe(r))} — **{md(r.author)}**, {_when(r)}{replaced}")


def _when(r: CorrectionRecord) -> str:
    return r.at.strftime("%Y-%m-%d %H:%M UTC")


def history(doc: ProcessedArticle) -> None:
    """Every correction of the article with who and when, and Undo for each one that holds."""
    rows = state.get_store().corrections(doc.article.id)
    if not rows:
        return
    status = {r.id: r.status for r in doc.corrections}
    with st.expander(f"Corrections of this article ({len(rows)})", icon=":material/history:"):
        for c in reversed(rows):
            left, right = st.columns([6, 1], vertical_alignment="center")
            said = status.get(c.id, "undone")
            undone = f" · undone by {md(c.undone_by or '?')}" if c.undone_at else ""
            note = f" · “{md(c.note)}”" if c.note else ""
            left.markdown(
                f"**{md(c.author)}** · {c.at:%Y-%m-%d %H:%M} · {md(c.target)}: {md(describe(c))}{note} · "
                f"*{said}*{undone}"
            )
            if c.undone_at is None and state.person().can_edit:
                right.button("Undo", key=f"undo-{c.id}", icon=":material/undo:", on_click=_undo, args=(c.id,))


def _undo(correction_id: int) -> None:
    name = state.author() or "someone"
    if state.get_store().undo_correction(correction_id, name):
        st.session_state["saved"] = "Undone"


# Map
def _resolution(e: Entry) -> dict[str, JsonValue]:
    values: dict[str, JsonValue] = {
        "key": e.key, "name": e.name, "kind": e.kind, "geonameid": e.geonameid, "lat": e.lat, "lon": e.lon,
        "country_code": e.country_code, "admin1": get_gazetteer().admin_name(e),
    }  # fmt: skip
    assert set(values) == set(RESOLUTION_KEYS)
    return values


def _entry_label(e: Entry) -> str:
    where = ", ".join(x for x in (get_gazetteer().admin_name(e), e.country_code) if x)
    people = f" · {e.population:,} people" if e.population else ""
    return f"{e.name} ({where or e.kind}){people}"


def place_form(doc: ProcessedArticle, place: Place) -> None:
    """Correct a place: another candidate or any gazetteer place, not a place, literal or not."""
    item_history(doc, place.id)
    with st.expander("Correct this place", icon=":material/edit_location_alt:"):
        gaz = get_gazetteer()
        choices = [e for c in place.candidates if c.geonameid and (e := gaz.by_geonameid(c.geonameid))]
        typed = st.text_input(
            "Search the gazetteer", key=f"search-{place.id}", placeholder="e.g. Springfield"
        )
        if typed.strip():
            choices = gaz.search(typed.strip()) or []
            if not choices:
                st.caption("No gazetteer place has that name.")
        with st.form(f"place-{place.id}", border=False):
            pick = st.selectbox(
                "The place meant", choices, index=None, format_func=_entry_label,
                placeholder="Pick a candidate, or search above" if choices else "Search the gazetteer above",
            )  # fmt: skip
            every = st.checkbox(
                f"For every article: “{place.mentions[0].surface}” is this place"
                + (f" when an article is about {place.country_code}" if place.country_code else ""),
                help="Saved in the team lexicon and applied to every article processed from now on.",
            )
            note = st.text_input("Note (optional)", max_chars=500, placeholder="why, or where you checked")
            if st.form_submit_button("Move it there", icon=":material/check:", type="primary") and pick:
                surface = next((m.surface for m in place.mentions if not m.associative), place.name)
                entry = team.PlaceKnowledge(
                    kind="place", name=surface, country=place.country_code or pick.country_code,
                    geonameid=pick.geonameid or 0,
                ) if every and pick.geonameid else None  # fmt: skip
                save(
                    doc, "place", place.id, {"resolution": _resolution(pick)}, note=note.strip(), every=entry
                )
        left, mid, right = st.columns(3)
        usage = "stands for its government" if place.literal else "a location"
        if left.button(f"It is {usage}", key=f"literal-{place.id}", icon=":material/swap_horiz:"):
            save(doc, "place", place.id, {"literal": not place.literal})
        if mid.button("Not a place", key=f"notplace-{place.id}", icon=":material/location_off:"):
            save(doc, "place", place.id, {"not_place": True})
        word = place.mentions[0].surface
        if right.button(f"“{word[:24]}” is never a place", key=f"never-{place.id}", icon=":material/block:"):
            save(
                doc, "place", place.id, {"not_place": True}, every=team.NotPlace(kind="not_place", name=word)
            )


# Voices
def _voice_label(doc: ProcessedArticle, v: Voice) -> str:
    n = len(v.quotes)
    return f"{v.name} · {v.source_type} · {n} quote{'s' if n != 1 else ''}"


def voice_form(doc: ProcessedArticle, voices: list[Voice]) -> None:
    """Correct a voice: type, role, affiliation (here or for every article); merge it; move a quote."""
    ids = [v.id for v in voices]
    chosen = st.selectbox(
        "Voice", ids, index=None, key="correct-voice", placeholder="Choose the voice to correct",
        format_func=lambda i: _voice_label(doc, doc.voice(i)),  # type: ignore[arg-type]
    )  # fmt: skip
    voice = doc.voice(chosen)
    if voice is None:
        return
    item_history(doc, voice.id)
    with st.form(f"voice-{voice.id}", border=False):
        c1, c2, c3, c4 = st.columns(4)
        kind = c1.selectbox("Source type", SOURCE_TYPES, index=SOURCE_TYPES.index(voice.source_type))
        identity = c2.selectbox(
            "Identity", IDENTITIES, index=IDENTITIES.index(voice.identity),
            help="Named; unnamed but described (“a senior official”); or anonymous (“a source who asked "
            "not to be named”). Only for this article.",
        )  # fmt: skip
        role = c3.text_input("Role", value=voice.role or "", max_chars=200)
        affiliation = c4.text_input("Affiliation", value=voice.affiliation or "", max_chars=200)
        every = st.checkbox(
            f"For every article: {voice.name} is always this",
            help="Saved in the team lexicon: every article processed from now on that quotes this name "
            "gets it.",
        )
        note = st.text_input("Note (optional)", max_chars=500, placeholder="why, or where you checked")
        if st.form_submit_button("Save", icon=":material/check:", type="primary"):
            values = {
                "source_type": kind,
                "identity": identity,
                "role": role.strip() or None,
                "affiliation": affiliation.strip() or None,
            }
            _save_voice(doc, voice, values, every, note.strip())
    others = [v.id for v in doc.voices if v.id != voice.id and v.source_type != "article"]
    left, right = st.columns(2)
    with left, st.form(f"merge-{voice.id}", border=True):
        into = st.selectbox("Merge into", others, index=None, format_func=lambda i: doc.voice(i).name)  # type: ignore[union-attr]
        if st.form_submit_button("Merge", icon=":material/merge:") and into:
            save(doc, "voice", voice.id, {"merge": _voice_anchor(doc, into)})
    if voice.quotes:
        with right, st.form(f"move-{voice.id}", border=True):
            index = st.selectbox(
                "Quote", range(len(voice.quotes)),
                format_func=lambda i: f"“{voice.quotes[i].text[:70]}”",
            )  # fmt: skip
            to = st.selectbox("Move it to", [*others, "new"], index=None,
                              format_func=lambda i: "a new voice…" if i == "new" else doc.voice(i).name)  # type: ignore[union-attr]  # fmt: skip
            name = st.text_input("New voice's name", placeholder="only for a new voice", max_chars=200)
            move, drop = st.columns(2)
            if move.form_submit_button("Move", icon=":material/move_item:") and to:
                _move_quote(doc, voice, index, to, name)
            if drop.form_submit_button("Not a quote", icon=":material/format_quote_off:"):
                save(doc, "quote", f"{voice.id}.q{index + 1}", {"not_quote": True})


def _save_voice(
    doc: ProcessedArticle, voice: Voice, values: dict[str, str | None], every: bool, note: str
) -> None:
    changed: dict[str, JsonValue] = {f: v for f, v in values.items() if v != getattr(voice, f)}
    known = {f: v for f, v in values.items() if f != "identity"}  # how one article presents it
    entry = (
        team.VoiceKnowledge.model_validate({"kind": "voice", "name": voice.name, **known}) if every else None
    )
    if not changed and entry is None:
        st.info("Nothing changed.")
        return
    save(doc, "voice", voice.id, changed, note=note, every=entry)


def _move_quote(doc: ProcessedArticle, voice: Voice, index: int, to: str, name: str) -> None:
    if to == "new":
        if not name.strip():
            st.error("Give the new voice a name.", icon=":material/error:")
            return
        save(doc, "quote", f"{voice.id}.q{index + 1}", {"voice": {"name": name.strip()}})
        return
    save(doc, "quote", f"{voice.id}.q{index + 1}", {"voice": _voice_anchor(doc, to)})


def _voice_anchor(doc: ProcessedArticle, voice_id: str) -> dict[str, JsonValue]:
    """A voice as the value of a correction that points at it: its words, and its name to show."""
    span = anchor_of(doc, "voice", voice_id)
    voice = doc.voice(voice_id)
    return {"start": span.start, "end": span.end, "text": doc.article.text[span.start : span.end],
            "name": voice.name if voice else "?"}  # fmt: skip


# Timeline
DATE_HELP = "A year (2024), a month (2024-05) or a day (2024-05-17); a range as two joined by “/”."


def claim_form(doc: ProcessedArticle, claim_id: str) -> None:
    """Correct a claim: its date, relation to publication and certainty, or that it is no claim."""
    claim = doc.claim(claim_id)
    if claim is None:
        return
    item_history(doc, claim.id)
    with (
        st.expander("Correct this claim", icon=":material/edit_calendar:"),
        st.form(f"claim-{claim.id}", border=False),
    ):
        c1, c2, c3 = st.columns(3)
        value = c1.text_input(
            "Date", value=claim.time.value or "", help=DATE_HELP, placeholder="e.g. 2024-05"
        )
        relation = c2.selectbox("When", RELATIONS, index=RELATIONS.index(claim.time.relation))
        certainty = c3.selectbox("Certainty", CERTAINTIES, index=CERTAINTIES.index(claim.certainty))
        note = st.text_input("Note (optional)", max_chars=500, placeholder="why, or where you checked")
        save_col, drop_col = st.columns(2)
        if save_col.form_submit_button("Save", icon=":material/check:", type="primary"):
            typed = value.strip() or None
            changed: dict[str, JsonValue] = {}
            if typed != claim.time.value:
                changed["date"] = typed
            if relation != claim.time.relation and "date" not in changed:  # a date decides the relation
                changed["relation"] = relation
            if certainty != claim.certainty:
                changed["certainty"] = certainty
            if changed:
                save(doc, "claim", claim.id, changed, note=note.strip())
            else:
                st.info("Nothing changed.")
        if drop_col.form_submit_button("Not a claim", icon=":material/block:"):
            save(doc, "claim", claim.id, {"not_claim": True}, note=note.strip())


# Article
def add_form(doc: ProcessedArticle) -> None:
    """Add a place, voice or quote Lens missed, from words of the article the person types."""
    with st.expander("Add what Lens missed", icon=":material/add_circle:"):
        words = st.text_input(
            "Words of the article", key="add-words", placeholder="Copy them from the text below"
        )
        found = (
            [m.start() for m in re.finditer(re.escape(words.strip()), doc.article.text)]
            if words.strip()
            else []
        )
        if words.strip() and not found:
            st.caption("These words are not in the article (they must be written exactly as in the text).")
            return
        if not found:
            return
        start = found[0]
        if len(found) > 1:
            start = st.selectbox(
                f"They occur {len(found)} times: which one?", found,
                format_func=lambda s: f"…{doc.sentence_text(s)[:110]}…",
            )  # fmt: skip
        end = start + len(words.strip())
        kind = st.segmented_control("Add it as", ["place", "voice", "quote"], default="place", key="add-kind")
        if kind == "place":
            entries = get_gazetteer().search(words.strip())
            hint = "Gazetteer places of that name" if entries else "No place of that name"
            pick = st.selectbox(
                "Which place", entries, index=None, format_func=_entry_label, placeholder=hint
            )
            if st.button("Add the place", icon=":material/add_location_alt:", disabled=pick is None) and pick:
                add(doc, "place", "add_place", start, end, _resolution(pick))
        elif kind == "voice":
            source_type = st.selectbox("Source type", SOURCE_TYPES, index=SOURCE_TYPES.index("unknown"))
            if st.button("Add the voice", icon=":material/person_add:"):
                add(
                    doc, "voice", "add_voice", start, end, {"name": words.strip(), "source_type": source_type}
                )
        else:
            speakers = [v.id for v in doc.voices]
            who = st.selectbox("Said by", [*speakers, "new"], index=None,
                               format_func=lambda i: "a new voice…" if i == "new" else doc.voice(i).name)  # type: ignore[union-attr]  # fmt: skip
            name = (
                st.text_input("New voice's name", key="add-quote-name", max_chars=200) if who == "new" else ""
            )
            if st.button("Add the quote", icon=":material/format_quote:", disabled=who is None):
                if who == "new":
                    add(
                        doc,
                        "quote",
                        "add_quote",
                        start,
                        end,
                        {"name": name.strip()} if name.strip() else None,
                    )
                elif who:
                    add(doc, "quote", "add_quote", start, end, _voice_anchor(doc, who))


def reviewed(doc: ProcessedArticle) -> None:
    """Who marked this article reviewed, and a button to add oneself."""
    marks = state.get_store().reviews().get(doc.article.id, [])
    left, right = st.columns([5, 1], vertical_alignment="center")
    if marks:
        who = ", ".join(f"{a} ({at[:10]})" for a, at in marks)
        left.caption(f":material/verified: Reviewed by {md(who)}")
    if right.button("Mark reviewed", icon=":material/verified:", key="mark-reviewed"):
        author = _author()
        if author:
            state.get_store().mark_reviewed(doc.article.id, author)
            st.rerun()
