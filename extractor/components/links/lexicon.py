"""The cue tables of ``models/links.json``, compiled once per pipeline.

Every regex of the table is data; this module only compiles them and names
them, so the rule modules (purpose, owners, places, parts, events) read
``Lexicon`` fields instead of raw JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import resources

LEXICON = "links.json"
_FLAGS = re.I


@dataclass(frozen=True)
class Cue:
    """One row of a cue table: a label (purpose, event or territory kinds) and its pattern."""

    label: str
    pattern: re.Pattern[str]
    side: str = "any"
    verb: bool = False
    weak: bool = False
    kinds: tuple[str, ...] = ()
    header: re.Pattern[str] | None = None  # a column title counts only under such a header


@dataclass(frozen=True)
class Lexicon:
    purpose_cues: tuple[Cue, ...]
    adjacent_gap: re.Pattern[str]
    cue_negation: re.Pattern[str]
    right_gap: re.Pattern[str]
    public_funders: re.Pattern[str]
    not_owners: re.Pattern[str]
    collectivities: re.Pattern[str]
    not_owner_before: re.Pattern[str]
    beneficiary_before: re.Pattern[str]
    beneficiary_verbs: re.Pattern[str]
    grant_words: re.Pattern[str]
    holder_cue: re.Pattern[str]
    holder_line: re.Pattern[str]
    giver_verbs: re.Pattern[str]
    giver_after: re.Pattern[str]
    public_funder_words: re.Pattern[str]
    acquirer_before: re.Pattern[str]
    acquirer_anaphora: re.Pattern[str]
    acquirer_headcount: re.Pattern[str]
    acquirer_kept: re.Pattern[str]
    focus_anaphora: re.Pattern[str]
    region_anaphora: re.Pattern[str]
    epci_anaphora: re.Pattern[str]
    sector_right: re.Pattern[str]
    employer_verbs: re.Pattern[str]
    employer_before: re.Pattern[str]
    site_noun_before: re.Pattern[str]
    y_reference: re.Pattern[str]
    anaphora: re.Pattern[str]
    impersonal: re.Pattern[str]
    sector: re.Pattern[str]
    sector_weak: re.Pattern[str]
    national: re.Pattern[str]
    foreign: re.Pattern[str]
    national_lead: re.Pattern[str]
    group_scope: re.Pattern[str]
    references: tuple[Cue, ...]
    locative_before: re.Pattern[str]
    proximity_before: re.Pattern[str]
    venue_before: re.Pattern[str]
    role_before: re.Pattern[str]
    part_before: re.Pattern[str]
    whole_before: re.Pattern[str]
    total_line: re.Pattern[str]
    sum_cue: re.Pattern[str]
    financing_line: re.Pattern[str]
    event_cues: tuple[Cue, ...]
    action_table: re.Pattern[str]
    action_heading: re.Pattern[str]
    laureates: re.Pattern[str]
    table_line: re.Pattern[str]
    parent_before: re.Pattern[str]
    group_anaphora: re.Pattern[str]
    unit_price: re.Pattern[str]
    short_name_after_head: re.Pattern[str]
    short_name_after_head_prep: re.Pattern[str]
    short_name_before_tail: re.Pattern[str]
    short_name_before_tail_comma: re.Pattern[str]
    column_purposes: tuple[Cue, ...] = ()


def _re(pattern: str, flags: int = _FLAGS) -> re.Pattern[str]:
    return re.compile(pattern, flags)


#: France and the parts of it CLDR names apart (overseas départements and collectivities)
_FRENCH = frozenset(
    ["FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "TF", "CP"]
)


def _foreign(before: str, words: str) -> re.Pattern[str]:
    """A locative before one of CLDR's French country names, or an "abroad" word."""
    from babel import Locale

    names = sorted(
        (
            name
            for code, name in Locale("fr").territories.items()
            if len(code) == 2 and code.isalpha() and code not in _FRENCH
        ),
        key=len,
        reverse=True,
    )
    countries = "|".join(re.escape(n).replace("\\ ", r"\s+") for n in names)
    return re.compile(rf"(?:\b(?i:{before})(?:{countries})(?![\w-]))|(?i:{words})")


