"""``fr_links``: writes what each amount and job count is, whose and where, with the cues.

Runs after the entity components (it reads ``doc.spans`` of amounts, jobs,
territories and organizations and the sentences of ``fr_sentences``). One
:class:`~.context.DocIndex` per doc holds every position the rules look up, so
the cost per figure is bounded by its sentence and paragraph, and the whole
stays linear in the document's length. Attributes written (see
:mod:`extractor.components.attributes`): ``purpose``, ``link_organization``,
``link_territory``, ``part_of``, ``event`` and their ``*_cue``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ... import resources
from ...job_columns import job_cells
from .. import attributes as attrs
from . import events, owners, parts, places, purpose, tables
from .context import FUNDER, DocIndex, Place, build, role_of
from .lexicon import LEXICON, Lexicon, load
from .ranker import Choice, Ranker, org_choices, place_choices, with_cue

RANKER = "link_ranker.json"
#: what a training script may watch: (span, is_job, {task: the choices weighed})
Observer = Callable[[Span, bool, dict[str, list[Choice]]], None]


class LinksComponent:
    """Links every amount and job count of ``doc.spans`` to its purpose, owner and place."""

    def __init__(self, lexicon: str = LEXICON, ranker: str | None = RANKER) -> None:
        attrs.register()
        self.lex: Lexicon = load(lexicon)
        self.ranker = _load_ranker(ranker)
        self.observer: Observer | None = None

    def __call__(self, doc: Doc) -> Doc:
        ix = build(doc, self.lex)
        amounts = _sorted(doc, attrs.AMOUNTS)
        jobs = _sorted(doc, attrs.JOBS)
        money_cells = tables.cell_spans(ix.text) if amounts else set()
        self._link(ix, amounts, lambda s: s._.value_eur, is_job=False, cells=money_cells)
        job_cell_spans = {(c.start, c.end) for c in job_cells(ix.text)} if jobs else set()
        self._link(ix, jobs, lambda s: s._.job_count, is_job=True, cells=job_cell_spans)
        return doc

    def _link(
        self, ix: DocIndex, spans: list[Span], value, is_job: bool, cells: set[tuple[int, int]]
    ) -> None:
        """Purpose, owner, place and part-of of one list's figures; ``cells`` are the
        (start, end) of the figures that stand in a table's money or jobs column."""
        whole_of = parts.wholes(ix, spans, value)
        total_of = parts.sums(ix, spans, value, whole_of)
        for i, span in enumerate(spans):
            start, end = span.start_char, span.end_char
            whole = spans[whole_of[i]] if i in whole_of else None
            # a part of a stated total keeps its own purpose, owner and place (each aid
            # of a committee's list is its beneficiary's); only the total counts once
            span._.part_of = (
                whole if whole is not None else (spans[total_of[i]] if i in total_of else None)
            )
            what = None
            if not is_job:
                decision = purpose.decide(ix, start, end)
                what, cue = decision.purpose, decision.cue
                if whole is not None and (not decision.own or _of_envelope(decision, whole)):
                    what, cue = _part_purpose(ix, span, whole)
                span._.purpose, span._.purpose_cue = what, cue
            if (start, end) in cells:
                # a figure of an action table's money column or of a jobs column: its row
                # says whose and where
                org, place = (tables.decide_line if is_job else tables.decide)(ix, start)
                if not is_job:
                    # a list of aids titles its columns ("Invest. (M€)", "Aide (k€)"); the
                    # lines of an action table are budgets
                    column = purpose.column(ix, start, end)
                    span._.purpose, span._.purpose_cue = (
                        (column.purpose, column.cue) if column else ("budget", "tableau d'actions")
                    )
                span._.link_organization, span._.link_organization_cue = org, org
                span._.link_territory = place.span if place is not None else None
                span._.link_territory_cue = place.span.text if place is not None else None
            elif whole is not None:
                span._.link_organization = whole._.link_organization
                span._.link_organization_cue = whole._.link_organization_cue
                own = places.own_place(ix, start, end)
                abroad = places.abroad_part(ix, start, end) if own is None else None
                if own is not None:
                    # a part that names its place ("900 salariés en France, dont 120 à
                    # Vierzon") is there, not where its whole is
                    span._.link_territory, span._.link_territory_cue = own.span, own.span.text
                elif abroad is not None:
                    # "dont 890 en France", "dont 920 à l'étranger": at none of its places
                    span._.link_territory, span._.link_territory_cue = None, abroad
                else:
                    span._.link_territory = whole._.link_territory
                    span._.link_territory_cue = whole._.link_territory_cue
            else:
                self._own(ix, span, what, is_job)
            span._.event, span._.event_cue = events.decide(ix, start, end, what)
        _first_part_place(spans, whole_of)
        if not is_job:
            _settle(ix, spans, whole_of)

    @property
    def watched(self) -> bool:
        return self.ranker is not None or self.observer is not None

    def _weigh_cued(self, task: str) -> bool:
        """Does the ranker decide even the figures whose place words of the text gave? The
        training script sees them all (observer), so that it can learn so."""
        if self.observer is not None:
            return True
        return self.ranker is not None and task in self.ranker.weigh_cued

    def _own(self, ix: DocIndex, span: Span, what: str | None, is_job: bool) -> None:
        """Whose and where a figure is that is neither a part nor a table cell.

        The rules answer first. Where words of the text decided ("réalisée par X", "en
        France", "dans son usine de Cholet"), their owner stands; where they only fell
        back on a default of the document (its firm, its site, its main territory), the
        ranker weighs every candidate instead: that is where the rules fail most on
        unseen text, and where the ranker gains most (``scripts/train_links.py
        --measure``). Places are weighed for every figure, the rules' answer and the kind
        of words that gave it being features: over writers the rules never saw, that is
        right more often than the rules' words alone. An answer the ranker changes keeps
        no cue: no words of the text decided it, as none decided the default it
        replaces."""
        start, end = span.start_char, span.end_char
        whole_scope = what == "turnover" or (is_job and span._.job_kind == "existing")
        opts: dict[str, list[Choice]] = {}
        org, org_cue = owners.decide(ix, start, end, what, is_job, span._.job_kind)
        if org_cue is None and self.watched:
            opts["organization"] = org_choices(ix, start, end, what, is_job, org)
            if self.ranker is not None:
                org = self.ranker.best("organization", opts["organization"]).value  # type: ignore[assignment]
        role = role_of(org, self.lex) if org else None
        place, place_cue = places.decide(ix, start, end, org, role, whole_scope)
        if self.watched and (place_cue is None or self._weigh_cued("territory")):
            choices = place_choices(ix, start, end, what, is_job, org, place)
            opts["territory"] = with_cue(choices, place_cue, "job" if is_job else f"amount:{what}")
            if self.ranker is not None:
                best = self.ranker.best("territory", opts["territory"]).value
                if _place_key(best) != _place_key(place):  # type: ignore[arg-type]
                    place, place_cue = best, None  # type: ignore[assignment]
        if self.observer is not None:
            self.observer(span, is_job, opts)
        span._.link_organization, span._.link_organization_cue = org, org_cue
        span._.link_territory = place.span if place is not None else None
        span._.link_territory_cue = place_cue


