"""The app's CSS, in a module that imports nothing: dashboard.py sends the page style first, before
the libraries are loaded, so the page has its look from the first moment of a cold start."""

PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 3.4rem;}  /* the headline starts just below the header */
[data-testid="stMainBlockContainer"] h1 {font-size: 2.1rem; line-height: 1.25; padding-top: 0.25rem;}  /* a headline (a whole finding) in two lines, at the top */
[class*="st-key-chart-title-"] h3 {font-size: 1.3rem; line-height: 1.3; padding: 0.25rem 0 0;}
/* A phone: titles small enough that «Kongsvingerregionen» fits on a line instead of breaking mid-word. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] {padding-top: 4.5rem;}  /* below the header, which covers the top */
  h1 {font-size: 1.75rem !important; overflow-wrap: normal !important; word-break: normal !important; hyphens: auto;}
  [class*="st-key-chart-title-"] h3 {font-size: 1.15rem;}
  /* Tables and the link to send fit the width and wrap instead of scrolling sideways. */
  /* Automatic layout: each column gets room by its content; a word breaks only when the columns'
     content cannot fit the width at all (never wider than the screen). */
  [data-testid="stTable"] table {table-layout: auto; width: 100%;}
  [data-testid="stCode"] pre, [data-testid="stCode"] code {white-space: pre-wrap !important; overflow-wrap: anywhere;}
  [data-testid="stTable"] :is(th, td) {padding: 0.3rem 0.25rem;}
  /* The grid's toolbar (shown at once on a touch screen) sits above the grid: room for it below the heading. */
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {margin-top: 2rem;}
  [data-testid="stTable"] :is(th, td), [data-testid="stTable"] :is(th, td) * {font-size: 0.8rem;
    overflow-wrap: anywhere !important; hyphens: auto; white-space: normal;}
  /* The report's figures are short: whole words fit, so none is broken. */
  .st-key-report-comparison [data-testid="stTable"] :is(th, td, th *, td *) {overflow-wrap: break-word !important;}
}
/* The filter summary stands in for the sidebar when the sidebar is closed (always, on a phone). */
/* Hidden with their layout wrappers: an empty wrapper still takes a gap in the column. */
.stApp:has([data-testid="stSidebar"][data-collapsed="false"]) :is(.st-key-filter-summary,
  [data-testid="stLayoutWrapper"]:has(> .st-key-filter-summary)) {display: none;}
.st-key-page-script, [data-testid="stLayoutWrapper"]:has(> .st-key-page-script) {display: none;}
/* A toggle's label and a metric's label, value and comparison wrap instead of being cut with «…»
   (Streamlit sets them on one line; six metrics in a row, offline, cut «2 av 5 år» to «2 av …»). */
:is([data-testid="stCheckbox"] [data-testid="stWidgetLabel"], [data-testid="stMetric"])
  :is([data-testid="stMarkdownContainer"], p, [data-testid="stMetricValue"], [data-testid="stMetricValue"] *) {
  white-space: normal; overflow: visible; text-overflow: clip;}
