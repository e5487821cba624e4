"""A learned second opinion on whose and where each figure is.

The rules of :mod:`.owners` and :mod:`.places` each give one answer, the first
that one of their cases reaches; they cannot weigh two weak signs against one
strong one, and on documents they were not written against they fall short
(their accuracy on unseen text stays near 0.65–0.80). The ranker sees every
candidate at once: each organization the document names (and "none"), each
territory (and "none"), described by surface features (where its nearest
mention stands from the figure, what kind of body or place it is, the words
around it, whether the document is about it, whether the rules chose it and, for
places, what kind of words made them choose it)
and scores them with a linear model trained by ``scripts/train_links.py`` on
the project's own annotated training documents (``training/links/``), kept
apart from every evaluation set. The best-scoring candidate wins.

The model is a table of feature weights (``models/link_ranker.json``): scoring
is a sum of dictionary lookups, a few microseconds per candidate.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ... import geography
from .context import DocIndex, Mention, Place, role_of
from .places import usable

#: how far from the figure a candidate's mention may stand to be weighed (characters)
_REACH = 3000
_WORD = re.compile(r"[\w'’-]+")
#: the words a feature may name: function words and cue words, not content (names, numbers)
_SHORT = 12


@dataclass(frozen=True)
class Choice:
    """One candidate answer: a value (organization name, territory place or None) and its
    features."""

    value: object
    features: dict[str, float]


def _bucket(distance: int) -> str:
    """Log-scale distance classes: 0–15, 16–63, 64–255, 256–1023, beyond."""
    return str(min(4, int(math.log(distance + 1, 4)) - 1)) if distance > 15 else "0"


Bounds = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


def _bounds(ix: DocIndex, start: int, end: int) -> Bounds:
    """The figure's segment, sentence and paragraph, found once for all its candidates."""
    return ix.segment(start, end), ix.sentence(start), ix.paragraph(start)


def _position(bounds: Bounds, start: int, lo: int, hi: int) -> str:
    """Where a mention at ``lo``–``hi`` stands from the figure starting at ``start``, whose
    segment, sentence and paragraph are ``bounds``."""
    side = "before" if hi <= start else "after"
    for name, (a, b) in zip(("seg", "sent", "para"), bounds, strict=True):
        if a <= lo and hi <= b:
            return f"{name}_{side}"
    return f"doc_{side}"


def _edge_word(text: str, last: bool) -> str:
    """The last (or first) word of ``text`` as a feature: a short word ("par", "chez", "à"),
    else "_" (a name or a number says nothing general)."""
    words = _WORD.findall(text)
    word = words[-1 if last else 0].lower() if words else ""
    return word if len(word) <= _SHORT and not word[:1].isdigit() else "_"


def _context(ix: DocIndex, start: int, end: int, purpose: str | None, is_job: bool) -> dict:
    """Features of the figure itself, crossed with each candidate's."""
    what = "job" if is_job else f"amount:{purpose}"
    lo, hi = ix.segment(start, end)
    return {
        "what": what,
        "national_doc": ix.national,
        "table": ix.is_table_line(start),
        "action_table": ix.action_table,
        "national_cue": bool(ix.lex.national.search(ix.text, lo, hi)),
    }


def _null(ctx: dict, rule: bool) -> dict[str, float]:
    f = {"null": 1.0, f"null|{ctx['what']}": 1.0, f"null|rule={rule}": 1.0}
    for key in ("national_doc", "table", "action_table", "national_cue"):
        if ctx[key]:
            f[f"null|{key}"] = 1.0
    return f


