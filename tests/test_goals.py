"""Goal matrix and portfolio data: the loader's validation and the transcription of the report."""

import re
from pathlib import Path

import pytest

from byr_data import fmt
from byr_data.programme import goal_files, goals as g
from tests.conftest import require_shared

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
REPORT = SEED / "sluttrapport-byregionprogrammet-kongsvingerregionen.txt"


def normalise(text: str) -> str:
    """Join words hyphenated over a line break, then collapse all whitespace to single spaces."""
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def matrix() -> g.GoalMatrix:
    return goal_files.load_goals()


@pytest.fixture(scope="module")
def portfolio() -> g.Portfolio:
    return goal_files.load_portfolio()


def read_report() -> str:
    """The final report, normalised; a missing report skips on a laptop but fails under CI=true."""
    require_shared(REPORT, "the final report")
    return normalise(REPORT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report() -> str:
    return read_report()


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


# ------------------------------------------------------------------ the shipped files


def test_default_paths_point_into_the_repository():
    assert goal_files.GOALS_FILE == ROOT / "data" / "goals.toml"
    assert goal_files.VOCABULARY_FILE == ROOT / "data" / "status_vocabulary.toml"
    assert goal_files.PROJECTS_FILE == ROOT / "data" / "projects.toml"


def test_goal_matrix_has_the_reports_twelve_goals(matrix):
    assert len(matrix.goals) == 12
    assert [len(goal.criteria) for goal in matrix.goals] == [1, 3, 2, 2, 1, 3, 3, 3, 2, 3, 3, 3]
    assert matrix.source == "Sluttrapport Byregionprogrammet Kongsvingerregionen"
    assert matrix.status_year == 2018
    assert "tekstversjonen" in matrix.status_note
    assert "data/" not in matrix.status_note, "no file names in text shown to users"


def test_ids_are_unique(matrix):
    goal_ids = [goal.id for goal in matrix.goals]
    criterion_ids = [c.id for c in g.all_criteria(matrix.goals)]
    assert len(set(goal_ids)) == len(goal_ids)
    assert len(set(criterion_ids)) == len(criterion_ids)


def test_the_two_not_measured_criteria_are_stated_by_the_report(matrix):
    not_measured = [c for c in g.all_criteria(matrix.goals) if c.status == "ikke målt"]
    assert [c.text for c in not_measured] == [
        "Næringslivets vurdering av kommunens forvaltning (brukerundersøkelse og intervjuer av "
        "sentrale næringsaktører)",
        "Effekt av samarbeidsavtaler",
    ]
    assert all(c.status_basis == "stated" for c in not_measured)
    assert all("Ikke målt" in c.evidence for c in not_measured)


def test_every_status_rests_on_the_reports_words(matrix):
    for criterion in g.all_criteria(matrix.goals):
        if criterion.status != "ikke angitt":
            assert criterion.evidence, criterion.id
        assert all(quote.strip() for quote in criterion.evidence), criterion.id
    reached = [c for c in g.all_criteria(matrix.goals) if c.status == "nådd"]
    assert reached and all(c.evidence for c in reached)


def test_seed_fund_criteria_carry_the_reports_answer(matrix):
    fund, cofunding = matrix.goal("sakornfond").criteria
    assert (fund.status, fund.basis) == ("nådd", "står i rapporten")
    assert "Regionalt såkornfond på 60 millioner er etablert" in " ".join(fund.evidence)
    # The report answers neither yes nor no, and gives no sums: «ikke nådd» is our reading, with both parts.
    assert (cofunding.status, cofunding.basis) == ("ikke nådd", "vurdert")
    assert cofunding.evidence == ("Det har ikke vært jobbet med kommunal medfinansiering av såkornfondet",
                                  "Regionalt såkornfond på 60 millioner er etablert i samarbeid med Fylkeskommune "
                                  "og sparebankstiftelse")
    assert "svarer ikke selv ja eller nei" in cofunding.note
    municipalities, investors = cofunding.parts
    assert (municipalities.text, municipalities.status, municipalities.basis) == ("Kommunene", "ikke nådd", "vurdert")
    assert municipalities.evidence == ("Det har ikke vært jobbet med kommunal medfinansiering av såkornfondet",)
    # The regional investors: the report names the partners, not who paid what.
    assert (investors.text, investors.status) == ("Regionale investorer", "ikke angitt")
    assert any("Sparebankstiftelsen Hedmark" in quote for quote in investors.evidence)


def test_ntp_criteria_are_not_stated(matrix):
    for criterion in matrix.goal("samferdsel").criteria:
        assert criterion.status == "ikke angitt" and criterion.basis == "ikke angitt", criterion.id
        assert "Rapporten sier ikke om" in criterion.note


def test_how_many_statuses_the_report_states(matrix):
    bases = [c.basis for c in g.all_criteria(matrix.goals)]
    assert (bases.count("står i rapporten"), bases.count("vurdert"), bases.count("ikke angitt")) == (4, 23, 2)
    stated = [c.id for c in g.all_criteria(matrix.goals) if c.basis == "står i rapporten"]
    assert stated == ["arbeidsplasser-1", "forvaltning-3", "samarbeidsstruktur-3", "sakornfond-1"]
    # The report says «nådd» itself about two: the jobs target (seed line 82) and the seed fund (line 285).
    assert [c.id for c in g.all_criteria(matrix.goals) if c.basis == "står i rapporten" and c.status == "nådd"] == [
        "arbeidsplasser-1", "sakornfond-1"]


def test_main_project_is_judged_like_the_go_ahead_decision(matrix):
    decision, started = matrix.goal("logistikksenter").criteria[1:]
    assert decision.status == started.status == "delvis nådd"
    assert "hovedprosjektet" in started.note


def test_vocabulary_meanings_fit_the_deadline(matrix):
    assert "fristen for kriteriet er ikke ute" in matrix.status("ikke startet").meaning
    assert "Fristen (prosjektslutt) er ute" in matrix.status("ikke nådd").meaning
    assert matrix.status("ikke startet").color != matrix.status("ikke nådd").color
    assert all(word.symbol for word in matrix.vocabulary)


def test_short_labels_are_ours_and_unique(matrix):
    labels = [goal.short_label for goal in matrix.goals]
    assert len(set(labels)) == 12 and all(len(label) <= 22 for label in labels)
    assert labels[0] == "Arbeidsplasser" and labels[8] == "Såkornfond"


def test_source_notes_are_kept_apart_from_the_goals(matrix, portfolio):
    assert [goal.id for goal in matrix.goals if goal.source_note] == ["myndighetskontakt", "baerekraft"]
    assert [p.id for p in portfolio.projects if p.source_note] == [
        "naeringsutviklingscase", "destinasjonsutvikling", "helsebyen"]


def test_jobs_goal_is_linked_to_the_live_figures(matrix):
    jobs = matrix.goals[0]
    assert jobs.title == "Vekst i antall arbeidsplasser"
    assert jobs.linked_metric == "jobs_target"
    assert jobs.comment == "Vekst på 132 arbeidsplasser i 2017"
    assert [c.text for c in jobs.criteria] == ["Netto pluss 100 arbeidsplasser"]
    assert [goal.id for goal in matrix.goals if goal.linked_metric] == [jobs.id]


def test_deliverables_goal_on_political_cooperation_belongs_to_the_coordination_goal(matrix):
    goal = next(x for x in matrix.goals if (x.deliverables_title or "").startswith("Styrket samarbeid politisk ledelse"))
    assert goal.title.startswith("Sikre felles jobbing med regionale prosesser")
    assert goal.comment is None  # the report has no comment on this goal


def test_every_goal_but_jobs_has_phase2_deliverables(matrix):
    assert [goal.id for goal in matrix.goals if not goal.deliverables] == ["arbeidsplasser"]


def test_status_counts(matrix):
    counts = g.status_counts(matrix.goals, matrix.vocabulary)
    assert list(counts) == list(matrix.status_words)
    assert sum(counts.values()) == 29
    assert counts["ikke målt"] == 2
    assert g.status_counts(matrix.goals) == {k: v for k, v in counts.items() if v}


def test_vocabulary(matrix):
    words = matrix.status_words
    for word in ("nådd", "delvis nådd", "pågår", "ikke startet", "ikke målt", "ikke angitt"):
        assert word in words
    assert all(w.color in goal_files.BADGE_COLORS and w.meaning for w in matrix.vocabulary)
    assert [w.word for w in matrix.vocabulary if not w.evidence_required] == ["ikke angitt"]


def test_portfolio(portfolio):
    assert portfolio.status_year == 2018
    assert [(p.name, p.responsible) for p in portfolio.projects] == [
        ("Kongsvingerregionen - Norges grønne Hjerte", "Lars Gillund"),
        ("KingsCross – Logistikk- og jernbaneutviklingsprosjekt", "Yngve Andreassen"),
        ("Kongsvinger som Høgskoleby", "Tone Blixøen"),
        ("Arenaklynge 7sterke", "Jan Egil Melby"),
        ("Bedriftsrekruttering", "Stian Gulli Hansen"),
        ("Offentlige arbeidsplasser og investeringer", "Lars Gillund"),
        ("Lister med næringsutviklingscase og profilering arealer pr kommune", "Stian Gulli Hansen"),
        ("Destinasjonsutvikling", "Christian Bråtebekken"),
        ("Helsebyen Kongsvinger", "Tone Blixøen"),
    ]
    assert all(p.source_note for p in portfolio.projects[6:])
    assert portfolio.coordination.roles == (
        "Koordinert myndighetskontakt",
        "Målrettet kommunikasjon",
        "Koordinering mellom prosjektene",
    )
    assert portfolio.coordination.unplaced_lines == ("(ansvarlig Lars Gillund)",)
    assert portfolio.coordination.source_note
    assert portfolio.coordination.actor_name == "Hedmark kunnskapspark"
    # No status per project in the report: an assessment with its words, or «ikke angitt».
    assert [p.status for p in portfolio.projects] == ["ikke angitt", "pågår", "pågår", "pågår", "pågår",
                                                      "ikke angitt", "ikke angitt", "ikke angitt", "ikke angitt"]
    for project in portfolio.projects:
        assert project.basis in ("vurdert", "ikke angitt"), project.id
        if project.status == "pågår":
            assert project.evidence[0] == " ".join(portfolio.project_status_quote.split()), project.id
        assert project.serves, project.id
    assert portfolio.projects[1].serves == ("logistikksenter", "samferdsel")
    assert len(portfolio.phase2_summary.items) == 7
    assert len(portfolio.follow_up.items) == 5
    assert len(portfolio.success_factors.items) == 10


# ------------------------------------------------------------------ against the report itself


def test_goal_matrix_text_is_verbatim_from_the_report(matrix, report):
    for goal in matrix.goals:
        assert goal.title in report, goal.id
        if goal.deliverables_title:
            assert goal.deliverables_title in report, goal.id
        for paragraph in paragraphs(goal.comment or ""):
            assert paragraph in report, (goal.id, paragraph)
        for item in goal.deliverables:
            assert item in report, (goal.id, item)
        for criterion in goal.criteria:
            assert criterion.text in report, criterion.id
            for quote in criterion.evidence:
                assert " ".join(quote.split()) in report, (criterion.id, quote)
            for part in criterion.parts:
                for quote in part.evidence:
                    assert " ".join(quote.split()) in report, (criterion.id, part.text, quote)


def test_goals_and_criteria_follow_the_reports_order(matrix, report):
    matrix_section = report[report.index("Mål og resultater") : report.index("Tiltak og innsatsområder")]
    positions = []
    for goal in matrix.goals:
        positions.append(matrix_section.index(goal.title))
        positions.extend(matrix_section.index(c.text) for c in goal.criteria)
    assert positions == sorted(positions)


def test_report_has_exactly_two_not_measured_entries(report):
    assert report.count("Ikke målt") == 2


def test_portfolio_text_is_verbatim_from_the_report(portfolio, report):
    texts = [portfolio.coordination.title, portfolio.coordination.description]
    texts += list(portfolio.coordination.roles) + list(portfolio.coordination.unplaced_lines)
    texts += [portfolio.coordination.actor_quote, portfolio.project_status_quote]
    for project in portfolio.projects:
        texts += [project.name, project.responsible, f"{project.name} {project.responsible}"]
        texts += list(project.evidence)
    for text_list in (portfolio.phase2_summary, portfolio.follow_up, portfolio.success_factors):
        texts.append(text_list.intro)
        texts += list(text_list.items)
    for text in texts:
        assert " ".join(text.split()) in report, text


def test_numbered_lists_are_complete(portfolio, report):
    factors = report[report.index("Kritiske suksessfaktorer for fremtidig vekst") :]
    for number, item in enumerate(portfolio.success_factors.items, start=1):
        assert f"{number}. {item}" in factors
    follow = report[report.index(portfolio.follow_up.intro) :]
    for number, item in enumerate(portfolio.follow_up.items, start=1):
        assert f"{number}. {item}" in follow
    summary = report[report.index(portfolio.phase2_summary.intro) :]
    for item in portfolio.phase2_summary.items:
        assert f"• {item}" in summary
    assert report.count("• ") == len(portfolio.phase2_summary.items)


# ------------------------------------------------------------------ escaping


@pytest.mark.parametrize(
    "text",
    [
        "[lenke](https://example.com)",
        "<script>alert(1)</script>",
        "**fet** _kursiv_ `kode` $x$ :red[rød] :material/home: # overskrift",
        "1. ikke en liste",
    ],
)
def test_escape_markdown_leaves_no_markup(text):
    escaped = fmt.escape_markdown(text)
    unescaped = re.sub(r"\\(.)", "", escaped)
    assert not re.search(r"[\[\]()<>*_`$:#.]", unescaped)
    assert re.sub(r"\\(.)", r"\1", escaped).replace(fmt.WORD_JOINER, "") == text


# The renderer's own «autolink literal» rules (mdast-util-gfm-autolink-literal, in Streamlit's
# StreamlitMarkdown bundle), run on the text after Markdown's escapes are decoded.
AUTOLINK_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
AUTOLINK_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")


@pytest.mark.parametrize(
    "text",
    [
        "Se https://eksempel.no/rapport",
        "<https://eksempel.no/vinkel>",
        "Hjemmeside: www.eksempel.no/side og WWW.EKSEMPEL.NO",
        '=HYPERLINK("https://eksempel.no/formel";"Klikk")',
        "http://eksempel.no:8080/x og HTTPS://EKSEMPEL.NO",
        "Skriv til kari@eksempel.no",
        "https://www.eksempel.no",
    ],
)
def test_escape_markdown_leaves_no_bare_address_to_autolink(text):
    escaped = fmt.escape_markdown(text)
    decoded = re.sub(r"\\(.)", r"\1", escaped)  # what the renderer's autolink step sees
    assert not AUTOLINK_URL.search(decoded) and not AUTOLINK_EMAIL.search(decoded), decoded
    assert decoded.replace(fmt.WORD_JOINER, "") == text  # the same characters on screen


def test_escape_markdown_keeps_paragraphs():
    assert fmt.escape_markdown("a\nb\n\n c ") == "a b\n\nc"


# ------------------------------------------------------------------ validation

VOCABULARY = """
[[status]]
word = "nådd"
color = "green"
meaning = "Levert."

[[status]]
word = "delvis nådd"
color = "orange"
meaning = "Delvis levert."

[[status]]
word = "ikke angitt"
color = "gray"
meaning = "Ingen opplysninger."
evidence_required = false
"""

GOALS = """
source = "Sluttrapport"
status_year = 2018
status_note = "Status fra 2018."

[[goal]]
id = "forste"
short_label = "Første"
title = "Første mål"
comment = "En kommentar."
deliverables_title = "Første mål i leveransetabellen"
deliverables = ["Leveranse A"]

[[goal.criteria]]
id = "forste-1"
text = "Kriterium en"
status = "nådd"
status_basis = "assessed"
evidence = ["Det er levert."]

[[goal.criteria]]
id = "forste-2"
text = "Kriterium to"
status = "ikke angitt"
status_basis = "assessed"

[[goal]]
id = "andre"
short_label = "Andre"
title = "Andre mål"
deliverables = []

[[goal.criteria]]
id = "andre-1"
text = "Kriterium tre"
status = "delvis nådd"
status_basis = "stated"
evidence = "Ett sitat."
"""

PROJECTS = """
source = "Sluttrapport"
status_year = 2018
status_note = "Fra 2018."
project_status_quote = "De fleste prosjektene gjennomføres i fase 3"

[[project]]
id = "en"
name = "Prosjekt en"
responsible = "Ola Nordmann"
status = "ikke angitt"
status_basis = "assessed"

[coordination]
title = "På tvers"
actor = "HKP"
actor_name = "Hedmark kunnskapspark"
actor_quote = "Hedmark kunnskapspark (HKP) skal ha ansvaret"
roles = ["Koordinering"]
description = "Beskrivelse."

[phase2_summary]
intro = "Levert:"
items = ["A"]

[follow_up]
intro = "Oppfølging:"
items = ["B"]

[success_factors]
intro = "Faktorer"
items = ["C"]
"""


def write(tmp_path, goals=GOALS, vocabulary=VOCABULARY):
    goals_path = tmp_path / "goals.toml"
    vocabulary_path = tmp_path / "status_vocabulary.toml"
    goals_path.write_text(goals, encoding="utf-8")
    vocabulary_path.write_text(vocabulary, encoding="utf-8")
    return goals_path, vocabulary_path


def load_error(tmp_path, goals=GOALS, vocabulary=VOCABULARY) -> str:
    goals_path, vocabulary_path = write(tmp_path, goals, vocabulary)
    with pytest.raises(g.GoalsDataError) as info:
        goal_files.load_goals(goals_path, vocabulary_path)
    return str(info.value)


def test_minimal_valid_file(tmp_path):
    loaded = goal_files.load_goals(*write(tmp_path))
    assert [goal.id for goal in loaded.goals] == ["forste", "andre"]
    assert loaded.goals[1].criteria[0].evidence == ("Ett sitat.",)  # a single quote is allowed
    assert loaded.goals[0].criteria[1].evidence == ()
    assert loaded.goals[1].comment is None and loaded.goals[1].deliverables_title is None


def test_error_is_a_value_error():
    assert issubclass(g.GoalsDataError, ValueError)


def test_unknown_status_word(tmp_path):
    message = load_error(tmp_path, GOALS.replace('status = "ikke angitt"', 'status = "ferdig"'))
    assert message.startswith(f"{tmp_path / 'goals.toml'}: ")
    assert "mål «forste», kriterium 2: feltet «status» har ukjent verdi «ferdig»" in message
    assert "(gyldige: nådd, delvis nådd, ikke angitt)" in message


def test_unknown_status_basis(tmp_path):
    message = load_error(tmp_path, GOALS.replace('status_basis = "stated"', 'status_basis = "sagt"'))
    assert "mål «andre», kriterium 1: feltet «status_basis» har ukjent verdi «sagt»" in message
    assert "stated, assessed" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = "Første mål"\n', "", "mål «forste»: feltet «title» mangler"),
        ('text = "Kriterium tre"\n', "", "mål «andre», kriterium 1: feltet «text» mangler"),
        ('id = "andre"\n', "", "mål nr. 2: feltet «id» mangler"),
        ('status_year = 2018\n', "", "goals.toml: feltet «status_year» mangler"),
        (
            'evidence = ["Det er levert."]\n',
            "",
            "mål «forste», kriterium 1: feltet «evidence» mangler eller er tomt; status «nådd» krever",
        ),
        (
            'deliverables_title = "Første mål i leveransetabellen"\n',
            "",
            "mål «forste»: feltet «deliverables_title» mangler (påkrevd når målet har leveranser)",
        ),
    ],
)
def test_missing_field(tmp_path, old, new, expected):
    assert old in GOALS
    message = load_error(tmp_path, GOALS.replace(old, new, 1))
    assert str(tmp_path / "goals.toml") in message
    assert expected in message


