"""Directives that write parts of the documentation from the package's own data.

The pages never restate what the code or the data already says, so they cannot drift from it:

- ``framing-public-names``: a summary table of :data:`framing.__all__`, each name linked to the
  page of the module that defines it;
- ``framing-wing`` *package*: the API reference of a wing, its package and every module in it
  (found on disk, so a new module is documented without editing a page);
- ``framing-lexicon-categories`` / ``framing-lexicon-sources`` *name*: a packaged lexicon's
  categories (with their entry counts) and its cited sources;
- ``framing-style-guides``: the style guides whose wording the packaged lexicons recommend
  (every key used under ``alternatives``), with their full citations;
- ``framing-corpora``: every reference corpus descriptor in ``corpora/*.yaml``;
- ``framing-package-citation`` / ``framing-references``: the package's citation and the works
  in ``CITATION.cff``'s references, one row per method.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

ROOT = Path(__file__).resolve().parents[2]


def _table(header: list[str], rows: list[list], widths: list[int] | None = None) -> nodes.table:
    """A docutils table of plain-text cells (a cell may also be a node)."""
    table = nodes.table(classes=["framing-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths or [1] * len(header):
        group += nodes.colspec(colwidth=width)
    head, body = nodes.thead(), nodes.tbody()
    group += head
    group += body
    for parent, cells_rows in ((head, [header]), (body, rows)):
        for cells in cells_rows:
            row = nodes.row()
            for cell in cells:
                entry = nodes.entry()
                entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph(text=str(cell))
                row += entry
            parent += row
    return table


def _literal(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.literal(text=text))


class PublicNames(SphinxDirective):
    """An autosummary of ``framing.__all__``, each name under the module that defines it."""

    def run(self):
        import framing

        lines = [".. autosummary::", "   :nosignatures:", ""]
        for name in framing.__all__:
            if name.startswith("__"):
                continue
            obj = getattr(framing, name)
            lines.append(f"   ~{obj.__module__}.{obj.__qualname__}")
        node = nodes.container()
        self.state.nested_parse(StringList(lines, source="framing.__all__"), self.content_offset, node)
        return node.children


class Wing(SphinxDirective):
    """The API reference of one wing: its package docstring and members, then each module."""

    required_arguments = 1
    #: Each module's own members only: a package's re-exports are documented where they are defined.
    OPTIONS = ("   :members:", "   :ignore-module-all:")

    def run(self):
        name = self.arguments[0]
        package = import_module(name)
        lines = [f".. automodule:: {name}", *self.OPTIONS, ""]
        if hasattr(package, "__path__"):
            for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__, f"{name}.")):
                if module.rsplit(".", 1)[1].startswith("_"):
                    continue
                self.env.note_dependency(str(Path(import_module(module).__file__)))
                lines += [module, "-" * len(module), "", f".. automodule:: {module}", *self.OPTIONS, ""]
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, source=name), node, self.content_offset)
        return node.children


def _lexicon(name: str):
    from framing.measures.lexicon import load_lexicon

    return load_lexicon(name)


def _source_cell(source: dict) -> nodes.paragraph:
    """``title``, publisher, year: one line."""
    parts = [str(source.get(key, "")).strip() for key in ("title", "publisher", "year")]
    return nodes.paragraph(text=". ".join(p for p in parts if p) + ".")


class LexiconCategories(SphinxDirective):
    """A packaged lexicon's categories: key, label, number of entries, description."""

    required_arguments = 1

    def run(self):
        lexicon = _lexicon(self.arguments[0])
        self.env.note_dependency(lexicon.path)
        counts = {}
        for entry in lexicon.entries:
            counts[entry.category] = counts.get(entry.category, 0) + 1
        rows = [
            [_literal(key), info.get("label", ""), counts.get(key, 0), info.get("description", "")]
            for key, info in lexicon.categories.items()
        ]
        return [_table(["category", "label", "entries", "what it covers"], rows, [3, 3, 1, 8])]