def load(name: str = LEXICON) -> Lexicon:
    """Compile the cue tables of ``models/<name>``."""
    d = resources.read_json(name)
    return Lexicon(
        purpose_cues=tuple(
            Cue(
                c["purpose"],
                _re(rf"(?<![\w-])(?:{c['pattern']})(?![\w])"),
                c.get("side", "any"),
                c.get("verb", False),
                c.get("weak", False),
            )
            for c in d["purpose_cues"]
        ),
        adjacent_gap=_re(d["adjacent_gap"], 0),
        cue_negation=_re(d["cue_negation"]),
        right_gap=_re(d["right_gap"]),
        public_funders=_re(d["public_funders"], 0),
        not_owners=_re(d["not_owners"], 0),
        collectivities=_re(d["collectivities"], 0),
        not_owner_before=_re(d["not_owner_before"]),
        beneficiary_before=_re(d["beneficiary_before"]),
        beneficiary_verbs=_re(d["beneficiary_verbs"]),
        grant_words=_re(d["grant_words"]),
        holder_cue=_re(d["holder_cue"]),
        holder_line=_re(d["holder_line"], re.I | re.M),
        giver_verbs=_re(d["giver_verbs"]),
        giver_after=_re(d["giver_after"]),
        public_funder_words=_re(d["public_funder_words"], 0),
        acquirer_before=_re(d["acquirer_before"]),
        acquirer_anaphora=_re(d["acquirer_anaphora"]),
        acquirer_headcount=_re(d["acquirer_headcount"]),
        acquirer_kept=_re(d["acquirer_kept"]),
        focus_anaphora=_re(d["focus_anaphora"]),
        region_anaphora=_re(d["collectivity_anaphora"]["region"], 0),
        epci_anaphora=_re(d["collectivity_anaphora"]["epci"], 0),
        sector_right=_re(d["sector_right"]),
        employer_verbs=_re(d["employer_verbs"]),
        employer_before=_re(d["employer_before"]),
        site_noun_before=_re(d["site_noun_before"]),
        y_reference=_re(d["y_reference"]),
        anaphora=_re(d["anaphora"]),
        impersonal=_re(d["impersonal"]),
        sector=_re(d["sector"]),
        sector_weak=_re(d["sector_weak"]),
        national=_re(d["national"]),
        foreign=_foreign(d["foreign_before"], d["foreign_words"]),
        group_scope=_re(d["group_scope"]),
        national_lead=_re(d["national_lead"], 0),
        references=tuple(
            Cue("reference", _re(r["pattern"]), kinds=tuple(r["kinds"])) for r in d["references"]
        ),
        locative_before=_re(d["locative_before"]),
        proximity_before=_re(d["proximity_before"]),
        venue_before=_re(d["venue_before"]),
        role_before=_re(d["role_before"]),
        part_before=_re(d["part_before"]),
        whole_before=_re(d["whole_before"]),
        total_line=_re(d["total_line"], re.I | re.M),
        sum_cue=_re(d["sum_cue"], re.I),
        financing_line=_re(d["financing_line"], re.I | re.M),
        event_cues=tuple(Cue(c["event"], _re(rf"\b(?:{c['pattern']})")) for c in d["event_cues"]),
        action_table=_re(d["action_table"], re.I | re.M),
        action_heading=_re(d["action_heading"], re.I | re.M),
        laureates=_re(d["laureates"]),
        table_line=_re(d["table_line"], re.M),
        parent_before=_re(d["parent_before"]),
        group_anaphora=_re(d["group_anaphora"]),
        unit_price=_re(d["unit_price"]),
        short_name_after_head=re.compile(
            rf"(?:{d['short_name_head']})\s+(?P<short>.+)", re.I | re.S
        ),
        short_name_after_head_prep=re.compile(
            rf"(?:{d['short_name_head']})\s+(?:de\s+la|du|des|de|d['’])\s*(?P<short>.+)",
            re.I | re.S,
        ),
        short_name_before_tail=re.compile(
            rf"(?P<short>.+?)\s+(?:{d['short_name_tail']})", re.I | re.S
        ),
        short_name_before_tail_comma=re.compile(
            rf"(?P<short>.+?),\s+(?:{d['short_name_tail']})", re.I | re.S
        ),
        column_purposes=tuple(
            Cue(
                c["purpose"],
                _re(rf"(?:{c['pattern']})"),
                header=_re(rf"\b(?:{c['header']})\b") if c.get("header") else None,
            )
            for c in d.get("column_purposes", [])
        ),
    )