def test_goal_without_criteria(tmp_path):
    goals = GOALS.split("[[goal]]")
    text = "[[goal]]".join(goals[:2]) + '[[goal]]\nid = "tredje"\ntitle = "Tredje"\ndeliverables = []\ncriteria = []\n'
    message = load_error(tmp_path, text)
    assert "mål «tredje»: feltet «criteria» er tomt" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('id = "andre"', 'id = "forste"', "mål nr. 2: feltet «id» har verdien «forste», som allerede er brukt av mål nr. 1"),
        (
            'id = "andre-1"',
            'id = "forste-1"',
            "mål «andre», kriterium 1: feltet «id» har verdien «forste-1», som allerede er brukt av "
            "mål «forste», kriterium 1",
        ),
    ],
)
def test_duplicate_id(tmp_path, old, new, expected):
    message = load_error(tmp_path, GOALS.replace(old, new))
    assert str(tmp_path / "goals.toml") in message
    assert expected in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = "Andre mål"', 'title = "   "', "mål «andre»: feltet «title» er tomt"),
        ('text = "Kriterium en"', 'text = " \\t\\n "', "mål «forste», kriterium 1: feltet «text» er tomt"),
        ('comment = "En kommentar."', 'comment = ""', "mål «forste»: feltet «comment» er tomt (utelat feltet i stedet)"),
        ('evidence = ["Det er levert."]', 'evidence = ["  "]', "kriterium 1: feltet «evidence» element 1 er tomt"),
        ('deliverables = ["Leveranse A"]', 'deliverables = ["A", ""]', "mål «forste»: feltet «deliverables» element 2 er tomt"),
    ],
)
def test_empty_text(tmp_path, old, new, expected):
    message = load_error(tmp_path, GOALS.replace(old, new))
    assert str(tmp_path / "goals.toml") in message
    assert expected in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = "Andre mål"', "title = 3", "mål «andre»: feltet «title» skal være tekst, men er heltall"),
        ("status_year = 2018", 'status_year = "2018"', "feltet «status_year» skal være et heltall, men er tekst"),
        ('deliverables = ["Leveranse A"]', 'deliverables = "Leveranse A"', "feltet «deliverables» skal være en liste med tekster, men er tekst"),
        ('evidence = ["Det er levert."]', "evidence = [1]", "kriterium 1: feltet «evidence» element 1 skal være tekst, men er heltall"),
        ('status = "nådd"', "status = true", "kriterium 1: feltet «status» skal være tekst, men er sann/usann"),
        ('id = "forste"', "id = 1", "mål nr. 1: feltet «id» skal være tekst, men er heltall"),
        ('id = "forste"', 'id = "Første mål"', "mål nr. 1: feltet «id» har verdien «Første mål», men kan bare inneholde"),
    ],
)
def test_wrong_type(tmp_path, old, new, expected):
    message = load_error(tmp_path, GOALS.replace(old, new, 1))
    assert str(tmp_path / "goals.toml") in message
    assert expected in message


