"""The accessibility statement (tilgjengelighetserklæring): its settings in data/accessibility.toml,
the colour-contrast arithmetic of WCAG 2.1, and the statement's text. Pure: no Streamlit."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from byr_data import chart_parts, fmt, regions

ACCESSIBILITY_FILE = regions.DATA_DIR / "accessibility.toml"
GRAPHICS_MINIMUM = 3.0  # WCAG 1.4.11: graphical objects against their background
TEXT_MINIMUM = 4.5  # WCAG 1.4.3: normal-size text
UUTILSYNET = "https://www.uutilsynet.no/"


# A fixed script (nothing from outside goes into it), run on every page:
# - Streamlit serves <html lang="en">; screen readers read the page in the language it names.
# - A table wider than a phone scrolls sideways in its own box, which the keyboard can only
#   scroll once the box can take focus (WCAG 2.1.1): make each such box a named, focusable region.
# - The link to the first page gets a real address: Streamlit writes href="" (the current page),
#   so «open in new tab» and screen readers' link lists pointed at the wrong page.
# - On a phone, a page link in the sidebar closes the sidebar (Streamlit's own menu does that).
PAGE_SCRIPT = """<script>
document.documentElement.lang = "nb";
if (!window.byrPageFixes) {
  const fix = () => {
    document.querySelectorAll('[data-testid="stTable"] > div:not([tabindex])').forEach((box) => {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabell");
    });
    document.querySelectorAll('a[data-testid="stPageLink-NavLink"][href=""]').forEach((link) => {
      link.setAttribute("href", "./");
    });
  };
  fix();
  // At most once per frame: a page's first drawing makes hundreds of changes in a row.
  let queued = false;
  window.byrPageFixes = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  });
  window.byrPageFixes.observe(document.body, {childList: true, subtree: true});
  document.addEventListener("click", (event) => {
    const link = event.target.closest('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]');
    const main = document.querySelector('[data-testid="stMain"]');
    if (!link || !main) return;
    // On a phone the open sidebar covers the page: close it once a page is chosen.
    if (link.closest('[data-testid="stSidebar"]').getBoundingClientRect().right > main.getBoundingClientRect().left + 1) {
      document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click();
    }
  });
}
</script>"""


class AccessibilitySettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Contact:
    name: str = ""
    email: str = ""
    phone: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.email or self.phone)


@dataclass(frozen=True)
class Gap:
    what: str
    why: str
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatementSettings:
    tested: dt.date
    axe_core: str
    browser: str
    sizes: tuple[str, ...]
    contact: Contact
    gaps: tuple[Gap, ...]
    untested: tuple[Gap, ...]


@dataclass(frozen=True)
class Section:
    title: str
    body: str  # Markdown; everything from the settings file is escaped


# -- settings ------------------------------------------------------------------------------------
def _text(table: dict, key: str, where: str, *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise AccessibilitySettingsError(f"{where}: «{key}» må være tekst.")
    if required and not value.strip():
        raise AccessibilitySettingsError(f"{where}: «{key}» mangler.")
    return value.strip()


def _gaps(raw: dict, key: str, path: Path, *, with_criteria: bool) -> tuple[Gap, ...]:
    items = raw.get(key, [])
    if not isinstance(items, list):
        raise AccessibilitySettingsError(f"{path}: «{key}» må være en liste ([[{key}]]).")
    gaps = []
    for number, item in enumerate(items, start=1):
        where = f"{path}, [[{key}]] nr. {number}"
        criteria = item.get("criteria", []) if with_criteria else []
        if not isinstance(criteria, list) or not all(isinstance(c, str) for c in criteria):
            raise AccessibilitySettingsError(f"{where}: «criteria» må være en liste med tekster som \"1.4.3\".")
        if with_criteria and not criteria:
            raise AccessibilitySettingsError(f"{where}: «criteria» mangler.")
        gaps.append(Gap(_text(item, "what", where), _text(item, "why", where), tuple(criteria)))
    return tuple(gaps)


def load_settings(path: Path | None = None) -> StatementSettings:
    """Read and check data/accessibility.toml; every problem is a Norwegian message naming the field."""
    path = path or ACCESSIBILITY_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AccessibilitySettingsError(f"{path}: filen finnes ikke.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AccessibilitySettingsError(f"{path}: kan ikke leses ({exc}).") from None
    tested = raw.get("tested")
    if not isinstance(tested, dt.date) or isinstance(tested, dt.datetime):
        raise AccessibilitySettingsError(f"{path}: «tested» må være en dato (ÅÅÅÅ-MM-DD).")
    sizes = raw.get("sizes")
    if not isinstance(sizes, list) or not sizes or not all(isinstance(s, str) and s.strip() for s in sizes):
        raise AccessibilitySettingsError(f"{path}: «sizes» må være en liste med skjermstørrelser.")
    contact = raw.get("contact", {})
    if not isinstance(contact, dict):
        raise AccessibilitySettingsError(f"{path}: «contact» må være en tabell ([contact]).")
    where = f"{path}, [contact]"
    return StatementSettings(
        tested=tested,
        axe_core=_text(raw, "axe_core", str(path)),
        browser=_text(raw, "browser", str(path)),
        sizes=tuple(s.strip() for s in sizes),
        contact=Contact(*(_text(contact, key, where, required=False) for key in ("name", "email", "phone"))),
        gaps=_gaps(raw, "gap", path, with_criteria=True),
        untested=_gaps(raw, "untested", path, with_criteria=False),
    )


# -- contrast (WCAG 2.1 definitions) -------------------------------------------------------------
def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """«#1f4e79» or «#abc» -> WCAG relative luminance (0 black … 1 white)."""
    hex_ = colour.strip().lstrip("#")
    if len(hex_) == 3:
        hex_ = "".join(2 * c for c in hex_)
    if len(hex_) != 6:
        raise ValueError(f"not a hex colour: {colour!r}")
    red, green, blue = (_channel(int(hex_[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, alpha: float, background: str = "#ffffff") -> str:
    """`colour` at opacity `alpha` over `background`, as the eye sees it (e.g. a caption)."""
    fg, bg = colour.lstrip("#"), background.lstrip("#")
    return "#" + "".join(
        f"{round(alpha * int(fg[i:i + 2], 16) + (1 - alpha) * int(bg[i:i + 2], 16)):02x}" for i in (0, 2, 4))


def low_contrast(colours: dict[str, str], background: str = "#ffffff", minimum: float = GRAPHICS_MINIMUM) -> list[str]:
    """The keys whose colour stays below `minimum`:1 against the background."""
    return [key for key, colour in colours.items() if contrast_ratio(colour, background) < minimum]


def low_contrast_municipalities(background: str = "#ffffff") -> list[str]:
    """Names of the municipalities whose chart colour is below 3:1 against the background."""
    return [regions.municipality_name(code) for code in low_contrast(chart_parts.MUNICIPALITY_COLORS, background)]


# -- the statement -------------------------------------------------------------------------------
def _criteria(gap: Gap) -> str:
    return f" (WCAG {', '.join(gap.criteria)})" if gap.criteria else ""


def _bullets(gaps: list[Gap]) -> str:
    return "\n".join(f"- **{fmt.escape_markdown(g.what)}**{_criteria(g)} {fmt.escape_markdown(g.why)}" for g in gaps)


def statement(settings: StatementSettings, low_contrast_names: list[str]) -> tuple[str, list[Section]]:
    """The finding in one line and the statement's sections, in Norwegian.

    `low_contrast_names`: municipalities whose chart colour is below 3:1 against the background."""
    gaps = list(settings.gaps)
    if low_contrast_names:
        names = ", ".join(low_contrast_names[:-1]) + " og " * (len(low_contrast_names) > 1) + low_contrast_names[-1]
        gaps.append(Gap(
            f"Fargene til {names} i figurene har lavere kontrast enn 3:1 mot den hvite bakgrunnen.",
            "Fargene er valgt så de kan skilles fra hverandre også ved fargeblindhet. Kommunens navn står i "
            "forklaringen under figuren og i tabellen under «Vis tall», så fargen er aldri eneste kjennetegn.",
            ("1.4.11",)))
    date = settings.tested.strftime("%d.%m.%Y")
    message = (f"Dashbordet oppfyller ikke alle kravene i WCAG 2.1 AA ennå: {len(gaps)} kjente avvik står under. "
               f"Automatisk test {date} fant ingen alvorlige brudd." if gaps
               else f"Automatisk test og tastaturtest {date} fant ingen brudd på WCAG 2.1 AA.")
    sizes = " og ".join(f"{fmt.escape_markdown(s)} piksler" for s in settings.sizes)
    sections = [
        Section("Om erklæringen",
                "Byregion-dashbordet skal følge forskrift om universell utforming av IKT-løsninger, som krever "
                "WCAG 2.1 nivå AA. Denne erklæringen er et utkast som eieren av dashbordet publiserer gjennom "
                f"Tilsynet for universell utforming av IKT (uustatus). Sist oppdatert {date}."),
        Section("Hva som er testet",
                "Alle sidene i menyen og alle visningene i presentasjonen, både med tall fra SSB og med det "
                f"medfølgende øyeblikksbildet uten nett, i skjermstørrelsene {sizes}."),
        Section("Hvordan det er testet",
                f"- Automatisk med axe-core {fmt.escape_markdown(settings.axe_core)} i "
                f"{fmt.escape_markdown(settings.browser)}, med reglene for WCAG 2.0 og 2.1 nivå A og AA. "
                "Testen godtar ingen alvorlige eller kritiske funn.\n"
                "- Tastatur: Tab gjennom hver side og presentasjonen. Alle lenker, filtre, knapper og "
                "lysbildekontroller nås, og det vises tydelig hvor fokus er.\n"
                "- Språk: siden er merket som norsk bokmål.\n"
                "- Tekststørrelse: sidene forstørret til 200 % i et vindu på 1280 piksler.\n"
                "- Farger og kontrast: status vises alltid med ord, kommuner med navn; kontrasten er målt for "
                "all tekst, også teksten i figurene."),
        Section("Dette oppfyller ikke kravene", _bullets(gaps) if gaps else "Ingen kjente avvik."),
    ]
    if settings.untested:
        sections.append(Section("Dette er ikke kontrollert", _bullets(list(settings.untested))))
    contact = settings.contact
    if contact.is_set:
        parts = [fmt.escape_markdown(p) for p in (contact.name, contact.email, contact.phone) if p]
        reach = "Kontakt: " + ", ".join(parts) + "."
    else:
        reach = "Kontaktpunkt for tilbakemeldinger er ikke satt ennå. Det fylles inn før erklæringen publiseres."
    sections.append(Section(
        "Tilbakemelding og kontakt",
        "Finner du noe som ikke virker, eller trenger du innholdet i en annen form, vil vi gjerne høre det. "
        f"{reach}\n\nDu kan også melde fra om mangler til Tilsynet for universell utforming av IKT: {UUTILSYNET}"))
    return message, sections
