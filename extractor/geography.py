"""Which territory lies inside which: commune → intercommunality → département → région.

Facts link to a territory of their document (``territory_kind`` and
``territory_code``, or the canonical name for a Territoire d'industrie or a
zone, which have no code). A :data:`Place` is that pair; :func:`parents` gives
the places that contain it, from ``models/territory_tree.json.gz`` (built by
``scripts/build_territory_tree.py`` from the COG 2026 and the Territoires
d'industrie lists), so that a briefing of a département gathers the facts of
its communes, and the store's views can give each fact its parents.
"""

from __future__ import annotations

import gzip
import json
from functools import cache

from . import resources
from .components.folding import fold

TREE = "territory_tree.json.gz"

#: (kind, key): key is the INSEE code (commune, département, région), the SIREN
#: (intercommunality), or the folded canonical name (Territoire d'industrie, zone)
Place = tuple[str, str]


@cache
def tree() -> dict:
    return json.loads(gzip.decompress(resources.model_file(TREE).read_bytes()))


def place(kind: str | None, code: str | None, name: str | None) -> Place | None:
    """The place of a territory as records give it.

    >>> place("commune", "30007", "Alès")
    ('commune', '30007')
    >>> place("territoire_industrie", None, "Aurillac – Figeac – Rodez")
    ('territoire_industrie', 'aurillac - figeac - rodez')
    """
    if kind is None:
        return None
    if code and kind in ("commune", "epci", "departement", "region"):
        return (kind, code)
    return (kind, fold(name)) if name else None


@cache
def parents(of: Place) -> tuple[Place, ...]:
    """Every place that contains ``of``, nearest first (a place is not its own parent).

    Cached: briefings and the store ask for the same few places once per fact.

    >>> parents(("commune", "30007"))  # Alès
    (('epci', '200066918'), ('territoire_industrie', "bassin d'ales"), ('departement', '30'), ('region', '76'))
    """
    kind, key = of
    t = tree()
    found: list[Place] = []
    if kind == "commune" and key in t["commune"]:
        epci, dep, reg = t["commune"][key]
        if epci:
            found.append(("epci", epci))
            found += _ti_of_epci(epci)
        found += [("departement", dep), ("region", reg)]
    elif kind == "epci" and key in t["epci"]:
        deps, regs = t["epci"][key]
        found += _ti_of_epci(key)
        found += [("departement", d) for d in deps] + [("region", r) for r in regs]
    elif kind == "departement" and key in t["departement"]:
        found.append(("region", t["departement"][key]))
    elif kind == "territoire_industrie" and key in t["territoire_industrie"]:
        deps, regs, _ = t["territoire_industrie"][key]
        # a Territoire d'industrie lies inside a département or a région only when whole in it
        if len(deps) == 1:
            found.append(("departement", deps[0]))
        if len(regs) == 1:
            found.append(("region", regs[0]))
    return tuple(found)


@cache
def _ti_by_epci() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name, (_, _, sirens) in tree()["territoire_industrie"].items():
        for siren in sirens:
            index.setdefault(siren, []).append(name)
    return {siren: tuple(names) for siren, names in index.items()}


def _ti_of_epci(siren: str) -> list[Place]:
    return [("territoire_industrie", name) for name in _ti_by_epci().get(siren, ())]


def within(inner: Place, outer: Place) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it.

    >>> within(("commune", "30007"), ("region", "76"))
    True
    >>> within(("region", "76"), ("commune", "30007"))
    False
    """
    return inner == outer or outer in parents(inner)


@cache
def overlaps(a: Place, b: Place) -> bool:
    """True when one lies inside the other, or a Territoire d'industrie spreads over the other
    (a département, a région or an intercommunality it takes in part).

    Cached: the link ranker asks it of every pair of a document's places, for each figure.

    >>> overlaps(("region", "75"), ("territoire_industrie", "lacq - pau - tarbes"))
    True
    >>> overlaps(("commune", "30007"), ("region", "75"))
    False
    """
    if within(a, b) or within(b, a):
        return True
    for ti, other in ((a, b), (b, a)):
        if ti[0] == "territoire_industrie" and ti[1] in tree()["territoire_industrie"]:
            deps, regs, sirens = tree()["territoire_industrie"][ti[1]]
            kind, key = other
            if (kind, key) in [("departement", d) for d in deps] + [("region", r) for r in regs]:
                return True
            if kind == "epci" and key in sirens:
                return True
    return False
