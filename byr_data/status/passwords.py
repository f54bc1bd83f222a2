"""The editor password, kept only as a salted scrypt hash (standard library `hashlib`).

`python -m byr_data password-hash` prints a line to paste into `.streamlit/secrets.toml`;
the reporting page (part 2) checks a typed password with `verify`. The format is
`scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>`, so the cost can be raised later without
breaking stored hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_KEY = "editor_password_hash"  # the key in .streamlit/secrets.toml
MIN_LENGTH = 12
# scrypt cost: about 16 MiB of memory and ~50 ms a try; enough to make guessing slow.
N, R, P = 2**14, 8, 1
SALT_BYTES = 16
HASH_BYTES = 32


class PasswordError(ValueError):
    """A password that is too weak, or a stored hash that cannot be read (Norwegian message)."""


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length,
                          maxmem=128 * r * (n + p + 2) + 1024 * 1024)


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"Passordet må ha minst {MIN_LENGTH} tegn (det har {len(password)}).")
    if len(set(password)) < 5:
        raise PasswordError("Passordet har for få ulike tegn.")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    check_strength(password)
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, N, R, P, HASH_BYTES)
    encode = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return f"scrypt${N}${R}${P}${encode(salt)}${encode(digest)}"


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        values = int(n), int(r), int(p), base64.b64decode(salt, validate=True), base64.b64decode(digest, validate=True)
    except ValueError:
        raise PasswordError(
            f"Passord-hashen i secrets ({SECRET_KEY}) kan ikke leses. Lag en ny med "
            "«python -m byr_data password-hash»."
        ) from None
    if values[0] < 2 or values[0] & (values[0] - 1) or not values[3] or not values[4]:
        raise PasswordError(f"Passord-hashen i secrets ({SECRET_KEY}) har ugyldige verdier.")
    return values


def verify(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash (constant-time comparison)."""
    n, r, p, salt, digest = parse_hash(stored)
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, len(digest)), digest)


def secrets_line(password: str) -> str:
    return f'{SECRET_KEY} = "{hash_password(password)}"'
