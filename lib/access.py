"""Who uses the dashboard and what they may change: viewers read, editors add, retry and delete.

Lens has no passwords of its own. On one person's machine (the default: the server listens on
localhost only) everyone is an editor. A team puts it behind a reverse proxy that authenticates
people and passes the name on in a header it sets itself (``LENS_USER_HEADER``, e.g.
``X-Lens-User``), or configures Streamlit's OpenID Connect login (``[auth]`` in
``.streamlit/secrets.toml``). Then ``LENS_EDITORS`` lists who may change the library (comma
separated; unset means every identified person); everyone else, and any request that arrives
without an identity, can only read.

The header is trusted only because nothing but the proxy can reach the server: keep
``server.address = "localhost"`` when the proxy runs on the same machine.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Role = Literal["viewer", "editor"]
MAX_NAME_CHARS = 120


@dataclass(frozen=True)
class Person:
    name: str | None  # None: nobody identified (the open single-user setup, or no identity sent)
    role: Role
    how: Literal["open", "proxy", "login", "none"]

    @property
    def can_edit(self) -> bool:
        return self.role == "editor"


@dataclass(frozen=True)
class AccessPolicy:
    user_header: str | None = None
    editors: frozenset[str] | None = None  # None: every identified person edits
    login: bool = False  # Streamlit's OIDC login is configured

    @classmethod
    def from_env(cls, *, login: bool = False) -> AccessPolicy:
        header = (os.environ.get("LENS_USER_HEADER") or "").strip() or None
        listed = os.environ.get("LENS_EDITORS")
        names = (n.strip().casefold() for n in (listed or "").split(","))
        editors = None if listed is None else frozenset(n for n in names if n)
        return cls(user_header=header, editors=editors, login=login)

    @property
    def open(self) -> bool:
        """No identity is configured: one person on their own machine, who may do everything."""
        return self.user_header is None and not self.login

    def person(self, headers: Mapping[str, str], login_name: str | None = None) -> Person:
        """The person behind one browser session, from the proxy's header or the OIDC login."""
        if self.open:
            return Person(None, "editor", "open")
        how: Literal["login", "proxy"] = "login"
        name = clean_name(login_name)
        if name is None and self.user_header is not None:
            how, name = "proxy", clean_name(_header(headers, self.user_header))
        if name is None:
            return Person(None, "viewer", "none")
        editor = self.editors is None or name.casefold() in self.editors
        return Person(name, "editor" if editor else "viewer", how)


def _header(headers: Mapping[str, str], wanted: str) -> str | None:
    wanted = wanted.casefold()
    return next((value for key, value in headers.items() if key.casefold() == wanted), None)


def clean_name(value: str | None) -> str | None:
    """A display name as a header or login gives it: printable, trimmed, bounded; else None."""
    if not value:
        return None
    kept = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C").strip()
    return kept[:MAX_NAME_CHARS] or None
