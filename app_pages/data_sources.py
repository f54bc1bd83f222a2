"""«Data og kilder»: provenance of what is shown, the refresh, the cache, and the method notes."""

import streamlit as st

from byr_data import fmt
from byr_data.commuting import pages as commuting_pages
from byr_data.jobs import notes
from byr_data.programme import pages as programme_pages
from byr_data.ssb import cache
from byr_data.ui import commuting, frame, load, programme

data = load.dataset()
region = load.region_settings()
provenance = data.provenance

st.title("Data og kilder", anchor=False)
load.provenance_banner(data)

st.header("Hva som vises nå")
left, right = st.columns(2)
left.metric("Kilde", provenance.source_label)
left.write(fmt.escape_markdown(provenance.description))
right.metric("Hentet", fmt.timestamp(provenance.fetched_at) if provenance.fetched_at else "–")
right.write(f"SSB sist oppdatert: {fmt.ssb_updated(provenance.updated)}  \nTabell: {provenance.table}")
st.table(load.build(notes.coverage), border="horizontal")  # wraps the long list of municipalities
if load.is_offline("arbeidssted"):  # no 07984 jobs series: the one definition, once per data version
    st.info(
        "Uten nett viser appen arbeidsplasser (sysselsatte etter arbeidssted) fra SSB tabell 11618 for 2017–2022, "
        "hvert år slik det først ble publisert, og sysselsatte bosatte fra tabell 07984. Tidsserien for "
        "arbeidsplasser fra 2008 (tabell 07984) vises når tallene er hentet fra SSB. De to tabellene settes aldri "
        "sammen til én serie, og sysselsatte bosatte vises aldri som arbeidsplasser."
    )
else:
    differences = load.table_differences()
    if differences is not None and len(differences):
        st.subheader("Tabell 07984 og tabell 11618 for årene begge har", anchor=False)
        st.caption(f"{fmt.escape_markdown(region.name)}. Uten nett viser appen tabell 11618; tabellene måles ulikt "
                   "(11618 er hvert år slik det først ble publisert), så de settes aldri sammen til én serie.")
        st.table(differences, border="horizontal")

st.header("Oppdater fra SSB")
status = load.cache_status()
if not status.exists:
    st.write("Hurtiglager: ingen data hentet fra SSB på denne maskinen ennå.")
elif status.problem:
    st.write("Hurtiglager: ubrukelig. En vellykket oppdatering fra SSB erstatter det.")
    if status.problem not in data.notices:  # the banner above already shows the same warning
        st.warning(fmt.escape_markdown(status.problem))
else:
    age = status.provenance.age(cache.now_utc())
    st.write(f"Hurtiglager: {fmt.integer(status.rows)} rader, hentet {fmt.timestamp(status.provenance.fetched_at)} ({fmt.age(age)} siden).")
if st.button("Hent nye tall fra SSB", type="primary"):
    load.refresh_now()
frame.page_error_details()

st.header("Metode")
for title, text in notes.method_notes(region):
    st.subheader(title)
    st.write(text)

st.subheader("Pendling (SSB-tabell 03321)")
st.write(fmt.escape_markdown(commuting.data().provenance.description))
st.write(commuting_pages.WHERE_THEY_LIVE)

st.header("Om sluttrapporten som kilde")
matrix, portfolio, problems = programme.programme_data()
st.markdown(
    "Mål, kriterier, prosjekter og sitater er skrevet av ordrett fra tekstversjonen av *Sluttrapport "
    "Byregionprogrammet Kongsvingerregionen* (2018). Våre merknader om teksten:\n\n"
    + "\n".join(f"- {fmt.escape_markdown(note)}" for note in programme_pages.source_notes(matrix, portfolio))
)
for problem in problems:
    st.warning(fmt.escape_markdown(problem))

if provenance.query:
    with st.expander("Spørringen som ble sendt til SSB"):
        st.json(provenance.query, expanded=False)