class LexiconSources(SphinxDirective):
    """A packaged lexicon's sources: key, reference, what it is cited for."""

    required_arguments = 1

    def run(self):
        lexicon = _lexicon(self.arguments[0])
        self.env.note_dependency(lexicon.path)
        rows = [
            [_literal(key), _source_cell(source), source.get("note", "")]
            for key, source in sorted(lexicon.sources.items())
        ]
        return [_table(["key", "reference", "what it says"], rows, [2, 5, 7])]


class StyleGuides(SphinxDirective):
    """Every guide key the packaged lexicons use under ``alternatives``, with each lexicon's citation."""

    def run(self):
        from framing.measures.lexicon import packaged_lexicons

        counts: dict[tuple[str, str], int] = {}
        sources = {}
        for name in packaged_lexicons():
            lexicon = _lexicon(name)
            self.env.note_dependency(lexicon.path)
            sources[name] = lexicon.sources
            for entry in lexicon.entries:
                for guide in entry.alternatives:
                    counts[(guide, name)] = counts.get((guide, name), 0) + 1
        rows = [
            [_literal(guide), _source_cell(sources[name].get(guide, {})), name, count]
            for (guide, name), count in sorted(counts.items())
        ]
        return [_table(["guide key", "reference", "lexicon", "entries"], rows, [2, 7, 2, 1])]


class Corpora(SphinxDirective):
    """Every reference corpus descriptor (``corpora/*.yaml``) as a section."""

    FIELDS = ("what", "source", "licence")

    def run(self):
        sections = []
        for path in sorted((ROOT / "corpora").glob("*.yaml")):
            self.env.note_dependency(str(path))
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            name = str(data.get("name", path.stem))
            section = nodes.section(ids=[nodes.make_id(f"corpus-{name}")], names=[name])
            section += nodes.title(text=f"{name}: {data.get('title', '')}")
            fields = nodes.field_list()
            kind = str(data.get("kind", ""))
            if data.get("documents"):
                kind += f" ({data['documents']})"
            rows = [("kind", kind), *((key, data.get(key, "")) for key in self.FIELDS)]
            loading = data.get("loading") or {}
            rows += [("loaded", f"framing.load_corpus({name!r}), via {loading.get('via', '')}")]
            rows += [(key, loading[key]) for key in ("words_kept", "counts", "caveats") if key in loading]
            uses = data.get("uses") or {}
            rows.append(("used for", "; ".join(f"{k}: {_yes_no(v)}" for k, v in uses.items())))
            for key, value in rows:
                field = nodes.field()
                field += nodes.field_name(text=key.replace("_", " "))
                body = nodes.field_body()
                body += nodes.paragraph(text=" ".join(str(value).split()))
                field += body
                fields += field
            section += fields
            sections.append(section)
        return sections


def _yes_no(value) -> str:
    """A YAML value as written: YAML 1.1 reads a bare ``yes`` or ``no`` as a boolean."""
    return {True: "yes", False: "no"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def _authors(authors: list[dict]) -> str:
    """Family name and initials; an entity by its name; more than five authors as the first et al."""
    names = []
    for author in authors:
        if "family-names" in author:
            initials = " ".join(f"{part[0]}." for part in author.get("given-names", "").split())
            names.append(f"{author['family-names']}, {initials}".strip(", "))
        else:
            names.append(author.get("name", ""))
    if len(names) > 5:
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]


