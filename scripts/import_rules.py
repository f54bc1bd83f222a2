"""An import-linter contract type of our own: no private name (`_x`) is used across a module border.

import-linter's own contracts check which modules import which; this one reads each module's syntax
tree for the names it takes from other modules of the package: `from byr_data.m import _x`, or
`m._x` where `m` is a module of the package bound by an import. Dunder names (`__name__`) are public.
Used by `.importlinter` (contract «private-names»); run with `lint-imports` from the repository root.
"""

from __future__ import annotations

import ast
import importlib.util

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def resolve(module: str, level: int, name: str | None, package: str) -> str:
    """The absolute module of a `from … import` (relative imports counted from `package`)."""
    if not level:
        return name or ""
    base = package.rsplit(".", level - 1)[0] if level > 1 else package
    return f"{base}.{name}" if name else base


def private_uses(module: str, source: str, is_module, is_package: bool) -> list[str]:
    """Where `module` (its `source`) uses a private name of another module; `is_module(name)` tells
    whether a dotted name is a module of the checked packages."""
    tree = ast.parse(source)
    package = module if is_package else module.rsplit(".", 1)[0]
    aliases: dict[str, str] = {}  # local name -> module it is bound to
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_module(alias.name):
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            source_module = resolve(node.module or "", node.level, node.module, package)
            if not is_module(source_module):
                continue
            for alias in node.names:
                full = f"{source_module}.{alias.name}"
                if is_module(full):
                    aliases[alias.asname or alias.name] = full
                elif is_private(alias.name) and source_module != module:
                    found.append(f"{module}:{node.lineno} imports {alias.name} from {source_module}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            written = dotted(node.value)  # «story», or «byr_data.fmt» after `import byr_data.fmt`
            head, _, rest = (written or "").partition(".")
            target = aliases.get(head)
            if target is not None and rest:
                target = f"{target}.{rest}"
            if target is not None and is_module(target) and target != module:
                found.append(f"{module}:{node.lineno} uses {written}.{node.attr} ({target}.{node.attr})")
    return found


def dotted(node) -> str | None:
    """«a.b.c» for a chain of names, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


class PrivateNamesContract(Contract):
    """Modules of `packages` use no private name of another module (their own ones are fine)."""

    type_name = "private_names"
    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        roots = tuple(self.packages)  # type: ignore[arg-type]
        ours = {m for m in graph.modules if m in roots or m.startswith(tuple(f"{r}." for r in roots))}
        problems = []
        for module in sorted(ours):
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.origin or not spec.origin.endswith(".py"):
                continue
            with open(spec.origin, encoding="utf-8") as file:
                source = file.read()
            problems += private_uses(module, source, ours.__contains__, spec.submodule_search_locations is not None)
        return ContractCheck(kept=not problems, warnings=[], metadata={"problems": problems})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("Private names used across a module border (make the name public, or move it):",
                           bold=False)
        output.new_line()
        for problem in check.metadata["problems"]:
            output.print_error(f"- {problem}", bold=False)
            output.new_line()