def _place_key(place: Place | None) -> str | None:
    return None if place is None else place.key


def _load_ranker(name: str | None) -> Ranker | None:
    """The ranker's weights, from ``models/`` (a bare name) or a file path; none when the
    config gives none (``scripts/train_links.py`` reads the rules' own answers so)."""
    if not name:
        return None
    path = Path(name)
    if path.is_file():
        return Ranker.from_json(path.read_text(encoding="utf-8"))
    return Ranker.from_json(resources.model_file(name).read_text(encoding="utf-8"))


def _first_part_place(spans: list[Span], whole_of: dict[int, int]) -> None:
    """A whole that names no place of its own, in its words or its sentence, covers the places
    its parts name: it takes the first ("investir 15 M€, dont 9 M€ pour une usine à
    Capdenac-Gare": Capdenac-Gare), as a figure over several places does (ANNOTATION.md)."""
    seen: set[int] = set()
    for i, w in sorted(whole_of.items()):
        whole, part = spans[w], spans[i]
        cue = whole._.link_territory_cue
        if w in seen or (cue is not None and cue in whole.sent.text):
            continue
        seen.add(w)
        if whole._.link_territory is not None and part._.link_territory_cue:
            whole._.link_territory = part._.link_territory
            whole._.link_territory_cue = part._.link_territory_cue