def org_choices(
    ix: DocIndex,
    start: int,
    end: int,
    purpose: str | None,
    is_job: bool,
    rule: str | None,
) -> list[Choice]:
    """Every organization named within reach of the figure, the rule's answer, and none."""
    ctx = _context(ix, start, end, purpose, is_job)
    nearest: dict[str, Mention] = {}
    count: dict[str, int] = {}
    for m in ix.mentions_in(max(0, start - _REACH), end + _REACH):
        count[m.name] = count.get(m.name, 0) + 1
        old = nearest.get(m.name)
        if old is None or _gap(m.start, m.end, start, end) < _gap(old.start, old.end, start, end):
            nearest[m.name] = m
    names = list(nearest)
    for extra in (rule, ix.focus, ix.issuer):
        if extra and extra not in nearest:
            names.append(extra)
    before = _ranks([m for m in nearest.values() if m.end <= start], _name, start, end)
    after = _ranks([m for m in nearest.values() if m.start >= end], _name, start, end)
    bounds = _bounds(ix, start, end)
    sent_lo, sent_hi = bounds[1]
    sentence = set(_WORD.findall(ix.text[sent_lo:sent_hi]))
    out = [Choice(None, _null(ctx, rule is None))]
    for name in names:
        role = role_of(name, ix.lex)
        f: dict[str, float] = {
            "bias": 1.0,
            f"role={role}": 1.0,
            f"role={role}|{ctx['what']}": 1.0,
        }
        if name == rule:
            f["rule"] = 1.0
            f[f"rule|{ctx['what']}"] = 1.0
        if any(w in sentence for w in _proper_words(name)):
            # "Vernadel vise un chiffre d'affaires de 30 M€": a short form of "Coutellerie
            # Vernadel" that no mention indexed
            f["name_word_in_sentence"] = 1.0
        m = nearest.get(name)
        if m is None:
            f["unmentioned"] = 1.0
        else:
            pos = _position(bounds, start, m.start, m.end)
            f[f"pos={pos}"] = 1.0
            f[f"pos={pos}|role={role}"] = 1.0
            f[f"pos={pos}|{ctx['what']}"] = 1.0
            f[f"dist={_bucket(_gap(m.start, m.end, start, end))}"] = 1.0
            f[f"before_word={_edge_word(ix.text[max(0, m.start - 25) : m.start], last=True)}"] = 1.0
            f[f"after_word={_edge_word(ix.text[m.end : m.end + 25], last=False)}"] = 1.0
            f["log_count"] = math.log1p(count[name])
        for side, ranks in (("left", before), ("right", after)):
            if name in ranks:
                f[f"{side}_rank={ranks[name]}"] = 1.0
                f[f"{side}_rank={ranks[name]}|role={role}"] = 1.0
                f[f"{side}_rank={ranks[name]}|{ctx['what']}"] = 1.0
        for flag, on in (
            ("focus", name == ix.focus),
            ("issuer", name == ix.issuer),
            ("parent", name == ix.parent),
            ("acquirer", name in ix.acquirer_names),
        ):
            if on:
                f[flag] = 1.0
                f[f"{flag}|{ctx['what']}"] = 1.0
        out.append(Choice(name, f))
    return out


def place_choices(
    ix: DocIndex,
    start: int,
    end: int,
    purpose: str | None,
    is_job: bool,
    org: str | None,
    rule: Place | None,
) -> list[Choice]:
    """Every territory named within reach of the figure (one per canonical key), the
    document's own places (its main territories, its site, its issuer's, its scope), the
    firm's site, the rule's answer, and none.

    Within reach, as for owners: a long document names more places the further it goes,
    and weighing all of them for each of its figures made the work grow with the square
    of its length (``tests/test_api.py``)."""
    ctx = _context(ix, start, end, purpose, is_job)
    org_site = ix.org_site.get(org or "")
    window = ix.places_in(max(0, start - _REACH), end + _REACH)
    groups: dict[str, list[Place]] = {}
    for p in window:
        groups.setdefault(p.key, []).append(p)
    anchors = [rule, org_site, ix.doc_site, ix.issuer_place, ix.scope, *ix.main.values()]
    for p in anchors:
        if p is not None and p.key not in groups:
            groups[p.key] = [p]
    bounds = _bounds(ix, start, end)
    seg, sent, _ = bounds
    usable_seg = [p for p in ix.places_in(*seg) if usable(p)]
    usable_sent = [p for p in ix.places_in(*sent) if usable(p)]
    rule_geo = _geo(rule) if rule is not None else None
    near = _ranks([q for q in window if usable(q) and q.end <= start], _place_key, start, end)
    firsts = {
        "first_seg": usable_seg[0].key if usable_seg else None,
        "first_sent": usable_sent[0].key if usable_sent else None,
        "main": {p.key for p in ix.main.values()},
    }
    out = [Choice(None, _null(ctx, rule is None))]
    for key, places in groups.items():
        said = [p for p in places if usable(p)] or places
        p = min(said, key=lambda q: _gap(q.start, q.end, start, end))
        if rule is not None and key != rule.key and _nested(ix, p, rule, rule_geo):
            continue
        kind = p.kind
        f: dict[str, float] = {
            "bias": 1.0,
            f"kind={kind}": 1.0,
            f"kind={kind}|{ctx['what']}": 1.0,
            "log_count": math.log1p(len(places)),
        }
        if rule is not None and key == rule.key:
            f["rule"] = 1.0
            f[f"rule|{ctx['what']}"] = 1.0
            f[f"rule|kind={kind}"] = 1.0
        pos = _position(bounds, start, p.start, p.end)
        f[f"pos={pos}"] = 1.0
        f[f"pos={pos}|kind={kind}"] = 1.0
        f[f"dist={_bucket(_gap(p.start, p.end, start, end))}"] = 1.0
        f[f"before_word={_edge_word(ix.text[max(0, p.start - 25) : p.start], last=True)}"] = 1.0
        if key in near:
            f[f"left_rank={near[key]}"] = 1.0
            f[f"left_rank={near[key]}|kind={kind}"] = 1.0
        if not any(usable(q) for q in places):
            f["only_in_names"] = 1.0
        if p.locator:
            f["locator"] = 1.0
        for flag, on in (
            ("first_seg", key == firsts["first_seg"]),
            ("first_sent", key == firsts["first_sent"]),
            ("main", key in firsts["main"]),
            ("doc_site", ix.doc_site is not None and key == ix.doc_site.key),
            ("issuer_place", ix.issuer_place is not None and key == ix.issuer_place.key),
            ("scope", ix.scope is not None and key == ix.scope.key),
            ("org_site", org_site is not None and key == org_site.key),
            ("in_lead", places[0].start < 800),
        ):
            if on:
                f[flag] = 1.0
                f[f"{flag}|{ctx['what']}"] = 1.0
        out.append(Choice(p, f))
    return out


