"""Who may edit the status report: sign-in settings from secrets, the editor allowlist and the
pauses after wrong passwords. Pure (no Streamlit): byr_data.ui reads the secrets and keeps one
`PasswordThrottle` per server process.

Two ways to become an editor, chosen from `.streamlit/secrets.toml` (never in git):
- `[auth]` set (Streamlit's `st.login`, OpenID Connect): the account's `email` claim must be in
  `[editors] emails = [...]`, and verified when the provider says (`email_verified`); signing in
  alone gives no right to edit.
- otherwise `editor_password_hash = "scrypt$…"` (made by `python -m byr_data password-hash`): the
  editor types the password and their name, recorded as «who».
With neither the report is read-only.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from byr_data.status import passwords, text as text_rules

OIDC, PASSWORD, NONE = "oidc", "password", "none"
EDITORS_SECTION, EMAILS_KEY = "editors", "emails"
FIRST_PAUSE_S = 2.0
MAX_PAUSE_S = 300.0
FORGET_AFTER_S = 900.0  # a name's wrong tries older than this no longer lengthen its pause
WRONG_PER_MINUTE = 10  # wrong passwords a minute in the whole process, whatever the names typed
MAX_NAME = text_rules.MAX_NAME_CHARS


@dataclass(frozen=True)
class AccessConfig:
    mode: str  # OIDC | PASSWORD | NONE
    editor_emails: frozenset[str] = frozenset()
    password_hash: str | None = None
    problem: str | None = None  # a setting that cannot be used (Norwegian, page-safe)

    @property
    def can_edit(self) -> bool:
        return self.mode != NONE and self.problem is None


def access_config(secrets: Mapping) -> AccessConfig:
    """The sign-in way the secrets configure. `[auth]` wins over a password hash."""
    if secrets.get("auth"):
        section = secrets.get(EDITORS_SECTION) or {}
        emails = section.get(EMAILS_KEY, []) if isinstance(section, Mapping) else []
        if isinstance(emails, str):
            emails = [emails]
        allowed = frozenset(str(e).strip().casefold() for e in emails if str(e).strip())
        problem = None if allowed else "ingen e-postadresser har fått redigeringsrett ennå"
        return AccessConfig(OIDC, editor_emails=allowed, problem=problem)
    stored = secrets.get(passwords.SECRET_KEY)
    if stored:
        try:
            passwords.parse_hash(str(stored))
        except passwords.PasswordError:
            return AccessConfig(PASSWORD, problem="innstillingen for redaktørpassordet kan ikke leses")
        return AccessConfig(PASSWORD, password_hash=str(stored))
    return AccessConfig(NONE)


@dataclass(frozen=True)
class Identity:
    """A `st.user` as far as the allowlist is concerned."""

    signed_in: bool
    email: str | None = None  # the address to look up in the allowlist; None when there is none to trust
    name: str = ""
    problem: str | None = None  # signed in, but no address to check (Norwegian, completes «…, men …»)


def oidc_identity(user: Mapping) -> Identity:
    """The signed-in account's `email` claim, for the allowlist, and its name.

    Only `email` counts: Entra ID's `preferred_username` and `upn` are not verified addresses. When the
    provider sends `email_verified`, it must be true; a provider that does not send it vouches for the
    address by sending it (Entra ID: only addresses of the tenant's own domains)."""
    if not user.get("is_logged_in"):
        return Identity(signed_in=False)
    email = str(user.get("email") or "").strip()
    try:
        name = clean_name(str(user.get("name") or ""))
    except ValueError:  # no visible name: the address is recorded instead
        name = ""
    name = name or email
    if not email:
        return Identity(True, None, name, "kontoen oppgir ingen e-postadresse")
    if "email_verified" in user and not is_true(user["email_verified"]):
        return Identity(True, None, name, f"e-postadressen {email} er ikke bekreftet hos innloggingstjenesten")
    return Identity(True, email, name)


def is_true(claim) -> bool:
    """A boolean claim: JSON true, or the text «true» that some providers send."""
    return claim is True or (isinstance(claim, str) and claim.strip().lower() == "true")


def may_edit(config: AccessConfig, email: str | None) -> bool:
    return config.mode == OIDC and email is not None and email.strip().casefold() in config.editor_emails


def clean_name(name: str) -> str:
    """The name an editor gives, as recorded (status.text's rule); raises ValueError with a Norwegian message."""
    try:
        cleaned = text_rules.clean_text(name, "navnet", limit=MAX_NAME, one_line=True)
    except text_rules.TextError as exc:
        raise ValueError(f"N{str(exc)[1:]}.") from None
    if not cleaned and (name or "").strip():
        raise ValueError("Navnet har ingen synlige tegn. Skriv navnet ditt; det lagres sammen med hver status du "
                         "registrerer.")
    if not cleaned:
        raise ValueError("Skriv navnet ditt; det lagres sammen med hver status du registrerer.")
    return cleaned


NAME_PAUSED, TOO_MANY = "name", "process"  # why a try was refused unchecked


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait_s: float = 0.0  # seconds until the next try is allowed
    checked: bool = True  # False: refused without checking, because of a pause
    why: str = ""  # when not checked: NAME_PAUSED or TOO_MANY


@dataclass
class NamePause:
    failures: int
    last_failure: float
    until: float


def name_key(name: str) -> str:
    """The name a pause belongs to: «kari  NORDMANN» is «Kari Nordmann»."""
    return " ".join((name or "").split()).casefold()


@dataclass
class PasswordThrottle:
    """Wrong passwords pause further tries under the same name (every tab of this server process): the
    pause doubles with each wrong try (2 s, 4 s, 8 s … at most 5 minutes). So a stranger's wrong tries
    pause only the stranger's name, never the editors'. Guessing under ever new names meets a ceiling
    for the whole process: at most WRONG_PER_MINUTE wrong passwords in any minute, then every try waits
    until the oldest is a minute old. Tries refused unchecked count for nothing. Tries are checked one
    at a time under a lock, so parallel tabs cannot guess faster."""

    clock: Callable[[], float] = time.monotonic
    names: dict[str, NamePause] = field(default_factory=dict)
    recent: deque = field(default_factory=deque)  # times of the wrong tries within the last minute
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_s(self, name: str) -> float:
        pause = self.names.get(name_key(name))
        return max(0.0, pause.until - self.clock()) if pause else 0.0

    def attempt(self, name: str, password: str, stored_hash: str) -> Attempt:
        key = name_key(name)
        with self.lock:
            now = self.clock()
            self._forget(now)
            pause = self.names.get(key)
            if pause is not None and now < pause.until:
                return Attempt(False, pause.until - now, checked=False, why=NAME_PAUSED)
            if len(self.recent) >= WRONG_PER_MINUTE:
                return Attempt(False, self.recent[0] + 60 - now, checked=False, why=TOO_MANY)
            if passwords.verify(password, stored_hash):
                self.names.pop(key, None)
                return Attempt(True)
            failures = pause.failures + 1 if pause is not None else 1
            wait = min(FIRST_PAUSE_S * 2 ** (failures - 1), MAX_PAUSE_S)
            self.names[key] = NamePause(failures, now, now + wait)
            self.recent.append(now)
            return Attempt(False, wait)

    def _forget(self, now: float) -> None:
        """Drop wrong tries older than a minute, and names whose last wrong try is long past."""
        while self.recent and now - self.recent[0] >= 60:
            self.recent.popleft()
        for key in [k for k, p in self.names.items() if now - p.last_failure > FORGET_AFTER_S and now >= p.until]:
            del self.names[key]


def wait_text(seconds: float) -> str:
    seconds = max(1, round(seconds + 0.49))
    if seconds < 90:
        return f"{seconds} sekunder" if seconds != 1 else "1 sekund"
    return f"{round(seconds / 60)} minutter"