def test_criteria_of_the_wrong_type(tmp_path):
    text = GOALS.replace('deliverables = []\n', 'deliverables = []\ncriteria = "ingen"\n').split("\n[[goal.criteria]]\nid = \"andre-1\"")[0]
    message = load_error(tmp_path, text)
    assert "mål «andre»: feltet «criteria» skal være en liste med tabeller ([[goal.criteria]]), men er tekst" in message


def test_unknown_field_is_reported(tmp_path):
    message = load_error(tmp_path, GOALS.replace('comment = "En kommentar."', 'kommentar = "En kommentar."'))
    assert "mål «forste»: ukjent felt «kommentar»" in message


def test_unknown_linked_metric(tmp_path):
    message = load_error(tmp_path, GOALS.replace('deliverables = []', 'deliverables = []\nlinked_metric = "innbyggere"'))
    assert "mål «andre»: feltet «linked_metric» har ukjent verdi «innbyggere» (gyldige: jobs_target)" in message


def test_invalid_toml(tmp_path):
    message = load_error(tmp_path, GOALS.replace('title = "Første mål"', 'title = "Første mål'))
    assert message.startswith(f"{tmp_path / 'goals.toml'}: ugyldig TOML ved linje ")


def test_missing_file(tmp_path):
    _, vocabulary_path = write(tmp_path)
    with pytest.raises(g.GoalsDataError, match="finnes-ikke.toml: fila finnes ikke"):
        goal_files.load_goals(tmp_path / "finnes-ikke.toml", vocabulary_path)
    with pytest.raises(g.GoalsDataError, match="mangler.toml: fila finnes ikke"):
        goal_files.load_goals(tmp_path / "goals.toml", tmp_path / "mangler.toml")


