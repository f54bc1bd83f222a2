"""Our import-linter contract (scripts/import_rules.py): a private name used across a module border
is found, in both forms, and a module's own private names, dunders and outside modules are not."""

from scripts.import_rules import private_uses

OURS = {"byr_data", "byr_data.jobs", "byr_data.jobs.pages", "byr_data.jobs.story", "byr_data.fmt"}


def uses(source: str, module: str = "byr_data.jobs.pages") -> list[str]:
    return private_uses(module, source, OURS.__contains__, is_package=False)


def test_a_private_name_imported_from_another_module_is_found():
    found = uses("from byr_data.jobs.story import _span, headline\n")
    assert found == ["byr_data.jobs.pages:1 imports _span from byr_data.jobs.story"]


def test_a_private_attribute_of_an_imported_module_is_found_whatever_its_alias():
    source = "from byr_data.jobs import story as s\nimport byr_data.fmt\n\ns._span((1, 2))\nbyr_data.fmt._missing(1)\n"
    assert uses(source) == ["byr_data.jobs.pages:4 uses s._span (byr_data.jobs.story._span)",
                            "byr_data.jobs.pages:5 uses byr_data.fmt._missing (byr_data.fmt._missing)"]
    assert uses("from byr_data import fmt\nfmt._missing(1)\n") == [
        "byr_data.jobs.pages:2 uses fmt._missing (byr_data.fmt._missing)"]


def test_relative_imports_are_resolved():
    assert uses("from .story import _span\n") == ["byr_data.jobs.pages:1 imports _span from byr_data.jobs.story"]


def test_own_private_names_dunders_and_outside_modules_are_fine():
    source = ("from collections import _chain_map\nfrom byr_data.jobs import story\n\n"
              "def _own():\n    return story.__name__, _own, self._cache\n")
    assert uses(source) == []
