"""How a page view (page_model.PageView) is drawn: the finding as headline, the provenance line,
the metrics, each chart with its source line and table twin, and the report comparison."""

from __future__ import annotations

import streamlit as st

from byr_data import chart_parts, export, fmt
from byr_data.jobs import versus_report
from byr_data.page_model import Block, PageView
from byr_data.ssb import cache
from byr_data.ui.load import provenance_banner


def show_heading(view: PageView, data: cache.Dataset) -> None:
    """The page's finding as its headline, what it covers, where the figures come from, the metrics."""
    st.title(view.title, anchor=False)
    if view.context:
        st.caption(view.context)
    provenance_banner(data)
    show_metrics(view)


def show_metrics(view: PageView) -> None:
    if view.missing:
        st.info(view.missing)
    if view.metrics:
        for column, metric in zip(st.columns(len(view.metrics)), view.metrics):
            column.metric(metric.label, metric.value, metric.delta,
                          delta_color={1: "green", -1: "red"}.get(metric.delta_sign, "gray"),
                          delta_arrow={1: "up", -1: "down"}.get(metric.delta_sign, "off"))


def show_body(view: PageView, csv_region: str, replay_key: tuple | None = None) -> None:
    """The charts that prove the headline, then the sentences that explain it. `replay_key`: see show_block."""
    for block in view.blocks:
        show_block(block, view.source, csv_region, replay_key)
    for text in view.texts:
        st.write(text)


def show_page(view: PageView, data: cache.Dataset, csv_region: str) -> None:
    """A job page: headline, metrics, charts with table twins and downloads, then the explanations."""
    show_heading(view, data)
    show_body(view, csv_region)


def show_view(view: PageView, csv_region: str) -> None:
    """A part of a page under a heading the page draws itself: metrics, texts, then charts."""
    show_metrics(view)
    for text in view.texts:
        st.write(text)
    for block in view.blocks:
        show_block(block, view.source, csv_region)


@st.cache_resource(max_entries=64, show_spinner=False)
def _replayed_chart(key: tuple, _spec: dict) -> None:
    """A large chart drawn once per `key` and replayed from Streamlit's cache on every rerun after: its spec
    (a map holds every municipality's borders) is not turned into JSON again on each rerun."""
    st.vega_lite_chart(_spec, width="stretch")


def show_block(block: Block, source: str, csv_region: str, replay_key: tuple | None = None) -> None:
    """The chart's finding as a heading (it wraps on a phone), the chart, its source line, and the table twin.
    `replay_key` (the data version and the view's arguments): draw the chart through `_replayed_chart`."""
    source = chart_parts.source_of(block.chart) or source  # a chart's own table or the report, where it names one
    if block.title:
        st.container(key=f"chart-title-{block.name}").subheader(fmt.escape_markdown(block.title), anchor=False)
    if replay_key is None:
        st.vega_lite_chart(block.spec, width="stretch")
    else:
        _replayed_chart((*replay_key, block.name), block.spec)
    st.caption(source)  # the app's own credit line and fetch date
    # Lazy: the table and downloads are built only while the expander is open, keeping reruns cheap.
    table_twin = st.expander("Vis tall", key=f"vis-{block.name}", on_change="rerun")
    if not table_twin.open:
        return
    with table_twin:
        st.dataframe(block.table, hide_index=True, width="stretch")
        csv, png = st.columns(2)
        csv.download_button("Last ned CSV", lambda: export.csv_bytes(block.data, source, csv_region),
                            file_name=f"{block.name}.csv", mime="text/csv", key=f"csv-{block.name}",
                            on_click="ignore", icon=":material/download:")
        # The PNG is rendered only when asked for (about a second each).
        png.download_button("Last ned PNG", lambda: export.png_bytes(block.chart), file_name=f"{block.name}.png",
                            mime="image/png", key=f"png-{block.name}", on_click="ignore", icon=":material/image:")


def show_comparison(title: str, table) -> None:
    """The report's figures against SSB's: the short figures as a table, the report's own words below
    it, each after its year (a column of quotes beside four short ones broke words mid-word on a phone)."""
    st.subheader(title, anchor=False)
    st.container(key="report-comparison").table(table.drop(columns=versus_report.QUOTE), border="horizontal")
    quotes = (f"{fmt.escape_markdown(year)}: «{fmt.escape_markdown(quote)}»"
              for year, quote in zip(table.iloc[:, 0], table[versus_report.QUOTE]))
    st.markdown(f"**{versus_report.QUOTE}**  \n" + "  \n".join(quotes))
    st.caption(versus_report.COMPARISON_NOTE)