def test_repository_files_are_named_relative_to_the_repository():
    with pytest.raises(g.GoalsDataError) as info:
        goal_files.load_goals(ROOT / "data" / "finnes-ikke.toml")
    assert str(info.value) == "data/finnes-ikke.toml: fila finnes ikke"


def test_vocabulary_errors(tmp_path):
    message = load_error(tmp_path, vocabulary=VOCABULARY.replace('color = "orange"', 'color = "lilla"'))
    assert str(tmp_path / "status_vocabulary.toml") in message
    assert "statusord «delvis nådd»: feltet «color» har ukjent verdi «lilla»" in message
    message = load_error(tmp_path, vocabulary=VOCABULARY.replace('word = "delvis nådd"', 'word = "nådd"'))
    assert "statusord «nådd»: feltet «word» har verdien «nådd», som allerede er brukt" in message
    message = load_error(tmp_path, vocabulary=VOCABULARY.replace('meaning = "Levert."\n', ""))
    assert "statusord «nådd»: feltet «meaning» mangler" in message


def projects_error(tmp_path, text) -> str:
    path = tmp_path / "projects.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(g.GoalsDataError) as info:
        goal_files.load_portfolio(path)
    return str(info.value)


def test_minimal_portfolio(tmp_path):
    path = tmp_path / "projects.toml"
    path.write_text(PROJECTS, encoding="utf-8")
    loaded = goal_files.load_portfolio(path)
    assert loaded.projects == (g.Project(id="en", name="Prosjekt en", responsible="Ola Nordmann",
                                         status="ikke angitt", status_basis="assessed"),)
    assert loaded.projects[0].basis == "ikke angitt"
    assert loaded.follow_up.items == ("B",)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('responsible = "Ola Nordmann"\n', "", "prosjekt «en»: feltet «responsible» mangler"),
        ('responsible = "Ola Nordmann"', 'responsible = " "', "prosjekt «en»: feltet «responsible» er tomt"),
        ('roles = ["Koordinering"]', 'roles = "Koordinering"', "[coordination]: feltet «roles» skal være en liste med tekster"),
        ('items = ["C"]', "items = []", "[success_factors]: feltet «items» er tomt"),
        ("[follow_up]\nintro = \"Oppfølging:\"\nitems = [\"B\"]\n", "", "feltet «follow_up» mangler"),
        ('name = "Prosjekt en"', 'name = "Prosjekt en', "ugyldig TOML ved linje"),
        ('status = "ikke angitt"', 'status = "ferdig"', "prosjekt «en»: feltet «status» har ukjent verdi «ferdig»"),
        ('status = "ikke angitt"', 'status = "pågår"', "prosjekt «en»: feltet «evidence» mangler eller er tomt"),
        ('status_basis = "assessed"\n', 'status_basis = "assessed"\nserves = ["mars"]\n',
         "prosjekt «en»: feltet «serves» har ukjent mål «mars» (gyldige: arbeidsplasser, kommunikasjon"),
        ('actor_name = "Hedmark kunnskapspark"\n', "", "[coordination]: feltet «actor_name» mangler"),
        ('project_status_quote = "De fleste prosjektene gjennomføres i fase 3"\n', "",
         "feltet «project_status_quote» mangler"),
    ],
)
def test_portfolio_errors(tmp_path, old, new, expected):
    assert old in PROJECTS
    message = projects_error(tmp_path, PROJECTS.replace(old, new))
    assert str(tmp_path / "projects.toml") in message
    assert expected in message