.st-key-page-nav {gap: 0.1rem;}
.st-key-page-nav [data-testid="stCaptionContainer"] {margin-top: 0.6rem;}
[data-testid="stTable"] :is(td, th) {white-space: normal; overflow-wrap: break-word;}
[data-testid="stCode"] code {white-space: pre-wrap !important; overflow-wrap: break-word;}
[data-testid="stSidebar"][data-collapsed="true"], [data-testid="stSidebar"][data-collapsed="true"] * {visibility: hidden !important;}
:focus-visible:not(input), div:not([data-testid="stMultiSelectTagsContainer"]):has(> input:focus-visible),
div:has(> [data-testid="stMultiSelectTagsContainer"] > input:focus-visible), [data-testid="stRadioOption"]:has(input:focus-visible),
[data-testid="stCheckbox"] label:has(input:focus-visible), [data-testid="stSlider"] [data-rac]:has(> div > input:focus-visible)
{outline: 3px solid #1f4e79 !important; outline-offset: 2px;}
.st-key-page-nav a:focus-visible {outline-offset: -3px;}
</style>"""
# - less empty space above the title, and a headline (a whole finding) in two lines at most,
#   so headline, metrics and the main chart show at 1280×720; a compact navigation;
# - tables and links wrap on a phone or at 200 % zoom instead of scrolling sideways;
# - a closed sidebar is out of the keyboard's way (Streamlit only slides it off screen);
# - keyboard focus always visible (WCAG 2.4.7): Streamlit's radio, toggle and slider hide their
#   real input, so the visible control around it gets the outline; links and the multiselect too.


# -- presentation mode ---------------------------------------------------------------------------
SLIDE_LINE_HEIGHT = 1.3  # a slide list's line height, in em
SLIDE_INDENT_EM = 1.4  # a bulleted list's indent, in em
SLIDE_CHAR_EM = 0.5  # an average letter's width in the app's font (Source Sans), in em: a little generous
SLIDE_LIST_FILL = 0.95  # the share of its box's height a list may take (slack for rounding)
SLIDE_LIST_MAX_VH = 4.6  # the largest letters a slide list gets: the size of a chart slide's message
SLIDE_CHART_MIN_VH = 55  # the slide chart's least share of the screen height (at 1280×720 and 1920×1080)
# The slide fills the screen: the page is one column the height of the screen, and the chart's
# container takes what the heading, message and source line leave (at least SLIDE_CHART_MIN_VH).
PRESENTATION_STYLE = f"""<style>
header[data-testid="stHeader"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"] {{display: none;}}
[data-testid="stMainBlockContainer"] {{padding: 0.8rem 1.5rem 0.4rem !important; max-width: 100%;
  height: 100vh; box-sizing: border-box; display: flex; flex-direction: column;}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * {{flex-shrink: 0;}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:has(> .stHtml) {{display: none;}}
h1 {{font-size: clamp(1.8rem, 3.4vh, 2.8rem) !important; padding: 0 !important;}}
.st-key-slide-message p {{font-size: clamp(2.6rem, 6vw, 5.5rem); font-weight: 700; line-height: 1.1; margin: 0.2em 0;}}
.st-key-slide-message-good p {{color: #2e7d32;}} .st-key-slide-message-bad p {{color: #b23a3a;}}
.st-key-slide-message-chart p {{font-size: clamp(1.9rem, 4.6vh, 3.4rem); font-weight: 700; line-height: 1.15; margin: 0;}}
.st-key-slide-detail p, .st-key-slide-items :is(li, p) {{font-size: clamp(1.2rem, 2.7vh, 2rem); line-height: 1.3; margin: 0;}}
.st-key-slide-detail-large p {{font-size: clamp(1.3rem, min(4.2vh, 2.3vw), 2.8rem);
  line-height: 1.3; margin: 0;}}
[data-testid="stLayoutWrapper"]:has(> .st-key-slide) {{flex: 1 1 0; min-height: 0;}}
.st-key-slide > * {{flex-shrink: 0;}}
[data-testid="stLayoutWrapper"]:has(> .st-key-slide-chart) {{flex: 1 1 0; min-height: {SLIDE_CHART_MIN_VH}vh;}}
.st-key-slide-chart {{height: 100% !important; min-height: {SLIDE_CHART_MIN_VH}vh; overflow: visible !important;}}
.st-key-slide-source p {{font-size: clamp(0.95rem, 1.9vh, 1.4rem); color: #444 !important; margin: 0; line-height: 1.3;}}
.st-key-slide-items ul {{padding-left: 1.4em; margin: 0;}}
/* A list without a chart takes the chart's room: its box fills the rest of the screen and
   slide_list_style() sets the letters as large as the box allows (container units of that box). */
/* A short list keeps its letters below the message's and spreads over the box. */
[data-testid="stLayoutWrapper"]:has(> .st-key-slide-items-fill) {{flex: 1 1 0; min-height: 0;}}
.st-key-slide-items-fill {{container-type: size; height: 100%;}}
.st-key-slide-items-fill :is([data-testid="stElementContainer"], .stMarkdown, .stMarkdown > div,
  [data-testid="stMarkdownContainer"]) {{height: 100%; margin: 0;}}
.st-key-slide-items-fill [data-testid="stMarkdownContainer"] {{display: flex; flex-direction: column;
  justify-content: space-evenly;}}
.st-key-slide-items-fill :is(ul, p) {{line-height: {SLIDE_LINE_HEIGHT}; margin: 0;}}
.st-key-slide-items-fill li {{margin: 0; padding: 0;}}
.st-key-slide-items-fill ul {{padding-left: {SLIDE_INDENT_EM}em; height: 100%; box-sizing: border-box;
  display: flex; flex-direction: column; justify-content: space-evenly;}}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] {{padding-bottom: 0; margin-bottom: 0;}}
.st-key-slide-source [data-testid="stCaptionContainer"] {{padding: 0; margin: 0; opacity: 1;}}
/* A phone: the slide scrolls as one page (no screen-high column the footer would be pinned over), the
   chart gets a fixed share of the screen, and the slide numbers wrap instead of hiding past the edge. */
@media (max-width: 640px) {{
  [data-testid="stMainBlockContainer"] {{height: auto; display: block; padding: 0.8rem 1rem 1.5rem !important;}}
  [data-testid="stLayoutWrapper"]:has(> .st-key-slide),
  [data-testid="stLayoutWrapper"]:has(> .st-key-slide-chart) {{flex: none; min-height: 0;}}
  .st-key-slide-chart {{height: 62vh !important; min-height: 320px;}}
  .st-key-lysbilde [role="radiogroup"] {{flex-wrap: wrap;}}
  /* The navigation in two short rows (≈ 90 px, not 190): «Forrige» and «Neste» side by side, the
     slide numbers below them on one line, each number an equal share of the width. */
  .st-key-slide-nav [data-testid="stHorizontalBlock"] {{display: grid !important; grid-template-columns: 1fr 1fr;
    gap: 0.4rem 0.5rem;}}
  .st-key-slide-nav [data-testid="stColumn"] {{width: auto !important; min-width: 0 !important;}}
  .st-key-slide-nav [data-testid="stColumn"]:nth-child(1) {{grid-area: 1 / 1;}}
  .st-key-slide-nav [data-testid="stColumn"]:nth-child(3) {{grid-area: 1 / 2;}}
  .st-key-slide-nav [data-testid="stColumn"]:nth-child(2) {{grid-area: 2 / 1 / 3 / 3;}}
  .st-key-lysbilde, .st-key-lysbilde [data-testid="stButtonGroup"],
  .st-key-lysbilde [role="radiogroup"] {{flex-wrap: nowrap; width: 100% !important;}}
  .st-key-lysbilde [role="radiogroup"] > * {{flex: 1 1 0; min-width: 0; padding-left: 0; padding-right: 0;}}
  [data-testid="stLayoutWrapper"]:has(> .st-key-slide-items-fill) {{flex: none;}}
  .st-key-slide-items-fill {{container-type: normal; height: auto;}}
  .st-key-slide-items-fill :is(ul, p) {{font-size: 1.2rem !important; height: auto;}}
}}
</style>"""

HIDE_SLIDE_PERIOD = "<style>.st-key-slide-period {display: none;}</style>"


# -- «Statusrapportering» ------------------------------------------------------------------------
REPORTING_STYLE = """<style>
@media (max-width: 480px) {.st-key-rp-title h1 {font-size: 2rem;}}  /* the long word stays whole on a phone */
/* A card's heading (a goal's whole title) below the page title's size; on a phone small enough that
   long words («næringsutviklingsressurser») fit a line whole. */
[class*="st-key-rp-card-"] h3 {font-size: 1.4rem; line-height: 1.3; overflow-wrap: normal; word-break: normal;}
@media (max-width: 640px) {[class*="st-key-rp-card-"] h3 {font-size: 1.15rem; padding-top: 0.25rem;}}
@media print {
  header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stToolbar"], .st-key-rp-screen-only {display: none !important;}
  .block-container {padding: 0 !important; max-width: 100% !important;}
  [data-testid="stTable"] {break-inside: auto;} tr {break-inside: avoid;}
}
</style>"""


def wrapped_lines(text: str, width: int) -> int:
    """How many lines `text` takes when wrapped at whole words to `width` characters a line."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def slide_list_style(items: list[str], bulleted: bool, candidates: int = 12) -> str:
    """CSS for a slide's list without a chart: the letters as large as its box (.st-key-slide-items-fill,
    a size container) allows, so the list fills the screen like a chart does.

    For a few line widths (characters a line), the list's line count is known; each width gives a
    font size that fits the box's width and height (container units). The browser takes the largest
    of them, so the best wrapping for the real box wins, on a projector of any size."""
    longest_word = max((len(word) for item in items for word in item.split()), default=1)
    longest = max((len(item) for item in items), default=1)
    indent = SLIDE_INDENT_EM if bulleted else 0
    widths = sorted({round(longest_word + (longest - longest_word) * step / (candidates - 1))
                     for step in range(candidates)})
    fits = []
    for width in widths:
        lines = sum(wrapped_lines(item, width) for item in items)
        fits.append(f"min({100 / (SLIDE_CHAR_EM * width + indent):.3f}cqw, "
                    f"{SLIDE_LIST_FILL * 100 / (SLIDE_LINE_HEIGHT * lines):.3f}cqh)")
    size = f"min(max({', '.join(fits)}), {SLIDE_LIST_MAX_VH}vh)"
    return (f"<style>@media (min-width: 641px) {{.st-key-slide-items-fill :is(ul, p) {{font-size: {size};}}}}"
            "</style>")
