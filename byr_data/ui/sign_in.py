"""Who may edit the status report, in the browser: the sign-in (the municipality's account via
st.login, or the shared editor password with its pauses) and the signed-in editor.
The rules themselves are pure, in status.access and status.passwords."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from byr_data import fmt
from byr_data.status import access

EDITOR = "_byr_editor"  # session state: the editor signed in with the password, for this browser session
LOG = logging.getLogger("byr_data")


def secrets() -> dict:
    """`.streamlit/secrets.toml` as a dict; empty when there is none or it cannot be read."""
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError:
        return {}


@st.cache_resource(show_spinner=False)
def password_throttle() -> access.PasswordThrottle:
    """One per server process: a wrong password pauses that name in every tab, not just this one, and
    the ceiling on wrong passwords a minute holds for the whole app."""
    return access.PasswordThrottle()


def password_sign_in(config: access.AccessConfig) -> None:
    with st.form("rp-login", enter_to_submit=True):
        st.markdown("**Logg inn som redaktør**")
        name = st.text_input("Navnet ditt", max_chars=access.MAX_NAME, help="Lagres som «registrert av» på hver status.")
        password = st.text_input("Passord", type="password")
        if not st.form_submit_button("Logg inn"):
            return
    try:
        name = access.clean_name(name)
    except ValueError as exc:
        st.error(fmt.escape_markdown(str(exc)))  # our own sentence, but it may quote what was typed
        return
    attempt = password_throttle().attempt(name, password, config.password_hash)
    wait = access.wait_text(attempt.wait_s)
    if attempt.ok:
        st.session_state[EDITOR] = {"name": name, "via": access.PASSWORD}
        st.rerun()
    elif attempt.checked:
        st.error(f"Feil passord. Du kan prøve igjen om {wait}.")
    elif attempt.why == access.NAME_PAUSED:
        st.error(f"For mange feil passord for navnet «{fmt.escape_markdown(name)}». Prøv igjen om {wait}.")
    else:
        LOG.warning("Editor sign-in: %s wrong passwords within a minute; every try waits %.0f s",
                    access.WRONG_PER_MINUTE, attempt.wait_s)
        st.error(f"For mange feil passord i dashbordet det siste minuttet, så innloggingen er stengt en kort "
                 f"stund for alle. Prøv igjen om {wait}.")


def editor() -> dict | None:
    """The signed-in editor ({"name", "via"}), or None; draws the sign-in or says why not."""
    config = access.access_config(secrets())
    if config.mode == access.NONE:
        st.info("Siden er skrivebeskyttet: redigering er ikke slått på. Den som drifter dashbordet kan slå den "
                "på med innlogging via kommunens konto (og en liste over redaktørenes e-postadresser), eller "
                "med et felles redaktørpassord som bare lagres som en sikker hash. Fremgangsmåten står i "
                "dashbordets dokumentasjon, under «Statusrapportering».", icon=":material/lock:")
        return None
    if config.problem:
        st.warning(f"Redigering er ikke mulig nå: {config.problem}. Gi beskjed til den som drifter dashbordet.")
        return None
    if config.mode == access.OIDC:
        account = access.oidc_identity(st.user.to_dict())
        if not account.signed_in:
            st.button("Logg inn for å registrere status", on_click=st.login, icon=":material/login:")
            return None
        if account.problem:
            st.warning(f"Du er logget inn, men {fmt.escape_markdown(account.problem)}, så redigeringsretten kan ikke "
                       "kontrolleres. Be den som drifter dashbordet om hjelp.")
            st.button("Logg ut", on_click=st.logout)
            return None
        if not access.may_edit(config, account.email):
            st.warning(f"Du er logget inn som {fmt.escape_markdown(account.email)}, men har ikke redigeringsrett. "
                       "Be den som drifter dashbordet om å legge e-postadressen til blant redaktørene.")
            st.button("Logg ut", on_click=st.logout)
            return None
        who = {"name": account.name, "via": access.OIDC}
    else:
        who = st.session_state.get(EDITOR)
        if who is None:
            with st.expander("Logg inn for å registrere status", icon=":material/login:"):
                password_sign_in(config)
            return None
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(f"Logget inn som redaktør: {fmt.escape_markdown(who['name'])}")
    if right.button("Logg ut", key="rp-logout"):
        if who["via"] == access.OIDC:
            st.logout()
        st.session_state.pop(EDITOR, None)
        st.rerun()
    return who