def test_duplicate_project_id(tmp_path):
    text = PROJECTS.replace("[coordination]", '[[project]]\nid = "en"\nname = "To"\nresponsible = "Kari"\nstatus = "ikke angitt"\nstatus_basis = "assessed"\n\n[coordination]')
    message = projects_error(tmp_path, text)
    assert "prosjekt nr. 2: feltet «id» har verdien «en», som allerede er brukt av prosjekt nr. 1" in message


def test_criterion_parts(tmp_path):
    part = ('[[goal.criteria.part]]\ntext = "Regionale investorer"\nstatus = "nådd"\nstatus_basis = "assessed"\n'
            'evidence = ["Sitat."]\n\n[[goal]]\nid = "andre"')
    loaded = goal_files.load_goals(*write(tmp_path, GOALS.replace('[[goal]]\nid = "andre"', part)))
    (item,) = loaded.goals[0].criteria[1].parts
    assert (item.text, item.status, item.basis, item.evidence) == ("Regionale investorer", "nådd", "vurdert", ("Sitat.",))
    message = load_error(tmp_path, GOALS.replace('[[goal]]\nid = "andre"', part.replace('evidence = ["Sitat."]\n', "")))
    assert "mål «forste», kriterium 2, del 1: feltet «evidence» mangler eller er tomt" in message
    message = load_error(tmp_path, GOALS.replace('[[goal]]\nid = "andre"', part.replace("text =", "tekst =")))
    assert "mål «forste», kriterium 2, del 1: ukjent felt «tekst»" in message


def test_short_label_is_required_and_unique(tmp_path):
    message = load_error(tmp_path, GOALS.replace('short_label = "Andre"\n', ""))
    assert "mål «andre»: feltet «short_label» mangler" in message
    message = load_error(tmp_path, GOALS.replace('short_label = "Andre"', 'short_label = "første"'))
    assert "mål «andre»: feltet «short_label» har verdien «første», som allerede er brukt av mål «forste»" in message


def test_basis_in_words():
    assert g.Judgement("nådd", "stated").basis == "står i rapporten"
    assert g.Judgement("nådd", "assessed").basis == "vurdert"
    assert g.Judgement("ikke angitt", "assessed").basis == "ikke angitt"