#: the verbs of receiving money ("a obtenu", "reçoit", "bénéficie de")
_RECEIVING = r"obten\w+|obtient|reçu\w*|reçoi\w*|recev\w*|perçu\w*|touch\w+|décroch\w+|bénéfici\w+"
#: an amount named an aid by its own noun or verb ("3,9 M€ d'aides", "une subvention de", "a
#: obtenu 7,5 M€ de") stays one even when its parts are aids: it is their sum, not a cost
_AID_WORD = re.compile(
    rf"(?:aides?|subventions?|prêts?|avances?\s+remboursables?|{_RECEIVING})",
    re.I,
)
#: the words that say an aid is granted, not an envelope: a verb of receiving or giving
#: ("reçoit", "attribués", "se partagent") or one aid ("une subvention de"); "des aides"
#: and "des prêts" may be an envelope's
_GRANTED = re.compile(
    rf"(?:aide|subvention|prêt|avance\s+remboursable|garantie|{_RECEIVING}|perçoi\w*|"
    r"attribu\w+|accord\w+|se\s+partag\w+|réparti\w*\s+entre)",
    re.I,
)
#: words that say an aid is still to be granted: "pourront bénéficier de"
_MAY = re.compile(r"\bpourr\w+|\bpouvant\b|\bjusqu['’]à\b", re.I)


def _settle(ix: DocIndex, spans: list[Span], whole_of: dict[int, int]) -> None:
    """What only the whole set of figures tells: the total of a financing plan whose parts
    are aids is the project's cost ("15 M€ au total, dont 4,8 M€ d'aide de l'État"), and in a
    national release, or next to an envelope's words, an aid with no beneficiary named is an
    envelope still to grant."""
    wholes = set(whole_of.values())
    for i, span in enumerate(spans):
        if span._.purpose != "aid":
            continue
        if (
            i in wholes
            and not _AID_WORD.fullmatch(span._.purpose_cue or "")
            and any(spans[j]._.purpose == "aid" for j, w in whole_of.items() if w == i)
        ):
            span._.purpose = "investment"
        elif (
            (ix.national or _budget_cue(ix, span))
            and span._.link_organization is None
            and i not in whole_of  # a "dont" part follows its whole; a part of a sum does not
            and not ix.is_table_line(span.start_char)
            and not _granted(ix, span)
        ):
            span._.purpose = "budget"


def _of_envelope(decision: purpose.Decision, whole: Span) -> bool:
    """Is a part of an envelope one too? Yes, unless its own words say it is granted
    ("un fonds de 1,5 M€, dont 420 000 € déjà attribués à cinq entreprises")."""
    return whole._.purpose == "budget" and not (
        decision.purpose == "aid" and _GRANTED.fullmatch(decision.cue or "")
    )


def _granted(ix: DocIndex, span: Span) -> bool:
    """Is the aid said granted by its own words ("reçoit", "se partagent", "une subvention
    de") with nothing in its sentence that leaves it to come ("pourront")? Such money is
    an aid even when the text names no beneficiary (ANNOTATION.md: "30 lauréats se
    partagent 20 M€" is an aid)."""
    if not _GRANTED.fullmatch(span._.purpose_cue or ""):
        return False
    lo, hi = ix.sentence(span.start_char)
    return not _MAY.search(ix.text, lo, hi)


def _budget_cue(ix: DocIndex, span: Span) -> bool:
    """Does the amount's sentence speak of an envelope ("orientés vers ces territoires")?"""
    lo, hi = ix.sentence(span.start_char)
    return any(
        cue.pattern.search(ix.text, lo, hi) for cue in ix.lex.purpose_cues if cue.label == "budget"
    )


def _part_purpose(ix: DocIndex, span: Span, whole: Span) -> tuple[str | None, str | None]:
    """A part says what its whole is, unless a funder pays it ("dont 1,2 M€ de la Région");
    a part of an envelope is an envelope."""
    if whole._.purpose == "budget":
        return whole._.purpose, whole._.purpose_cue
    lo, hi = ix.segment(span.start_char, span.end_char)
    funder = next((m for m in ix.mentions_in(lo, hi) if m.role == FUNDER), None)
    if funder is not None and not ix.action_table:
        return "aid", funder.name
    return whole._.purpose, whole._.purpose_cue


def _sorted(doc: Doc, key: str) -> list[Span]:
    return sorted(doc.spans[key], key=lambda s: s.start) if key in doc.spans else []


@Language.factory("fr_links", default_config={"lexicon": LEXICON, "ranker": RANKER})
def make_links(nlp: Language, name: str, lexicon: str, ranker: str | None) -> LinksComponent:
    return LinksComponent(lexicon, ranker)
