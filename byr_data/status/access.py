"""Who may edit the status report: sign-in settings from secrets, the editor allowlist and the
process-wide pause after wrong passwords. Pure (no Streamlit): byr_data.ui reads the secrets and
keeps one `PasswordThrottle` per server process.

Two ways to become an editor, chosen from `.streamlit/secrets.toml` (never in git):
- `[auth]` set (Streamlit's `st.login`, OpenID Connect): the signed-in e-mail address must be in
  `[editors] emails = [...]`; signing in alone gives no right to edit.
- otherwise `editor_password_hash = "scrypt$…"` (made by `python -m byr_data password-hash`): the
  editor types the password and their name, recorded as «who».
With neither the report is read-only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from byr_data.status import passwords, text as text_rules

OIDC, PASSWORD, NONE = "oidc", "password", "none"
EDITORS_SECTION, EMAILS_KEY = "editors", "emails"
FIRST_PAUSE_S = 2.0
MAX_PAUSE_S = 300.0
FORGET_AFTER_S = 900.0  # wrong tries older than this no longer lengthen the pause
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


def oidc_identity(user: Mapping) -> tuple[str | None, str]:
    """(e-mail, display name) of a signed-in `st.user`; e-mail None when not signed in.

    Microsoft Entra ID may leave out «email» and give «preferred_username» instead."""
    if not user.get("is_logged_in"):
        return None, ""
    email = next((str(user[k]).strip() for k in ("email", "preferred_username", "upn") if user.get(k)), None)
    try:
        name = clean_name(str(user.get("name") or ""))
    except ValueError:  # no visible name: the address is recorded instead
        name = ""
    return email, name or email or ""


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


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait_s: float = 0.0  # seconds until the next try is allowed
    checked: bool = True  # False: refused without checking, because of a pause


@dataclass
class PasswordThrottle:
    """Wrong passwords pause every further try in this server process (all tabs and users): the
    pause doubles with each wrong try (2 s, 4 s, 8 s … at most 5 minutes). Tries are checked one at
    a time under a lock, so parallel tabs cannot guess faster."""

    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    last_failure: float | None = None
    blocked_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_s(self) -> float:
        return max(0.0, self.blocked_until - self.clock())

    def attempt(self, password: str, stored_hash: str) -> Attempt:
        with self.lock:
            now = self.clock()
            if now < self.blocked_until:
                return Attempt(False, self.blocked_until - now, checked=False)
            if passwords.verify(password, stored_hash):
                self.failures, self.last_failure = 0, None
                return Attempt(True)
            if self.last_failure is not None and now - self.last_failure > FORGET_AFTER_S:
                self.failures = 0
            self.failures += 1
            self.last_failure = now
            pause = min(FIRST_PAUSE_S * 2 ** (self.failures - 1), MAX_PAUSE_S)
            self.blocked_until = now + pause
            return Attempt(False, pause)


def wait_text(seconds: float) -> str:
    seconds = max(1, round(seconds + 0.49))
    if seconds < 90:
        return f"{seconds} sekunder" if seconds != 1 else "1 sekund"
    return f"{round(seconds / 60)} minutter"
