"""Who may edit the status report, in the browser: the sign-in (the municipality's account via
st.login, or the shared editor password with its process-wide pause) and the signed-in editor.
The rules themselves are pure, in status.access and status.passwords."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from byr_data import fmt
from byr_data.status import access

EDITOR = "_byr_editor"  # session state: the editor signed in with the password, for this browser session


def secrets() -> dict:
    """`.streamlit/secrets.toml` as a dict; empty when there is none or it cannot be read."""
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError:
        return {}


@st.cache_resource(show_spinner=False)
def password_throttle() -> access.PasswordThrottle:
    """One per server process: a wrong password pauses the tries of every tab, not just this one."""
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
    attempt = password_throttle().attempt(password, config.password_hash)
    if attempt.ok:
        st.session_state[EDITOR] = {"name": name, "via": access.PASSWORD}
        st.rerun()
    elif attempt.checked:
        st.error(f"Feil passord. Du kan prøve igjen om {access.wait_text(attempt.wait_s)}.")
    else:
        st.error(f"For mange feil passord: innloggingen er stengt en liten stund. Prøv igjen om "
                 f"{access.wait_text(attempt.wait_s)}.")


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
        email, name = access.oidc_identity(st.user.to_dict())
        if email is None:
            st.button("Logg inn for å registrere status", on_click=st.login, icon=":material/login:")
            return None
        if not access.may_edit(config, email):
            st.warning(f"Du er logget inn som {fmt.escape_markdown(email)}, men har ikke redigeringsrett. Be den som "
                       "drifter dashbordet om å legge e-postadressen til blant redaktørene.")
            st.button("Logg ut", on_click=st.logout)
            return None
        who = {"name": name or email, "via": access.OIDC}
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
