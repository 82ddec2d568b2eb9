"""Who may change the library: open on one machine; behind a proxy or a login, editors and viewers."""

from __future__ import annotations

from lib.access import AccessPolicy


def test_one_person_on_their_own_machine_may_do_everything():
    who = AccessPolicy().person({"X-Lens-User": "mallory"})
    assert who.can_edit and who.name is None and who.how == "open"


def test_behind_a_proxy_the_header_names_the_person_and_the_editor_list_decides():
    policy = AccessPolicy(user_header="X-Lens-User", editors=frozenset({"alice"}))
    alice = policy.person({"x-lens-user": "Alice"})  # header names and people's names: any case
    bob = policy.person({"X-Lens-User": "bob"})
    assert (alice.name, alice.can_edit, alice.how) == ("Alice", True, "proxy")
    assert (bob.name, bob.can_edit) == ("bob", False)


def test_a_request_without_an_identity_can_only_read():
    policy = AccessPolicy(user_header="X-Lens-User")
    for headers in ({}, {"X-Lens-User": ""}, {"X-Lens-User": " \x00\x1b\u200b "}):
        who = policy.person(headers)
        assert not who.can_edit and who.name is None


def test_without_an_editor_list_every_identified_person_edits():
    who = AccessPolicy(user_header="X-Lens-User").person({"X-Lens-User": "carol"})
    assert who.can_edit


def test_a_login_outranks_the_header_and_names_are_cleaned():
    policy = AccessPolicy(user_header="X-Lens-User", editors=frozenset({"dora@example.org"}), login=True)
    who = policy.person({"X-Lens-User": "someone-else"}, login_name="dora@example.org\n")
    assert (who.name, who.how, who.can_edit) == ("dora@example.org", "login", True)
    long = policy.person({"X-Lens-User": "x" * 5000})
    assert long.name is not None and len(long.name) <= 120


def test_the_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("LENS_USER_HEADER", "X-Forwarded-User")
    monkeypatch.setenv("LENS_EDITORS", " Alice , ,bob")
    policy = AccessPolicy.from_env()
    assert policy.user_header == "X-Forwarded-User" and policy.editors == frozenset({"alice", "bob"})
    monkeypatch.setenv("LENS_EDITORS", "")
    assert not AccessPolicy.from_env().person({"X-Forwarded-User": "alice"}).can_edit