def citation_text(reference: dict) -> str:
    """One entry of ``CITATION.cff`` (the package or a reference) as an author-date citation.

    Examples
    --------
    >>> citation_text({"authors": [{"family-names": "Dunning", "given-names": "Ted"}], "year": 1993,
    ...                "title": "Accurate methods", "journal": "Computational Linguistics",
    ...                "volume": 19, "issue": 1, "start": 61, "end": 74})
    'Dunning, T. (1993). Accurate methods. Computational Linguistics, 19(1), 61-74.'
    >>> citation_text({"authors": [{"family-names": "Loria", "given-names": "Steven"}], "title": "TextBlob",
    ...                "type": "software"})
    'Loria, S. TextBlob [software].'
    >>> citation_text({"authors": [{"name": "The framing developers"}], "title": "framing",
    ...                "version": "0.1.0", "type": "software"})
    'The framing developers. framing (version 0.1.0) [software].'
    >>> citation_text({"authors": [{"family-names": "Hamborg", "given-names": "Felix"}], "year": 2021,
    ...                "title": "NewsMTSC", "doi": "10.18653/v1/2021.eacl-main.142"})
    'Hamborg, F. (2021). NewsMTSC. doi:10.18653/v1/2021.eacl-main.142'
    """
    text = _authors(reference.get("authors", []))
    if reference.get("year"):
        text += f" ({reference['year']})."
    elif not text.endswith("."):
        text += "."
    text += f" {reference['title']}"
    if reference.get("version"):
        text += f" (version {reference['version']})"
    text += " [software]." if reference.get("type") == "software" else "."
    container = reference.get("journal") or reference.get("collection-title") or ""
    if container:
        text += f" {'In ' if 'collection-title' in reference else ''}{container}"
        if reference.get("volume"):
            text += f", {reference['volume']}"
            if reference.get("issue"):
                text += f"({reference['issue']})"
        if reference.get("start"):
            text += f", {reference['start']}-{reference['end']}"
        text += "."
    if reference.get("edition"):
        text += f" {reference['edition']} edition."
    publisher = (reference.get("publisher") or {}).get("name")
    if publisher:
        text += f" {publisher}."
    if reference.get("doi"):
        text += f" doi:{reference['doi']}"
    return text


def _citation_file(directive: SphinxDirective) -> dict:
    path = ROOT / "CITATION.cff"
    directive.env.note_dependency(str(path))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class PackageCitation(SphinxDirective):
    """The package's own citation, from ``CITATION.cff``."""

    def run(self):
        return [nodes.block_quote("", nodes.paragraph(text=citation_text(_citation_file(self))))]


class References(SphinxDirective):
    """The works in ``CITATION.cff``'s ``references``: what framing uses each for, and the citation."""

    def run(self):
        data = _citation_file(self)
        rows = [[reference.get("notes", ""), citation_text(reference)] for reference in data["references"]]
        return [_table(["what framing uses it for", "cite"], rows, [5, 8])]


def escape_bars_in_data_comments(app, what, name, obj, options, lines):
    r"""Escape ``|`` outside inline literals in the ``#:`` comments that document module data.

    Those comments are a line of prose where ``|x|`` means an absolute value; reST would read it
    as a substitution reference.

    Examples
    --------
    >>> lines = ["|VADER valence| at least 2.5; ``a|b`` stays."]
    >>> escape_bars_in_data_comments(None, "data", "X", None, {}, lines)
    >>> lines
    ['\\|VADER valence\\| at least 2.5; ``a|b`` stays.']
    """
    if what == "data":
        for i, line in enumerate(lines):
            parts = line.split("``")
            lines[i] = "``".join(p if n % 2 else p.replace("|", "\\|") for n, p in enumerate(parts))


def setup(app):
    app.connect("autodoc-process-docstring", escape_bars_in_data_comments)
    app.add_directive("framing-public-names", PublicNames)
    app.add_directive("framing-wing", Wing)
    app.add_directive("framing-lexicon-categories", LexiconCategories)
    app.add_directive("framing-lexicon-sources", LexiconSources)
    app.add_directive("framing-style-guides", StyleGuides)
    app.add_directive("framing-corpora", Corpora)
    app.add_directive("framing-references", References)
    app.add_directive("framing-package-citation", PackageCitation)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
