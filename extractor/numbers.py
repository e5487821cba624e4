"""French numbers, euro amounts and qualifiers as the press writes them.

Pure ``str -> value`` functions plus the regex grammar that the amounts and jobs
components share, so a number is read the same way whatever it counts. Words
("trois cent mille") go through text2num; the lexicon (number words, multipliers,
abbreviations, qualifiers) is data in ``models/amounts.json``.

>>> parse_amount("1,36 milliard d’euros")
Quantity(value=1360000000.0, value_max=None, qualifier=None)
>>> parse_amount("plus d’1 milliard d’euros")
Quantity(value=1000000000.0, value_max=None, qualifier='plus de')
>>> parse_amount("quelque 177 M €")
Quantity(value=177000000.0, value_max=None, qualifier='environ')
>>> parse_amount("entre 2 et 3 M€")
Quantity(value=2000000.0, value_max=3000000.0, qualifier='entre')
>>> parse_amount("un million et demi d'euros").value
1500000.0
>>> parse_amount("10 millions de dollars") is None
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from . import resources

LEXICON = "amounts.json"

_S = (
    r"[\s\u00a0\u2009\u202f]"  # any space, incl. the no-break and thin ones French typesetting uses
)
_DE = r"d(?:e" + _S + r"+|['’]" + _S + r"*)"  # de / d'
# Digits: grouped thousands ("10 000", "10.000", "1 200,5") or a plain decimal ("1,36", "1.5").
DIGITS = (
    r"(?<![\d.,])(?:\d{1,3}(?:(?:[ \u00a0\u2009\u202f]|\.)\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?!\d)"
)
_GROUPED_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SPACES = re.compile(_S + "+")


@dataclass(frozen=True)
class Quantity:
    """A number as stated: low end, high end of a range, and how it was hedged."""

    value: float
    value_max: float | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class Hit:
    """One stated quantity in a text; ``part`` is "from"/"to" for the two ends of a change
    ("l'effectif passera de 120 à 180 salariés" states two counts, not a range)."""

    start: int
    end: int
    quantity: Quantity
    match: re.Match[str]
    part: str | None = None


def parse_decimal(text: str) -> float | None:
    """A number written in digits, French style.

    >>> parse_decimal("10 000"), parse_decimal("10\u202f000"), parse_decimal("10.000")
    (10000.0, 10000.0, 10000.0)
    >>> parse_decimal("1,36"), parse_decimal("1.5"), parse_decimal("1 200,5")
    (1.36, 1.5, 1200.5)
    >>> parse_decimal("douze") is None
    True
    """
    s = _SPACES.sub("", text.strip())
    if _GROUPED_DOT.fullmatch(s.split(",")[0]) and "." in s:
        s = s.replace(".", "")  # "10.000": a dot before three digits groups thousands
    s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def parse_words(text: str) -> float | None:
    """A number written in French words.

    >>> parse_words("trois cent mille"), parse_words("quatre-vingt-dix"), parse_words("Vingt et un")
    (300000.0, 90.0, 21.0)
    >>> parse_words("deux millions cinq cent mille")
    2500000.0
    >>> parse_words("deux et trois") is None
    True
    """
    words = _SPACES.sub(" ", text.strip().lower())
    try:
        return float(text2num(words, "fr"))
    except (ValueError, IndexError):
        return None


class Grammar:
    """Regex sources and lookups built once from the lexicon."""

    def __init__(self, lexicon: dict) -> None:
        words = sorted(lexicon["number_words"], key=len, reverse=True)
        scales = lexicon["scale_words"]
        # "millions d'euros" alone states no figure: a scale word cannot open a number
        first = "(?:" + "|".join(w for w in words if scales.get(w, 0) < 1e6) + ")"
        word = "(?:" + "|".join(words) + ")"
        joint = r"(?:-et-|" + _S + r"+et" + _S + r"+(?=(?:une?|onze)\b)|-|" + _S + "+)"
        self.words = rf"(?<![\w-]){first}(?:{joint}{word}){{0,16}}(?![\w-])"
        self.approx = {
            re.compile(k, re.I): float(v) for k, v in lexicon["approximate_nouns"].items()
        }
        approx_nouns = "|".join(lexicon["approximate_nouns"])
        self.approx_source = rf"(?:{self.words}|{DIGITS}){_S}+(?:{approx_nouns})\b"
        self.number = rf"(?:{self.approx_source}|{DIGITS}|{self.words})"
        self.multipliers = {
            re.compile(k, re.I): float(v) for k, v in lexicon["multipliers"].items()
        }
        self.multiplier = "(?:" + "|".join(lexicon["multipliers"]) + r")(?![\w-])"
        self.abbreviations = {
            re.compile(k, re.I): float(v) for k, v in lexicon["abbreviations"].items()
        }
        self.abbreviation = (
            "(?:" + "|".join(sorted(lexicon["abbreviations"], key=len, reverse=True)) + ")"
        )
        self.currency = lexicon["currency"]
        self.scales = {k: float(v) for k, v in lexicon["scale_words"].items()}
        self.qualifiers = [
            (re.compile(p.replace("d_", _DE).replace(" ", _S + "+"), re.I), canon)
            for p, canon in lexicon["qualifiers"]
        ]
        qual = "|".join(p.pattern for p, _ in self.qualifiers)
        self.qualifier = rf"(?<![\w])(?:{qual})"
        self.transition = re.compile(lexicon["transition_cue"] + r"\s*$", re.I)
        bare = lexicon["bare_amounts"]
        self.bare = {k: re.compile(v, re.I) for k, v in bare.items() if not k.startswith("_")}
        self.symbolic = re.compile(lexicon["symbolic"]["pattern"], re.I)
        self.symbolic_value = float(lexicon["symbolic"]["value"])

    def scale_part(self, p: str, big: bool = False) -> str:
        """Multiplier word (optionally after 'de', as in 'une dizaine de millions') and 'et demi';
        with ``big``, a required "million(s)" or "milliard(s)" (a bare "4 millions")."""
        mult = r"(?:milliards?|millions?)(?![\w-])" if big else self.multiplier
        return (
            rf"(?:{_S}*(?:de{_S}+)?(?P<{p}mult>{mult})){'' if big else '?'}"
            rf"(?P<{p}demi>{_S}+et{_S}+demie?\b)?"
        )

    def patterns(self, unit: str, big: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """(range, single) compiled :meth:`sources`."""
        rng, single = self.sources(unit, big)
        return re.compile(rng, re.I), re.compile(single, re.I)

    def sources(self, unit: str, big: bool = False) -> tuple[str, str]:
        """(range, single) regex sources for a number followed by ``unit``.

        ``unit`` is a template whose group names start with ``{p}`` so that it can
        appear after both ends of a range; ``big`` requires a million/milliard word.
        """
        single = (
            rf"(?:(?P<qual>{self.qualifier}){_S}*)?(?P<num>{self.number})"
            + self.scale_part("", big)
            + unit.format(p="")
        )
        rng = (
            rf"(?:(?P<lead>entre|de){_S}+)?(?P<lo_num>{self.number})"
            + self.scale_part("lo_")
            + "(?:"
            + unit.format(p="lo_")
            + ")?"
            + rf"(?:{_S}+(?P<sep>et|à){_S}+|{_S}*(?P<dash>[-–]){_S}*)"
            + rf"(?P<num>{self.number})"
            + self.scale_part("", big)
            + unit.format(p="")
        )
        return rng, single

    def bare_unit(self) -> str:
        """What may follow a number written without "euros": no other unit, and "de" only
        before a money noun ("12 millions d'investissement", not "3 millions d'habitants")."""
        other = self.bare["unit_after"].pattern
        money = self.bare["money_noun_after"].pattern
        return (
            rf"(?!{_S}*(?:{other}))"
            rf"(?!{_S}*{_DE}(?!(?:{money})))"
            rf"(?!{_S}*(?:[€$£¥%]|euros?\b|eur\b))".replace("{", "{{").replace("}", "}}")
        )

    def amount_unit(self) -> str:
        return (
            rf"(?:{_S}*(?P<{{p}}abbr>{self.abbreviation}))?{_S}*(?:{_DE})?"
            rf"(?P<{{p}}cur>{self.currency})"
        )

    def qualifier_of(self, text: str | None) -> str | None:
        if not text:
            return None
        text = text.strip()
        for pattern, canon in self.qualifiers:
            if pattern.fullmatch(text) or pattern.fullmatch(text + " "):
                return canon
        return None

    def parse_number(self, text: str) -> tuple[float, bool] | None:
        """Value and whether it is an approximation ("une centaine" -> (100.0, True))."""
        text = _SPACES.sub(" ", text.strip())
        for noun, base in self.approx.items():
            head, _, tail = text.rpartition(" ")
            if head and noun.fullmatch(tail):
                n = 1.0 if head.lower() in ("un", "une") else self._plain(head)
                return (n * base, True) if n is not None else None
        value = self._plain(text)
        return (value, False) if value is not None else None

    def _plain(self, text: str) -> float | None:
        text = _SPACES.sub(" ", text)
        return parse_decimal(text) if text[:1].isdigit() else parse_words(text)

    def factor(self, mult: str | None, abbr: str | None) -> float:
        f = 1.0
        for text, table in ((mult, self.multipliers), (abbr, self.abbreviations)):
            if text:
                f *= next((v for k, v in table.items() if k.fullmatch(text)), 1.0)
        return f

    def _side(self, m: re.Match[str], p: str) -> tuple[float, float, bool, bool] | None:
        """(number, factor, approximate, has explicit scale or unit) of one end of a match."""
        num = m.group(p + "num")
        parsed = self.parse_number(num)
        if parsed is None:
            return None
        value, approx = parsed
        g = m.groupdict()
        mult, abbr = g.get(p + "mult"), g.get(p + "abbr")
        factor = self.factor(mult, abbr)
        if g.get(p + "demi"):
            last = [self.scales[w] for w in num.lower().split() if w in self.scales]
            scale = factor if (mult or abbr) else (last[-1] if last else 1.0)
            value += 0.5 * scale / factor
        if num.strip().lower() in ("un", "une") and factor == 1.0 and not g.get(p + "demi"):
            return None  # "un euro", "un emploi": an article, not a figure
        return value, factor, approx, bool(mult or abbr or g.get(p + "cur"))

    def interpret_change(self, m: re.Match[str]) -> tuple[Quantity, Quantity] | None:
        """The two ends of "passer de X à Y": either order, the low end scaled like the high
        one when that brings them closer ("de 18 à 31 millions", "de 800 000 à 1,2 million")."""
        hi, lo = self._side(m, ""), self._side(m, "lo_")
        if hi is None or lo is None:
            return None
        high = hi[0] * hi[1]
        if lo[3]:
            low = lo[0] * lo[1]
        else:
            low = min((lo[0] * hi[1], lo[0]), key=lambda v: abs(math.log(v / high)) if v else 1e9)
        if not low or low == high:
            return None
        return Quantity(low), Quantity(high)

    def interpret(self, m: re.Match[str]) -> Quantity | None:
        """The quantity a match of :meth:`patterns` states, or None when it does not hold."""
        hi = self._side(m, "")
        if hi is None:
            return None
        hi_num, hi_factor, approx, _ = hi
        g = m.groupdict()
        if "lo_num" not in g:
            qual = self.qualifier_of(g.get("qual")) or ("environ" if approx else None)
            return Quantity(hi_num * hi_factor, None, qual)
        lo = self._side(m, "lo_")
        if lo is None:
            return None
        lo_num, lo_factor, _, lo_scaled = lo
        lead, sep = (g.get("lead") or "").lower(), (g.get("sep") or "").lower()
        if (sep == "et") != (lead == "entre") or (lead == "de" and sep == "et"):
            return None
        high = hi_num * hi_factor
        if lo_scaled:
            low = lo_num * lo_factor
        elif lo_num <= hi_num:
            low = lo_num * hi_factor  # "2 à 3 M€": the scale of the high end applies to both
        else:
            low = lo_num  # "entre 500 000 et 1 million d'euros"
            if low < high / 10:
                return None  # "2019 à 3 M€" is a year next to an amount, not a range
        if low >= high:
            return None
        return Quantity(low, high, "entre")


@cache
def grammar(lexicon: str = LEXICON) -> Grammar:
    """The grammar of a lexicon file in ``models/``, built once per process."""
    return Grammar(resources.read_json(lexicon))


@cache
def amount_patterns(lexicon: str = LEXICON) -> tuple[re.Pattern[str], re.Pattern[str]]:
    g = grammar(lexicon)
    return g.patterns(g.amount_unit())


@cache
def bare_amount_patterns(lexicon: str = LEXICON) -> tuple[re.Pattern[str], ...]:
    """Figures written without a currency: "près de 4 millions" (range and single) and
    a plain figure right after a money noun ("une subvention de 150 000") or before
    "HT"/"TTC"."""
    g = grammar(lexicon)
    unit = g.bare_unit()
    lead = tuple(
        re.compile(rf"(?:{g.bare['money_lead'].pattern}){_S}*(?P<amt>{src})", re.I)
        for src in g.sources(unit)
    )
    suffix = re.compile(
        rf"(?:(?P<qual>{g.qualifier}){_S}*)?(?P<num>{g.number})"
        + g.scale_part("")
        + rf"{_S}*{g.bare['money_suffix'].pattern}",
        re.I,
    )
    return (*g.patterns(unit, big=True), *lead, suffix)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _hits(text: str, m: re.Match[str], g: Grammar) -> list[Hit]:
    """The quantities one regex match states: one, none, or the two ends of a change."""
    gd = m.groupdict()
    if (
        gd.get("lo_num")
        and (gd.get("lead") or "").lower() == "de"
        and (gd.get("sep") or "").lower() == "à"
        and g.transition.search(text, max(0, m.start() - 80), m.start())
    ):
        pair = g.interpret_change(m)
        if pair is None:
            return []
        lo_end = max(m.end(k) for k, v in gd.items() if k.startswith("lo_") and v)
        return [
            Hit(m.start("lo_num"), lo_end, pair[0], m, "from"),
            Hit(m.start("num"), m.end(), pair[1], m, "to"),
        ]
    q = g.interpret(m)
    start = m.start("amt") if "amt" in gd else m.start()
    return [Hit(start, m.end(), q, m)] if q is not None else []


def _non_overlapping(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest hits that do not overlap; a range wins over its parts."""
    hits = sorted(hits, key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    for h in hits:
        if kept and h.start < kept[-1].end:
            continue
        kept.append(h)
    return kept


def find_matches(
    text: str, patterns: tuple[re.Pattern[str], ...], g: Grammar | None = None
) -> list[Hit]:
    """Non-overlapping quantities stated in ``text`` by any of ``patterns``."""
    g = g or grammar()
    return _non_overlapping(
        [h for p in patterns for m in p.finditer(text) for h in _hits(text, m, g)]
    )


def find_quantities(
    text: str, patterns: tuple[re.Pattern[str], ...], g: Grammar | None = None
) -> list[tuple[int, int, Quantity]]:
    """(start, end, quantity) of :func:`find_matches`."""
    return [(h.start, h.end, h.quantity) for h in find_matches(text, patterns, g)]


_BOUNDARY = re.compile(r"[.!?…](?=[\s\u00a0»\"”)]|$)|\n")


def money_context(text: str, start: int, end: int, g: Grammar | None = None) -> bool:
    """Whether a figure without a currency is read as euros: its sentence or the one before
    talks money, and its sentence names no other currency."""
    g = g or grammar()
    bounds = [b.end() for b in _BOUNDARY.finditer(text, 0, start)]
    sent_start = bounds[-1] if bounds else 0
    prev_start = bounds[-2] if len(bounds) > 1 else 0
    after = _BOUNDARY.search(text, end)
    sentence = text[sent_start : after.start() if after else len(text)]
    previous = text[prev_start:sent_start]
    cue, other = g.bare["money_cue"], g.bare["other_currency"]
    if other.search(sentence):
        return False
    return bool(cue.search(sentence) or (cue.search(previous) and not other.search(previous)))


def find_amounts(text: str, lexicon: str = LEXICON) -> list[Hit]:
    """Every euro amount in ``text``; a figure without a currency only in a money context.

    >>> [(text[h.start:h.end], h.quantity.value)
    ...  for text in ["Un budget de 2 Mds€ et 500 k€ pour 124 territoires."]
    ...  for h in find_amounts(text)]
    [('2 Mds€', 2000000000.0), ('500 k€', 500000.0)]
    >>> [h.quantity.value for h in find_amounts("Le chantier coûtera près de 4 millions.")]
    [4000000.0]
    >>> find_amounts("La métropole compte 1,2 million d'habitants.")
    []
    >>> [h.quantity.value for h in find_amounts("Le site est cédé pour un euro symbolique.")]
    [1.0]
    """
    g = grammar(lexicon)
    symbolic = [
        Hit(m.start(), m.end(), Quantity(g.symbolic_value), m) for m in g.symbolic.finditer(text)
    ]
    hits = _non_overlapping(find_matches(text, amount_patterns(lexicon), g) + symbolic)
    patterns = bare_amount_patterns(lexicon)
    big, plain = patterns[:2], patterns[2:]
    extra = [h for h in find_matches(text, big, g) if money_context(text, h.start, h.end, g)]
    extra += [
        h
        for h in find_matches(text, plain, g)
        if h.quantity.value >= 1000 and not _YEAR.fullmatch(h.match["num"])
    ]
    taken = [(h.start, h.end) for h in hits]
    extra = [h for h in extra if all(h.end <= s or h.start >= e for s, e in taken)]
    return _non_overlapping(hits + extra)


def parse_amount(text: str) -> Quantity | None:
    """The amount ``text`` states when all of it is one euro amount."""
    g = grammar()
    for pattern in amount_patterns():
        m = pattern.fullmatch(text.strip())
        if m:
            q = g.interpret(m)
            if q is not None:
                return q
    return None


def parse_quantity(text: str) -> Quantity | None:
    """A bare number with its qualifier, as in a count ("une centaine", "plus de 1 200").

    >>> parse_quantity("une centaine")
    Quantity(value=100.0, value_max=None, qualifier='environ')
    >>> parse_quantity("plus de 1 200")
    Quantity(value=1200.0, value_max=None, qualifier='plus de')
    """
    g = grammar()
    m = re.fullmatch(rf"(?:(?P<qual>{g.qualifier}){_S}*)?(?P<num>{g.number})", text.strip(), re.I)
    if not m:
        return None
    parsed = g.parse_number(m["num"])
    if parsed is None:
        return None
    value, approx = parsed
    return Quantity(value, None, g.qualifier_of(m["qual"]) or ("environ" if approx else None))