def _proper_words(name: str) -> list[str]:
    """The capitalised words of a name that can stand for it alone ("Vernadel")."""
    return [w for w in _WORD.findall(name) if len(w) >= 4 and w[0].isupper()]


def _ranks(items: list[Mention] | list[Place], key, start: int, end: int) -> dict[str, str]:
    """Each name's (or place's) rank by nearness to the figure on one side, its nearest
    mention counting: "0" the nearest, "1", "2+"."""
    ranks: dict[str, str] = {}
    for x in sorted(items, key=lambda x: _gap(x.start, x.end, start, end)):
        ranks.setdefault(key(x), "0" if not ranks else "1" if len(ranks) == 1 else "2+")
    return ranks


def _nested(ix: DocIndex, p: Place, rule: Place, rule_geo: geography.Place | None) -> bool:
    """Does ``p`` lie inside the rules' place or contain it (a zone and its commune, a commune
    and its intercommunality or Territoire d'industrie)? Which of two nested places a figure
    takes is the annotation's convention (ANNOTATION.md: "the site's commune"), not a fact
    the words around it tell; the rules keep that choice, and the ranker weighs only places
    that are not the same place at another scale."""
    if "zone" in (p.kind, rule.kind):
        return True  # a zone lies in a commune and in its areas; the text rarely says which
    if ix.site_of(p).key == rule.key or ix.site_of(rule).key == p.key:
        return True
    geo = _geo(p)
    if geo is None or rule_geo is None:
        return False
    return geography.overlaps(rule_geo, geo)


def _geo(p: Place) -> geography.Place | None:
    span = p.span
    return _geo_of(p.kind, span._.territory_code, span._.canonical_name or span.text)


_geo_of = cache(geography.place)  # the same few places, asked for every figure


def _name(m: Mention) -> str:
    return m.name


def _place_key(p: Place) -> str:
    return p.key


def _gap(lo: int, hi: int, start: int, end: int) -> int:
    return start - hi if hi <= start else max(0, lo - end)


def with_cue(choices: list[Choice], cue: str | None, what: str) -> list[Choice]:
    """The choices, the rules' own answer marked as decided by words of the text when it
    was (``cue``): what kind of words ("nous", "la PME", "le site", or a name) is a
    feature, so the ranker learns how far each kind of rule answer can be trusted."""
    if cue is None:
        return choices
    word = cue.strip()
    kind = word.lower() if word[:1].islower() and len(word) <= 20 else "_name"
    out = []
    for c in choices:
        if c.features.get("rule") or (c.value is None and c.features.get("null|rule=True")):
            c = Choice(c.value, c.features | {"cued": 1.0, f"cue={kind}": 1.0, f"cued|{what}": 1.0})
        out.append(c)
    return out


class Ranker:
    """A linear scorer over named features; the weights come from ``scripts/train_links.py``.

    ``weigh_cued`` names the tasks whose every figure the ranker decides, the rules'
    answer being one of its features, not only the figures where the rules fell back on a
    default: where cross-validation over writers says it is right more often than the
    rules are (places; ``scripts/train_links.py --measure``)."""

    def __init__(
        self, weights: dict[str, dict[str, float]], weigh_cued: frozenset[str] = frozenset()
    ) -> None:
        self.weights = weights
        self.weigh_cued = weigh_cued

    @classmethod
    def from_json(cls, text: str) -> Ranker:
        data = json.loads(text)
        return cls(data["weights"], frozenset(data.get("weigh_cued", ())))

    def score(self, task: str, features: dict[str, float]) -> float:
        w = self.weights[task]
        return sum(w.get(k, 0.0) * v for k, v in features.items())

    def best(self, task: str, choices: Iterable[Choice]) -> Choice:
        """The highest-scoring choice (the first on a tie: "none" comes first)."""
        return max(choices, key=lambda c: self.score(task, c.features))
