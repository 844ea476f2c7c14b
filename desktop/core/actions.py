"""The names of undoable actions, in English and Dutch: the Edit menu's "Undo …", ``casedesk history``.

A journal entry keeps its ``kind`` and the label's parameters; the label is rendered here in the language asked
for. A new reversible action adds one line to ``ACTIONS``: its kind, then the English and the Dutch template.
A template is a string, or (one, many) chosen by the ``count`` parameter. Parameters named ``status`` and ``kind``
are case codes, ``fields`` a list of case field names, ``cases`` a list of case references: they are translated.
"""

from __future__ import annotations

from desktop.core.labels import label
from desktop.core.model import CaseKind, CaseStatus

Template = str | tuple[str, str]

# kind -> (English, Dutch)
ACTIONS: dict[str, tuple[Template, Template]] = {
    "case-status": ("Set status of {ref} to {status}", "Status van {ref} op {status} zetten"),
    "case-kind": ("Set kind of {ref} to {kind}", "Soort van {ref} op {kind} zetten"),
    "case-fields": ("Edit {fields} of {ref}", "{fields} van {ref} wijzigen"),
    "case-answered": ("Mark {ref} as answered", "{ref} als beantwoord markeren"),
    "case-unanswered": ("Mark {ref} as not answered", "{ref} als niet beantwoord markeren"),
    "case-customer": ("Give {ref} the customer {customer}", "Klant {customer} aan {ref} koppelen"),
    "note-add": ("Add note to {ref}", "Notitie toevoegen aan {ref}"),
    "note-edit": ("Edit note on {ref}", "Notitie bij {ref} wijzigen"),
    "note-delete": ("Delete note on {ref}", "Notitie bij {ref} verwijderen"),
    "caption": ("Caption {name}", "Bijschrift bij {name} wijzigen"),
    "include": ("Include {name} in the report", "{name} opnemen in het rapport"),
    "exclude": ("Leave {name} out of the report", "{name} weglaten uit het rapport"),
    "keeper": ("Keep {name} as the best of its group", "{name} als beste van de groep houden"),
    "restore": ("Restore {name} (not a duplicate)", "{name} terugzetten (geen duplicaat)"),
    "merge": ("Merge {source} into {target}", "{source} samenvoegen met {target}"),
    "move": (("Move 1 item to {target}", "Move {count} items to {target}"),
             ("1 item naar {target} verplaatsen", "{count} items naar {target} verplaatsen")),
    "split": ("Split {ref} into {new}", "{ref} splitsen in {new}"),
    "split-gaps": (("Split {ref} by time gaps into 1 new case", "Split {ref} by time gaps into {count} new cases"),
                   ("{ref} op tijdsgaten splitsen in 1 nieuwe zaak",
                    "{ref} op tijdsgaten splitsen in {count} nieuwe zaken")),
    "rotate": ("Rotate {name} to {degrees}°", "{name} naar {degrees}° draaien"),
    "import": (("Import of 1 file into {cases}", "Import of {count} files into {cases}"),
               ("Import van 1 bestand in {cases}", "Import van {count} bestanden in {cases}")),
}

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "title": ("title", "titel"),
    "kind": ("kind", "soort"),
    "status": ("status", "status"),
    "policy_ref": ("policy number", "polisnummer"),
    "incident_date": ("incident date", "schadedatum"),
    "handler": ("handler", "behandelaar"),
    "answered": ("answered", "beantwoord"),
}

_UNDO = ("Undo {label}", "Ongedaan maken: {label}")
_REDO = ("Redo {label}", "Opnieuw: {label}")


def _pick(pair: tuple, lang: str):  # noqa: ANN202
    return pair[1] if lang == "nl" else pair[0]


def _param(name: str, value: object, lang: str) -> str:
    if name == "status":
        return label(CaseStatus, str(value), lang)
    if name == "kind":
        return label(CaseKind, str(value), lang)
    if name == "fields" and isinstance(value, list):
        return ", ".join(_pick(FIELD_NAMES.get(str(f), (str(f), str(f))), lang) for f in value)
    if name == "cases" and isinstance(value, list):
        if len(value) == 1:
            return str(value[0])
        return f"{len(value)} zaken" if lang == "nl" else f"{len(value)} cases"
    return str(value)


def action_label(kind: str, params: dict, lang: str = "en", fallback: str | None = None) -> str:
    """The label of an action in ``lang``; a kind this version does not know keeps ``fallback`` (or its kind)."""
    pair = ACTIONS.get(kind)
    if pair is None:
        return fallback or kind
    template = _pick(pair, lang)
    if isinstance(template, tuple):
        template = template[0] if params.get("count") == 1 else template[1]
    values = {k: _param(k, v, lang) for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # parameters of another version
        return fallback or kind


def undo_text(label_text: str, lang: str = "en") -> str:
    return _pick(_UNDO, lang).format(label=label_text)


def redo_text(label_text: str, lang: str = "en") -> str:
    return _pick(_REDO, lang).format(label=label_text)
