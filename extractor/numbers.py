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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

try:  # the regex parser, to guard patterns on their first characters (see guarded)
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

from . import resources
from .money_columns import money_cells

LEXICON = "amounts.json"

_CATEGORIES = {
    _C.CATEGORY_DIGIT: r"\d",
    _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_WORD: r"\w",
}
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


def other_currencies(stopwords: list[str], extra: list[str], code_stopwords: list[str]) -> str:
    """Regex source of every currency but the euro: ISO 4217 codes (upper case only, as
    written), CLDR symbols and the head nouns of the French currency names ("dollar",
    "livre", "yen", "couronne"...), plural forms included. Babel ships the CLDR data, so
    no currency table is kept by hand."""
    from babel import Locale
    from babel.numbers import list_currencies

    fr = Locale("fr")
    skip = {"EUR", *code_stopwords}
    codes = sorted(c for c in list_currencies() if c not in skip and c.isalpha())
    symbols = {
        sym
        for code, sym in fr.currency_symbols.items()
        if code != "EUR" and sym and sym not in ("€", "¤") and not sym.isalpha()
    }
    symbols |= {"$", "£", "¥", "₽", "₺", "₩", "₹", "₪", "₫", "元"}
    stop = {w.lower() for w in stopwords}
    heads = {
        name.split()[0].lower()
        for code, name in fr.currencies.items()
        if code != "EUR" and name.split()[0].lower() not in stop
    }
    nouns = sorted((re.escape(h) + r"(?:s|x)?" for h in heads), key=len, reverse=True)
    sym = "|".join(re.escape(x) for x in sorted(symbols, key=len, reverse=True))
    return (
        rf"(?:{sym})|(?<![\w-])(?-i:(?:{'|'.join(codes)}))(?![\w-])"
        rf"|(?<![\w-])(?:{'|'.join([*extra, *nouns])})(?![\w-])"
    )


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
    """A number written in French words, "zéro" and a decimal "virgule" included.

    >>> parse_words("trois cent mille"), parse_words("quatre-vingt-dix"), parse_words("Vingt et un")
    (300000.0, 90.0, 21.0)
    >>> parse_words("deux millions cinq cent mille")
    2500000.0
    >>> parse_words("zéro"), parse_words("trois virgule cinq"), parse_words("un virgule zéro cinq")
    (0.0, 3.5, 1.05)
    >>> parse_words("deux virgule cinq millions")
    2500000.0
    >>> parse_words("deux et trois") is None
    True
    """
    words = _SPACES.sub(" ", text.strip().lower())
    head, sep, tail = words.partition(" virgule ")
    if sep:
        return _decimal_words(head, tail)
    return _text2num(words)


def _text2num(words: str) -> float | None:
    try:
        return float(text2num(words, "fr"))
    except (ValueError, IndexError):
        return None


_SCALE_WORDS = {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}


def _decimal_words(head: str, tail: str) -> float | None:
    """ "trois virgule cinq millions": the whole part, the decimals as spoken digits (leading
    "zéro"s kept: "virgule zéro cinq" is .05), then an optional scale word."""
    whole = _text2num(head)
    parts = tail.split()
    scale = 1.0
    while parts and parts[-1] in _SCALE_WORDS and len(parts) > 1:
        scale *= _SCALE_WORDS[parts.pop()]
    zeros = 0
    while parts and parts[0] in ("zéro", "zero"):
        zeros += 1
        parts.pop(0)
    rest = _text2num(" ".join(parts)) if parts else 0.0
    if whole is None or rest is None or rest != int(rest):
        return None
    digits = "0" * zeros + (str(int(rest)) if parts else "")
    return (whole + float("0." + (digits or "0"))) * scale


_DIGITS_SCALE = re.compile(
    r"(?P<num>[\d\s\u00a0\u2009\u202f.,]*\d)\s*(?P<scale>(?:(?:mille|millions?|milliards?)\s*)+)",
    re.I,
)


def parse_number(text: str) -> float | None:
    """A number in digits, in words, or digits with scale words, as the press writes it.

    >>> parse_number("2 millions"), parse_number("10 mille"), parse_number("1,2 milliard")
    (2000000.0, 10000.0, 1200000000.0)
    >>> parse_number("trois virgule cinq millions"), parse_number("zéro"), parse_number("12 500")
    (3500000.0, 0.0, 12500.0)
    >>> parse_number("beaucoup") is None
    True
    """
    text = _SPACES.sub(" ", text.strip())
    if not text:
        return None
    m = _DIGITS_SCALE.fullmatch(text)
    if m:
        value = parse_decimal(m["num"])
        if value is None:
            return None
        for word in m["scale"].lower().split():
            value *= _SCALE_WORDS[word]
        return value
    return parse_decimal(text) if text[:1].isdigit() else parse_words(text)


class Grammar:
    """Regex sources and lookups built once from the lexicon."""

    def __init__(self, lexicon: dict) -> None:
        decimal = lexicon.get("decimal_words", [])
        words = sorted(lexicon["number_words"] + decimal, key=len, reverse=True)
        scales = lexicon["scale_words"]
        # "millions d'euros" alone states no figure: a scale word cannot open a number,
        # nor can "virgule"
        first = (
            "(?:" + "|".join(w for w in words if scales.get(w, 0) < 1e6 and w not in decimal) + ")"
        )
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
        self.currency_before = lexicon["currency_before"]
        self.scales = {k: float(v) for k, v in lexicon["scale_words"].items()}
        self.qualifiers = [
            (re.compile(p.replace("d_", _DE).replace(" ", _S + "+"), re.I), canon)
            for p, canon in lexicon["qualifiers"]
        ]
        qual = "|".join(p.pattern for p, _ in self.qualifiers)
        self.qualifier = rf"(?<![\w])(?:{qual})"
        neg = lexicon["negated_qualifier"]
        self.negated_qualifier = re.compile(neg["qualifier"], re.I)
        self.negation_before = re.compile(neg["before"], re.I)
        self.qualifier_before = re.compile(rf"(?P<qual>{self.qualifier}){_S}*$", re.I)
        self.transition = re.compile(lexicon["transition_cue"] + r"\s*$", re.I)
        bare = lexicon["bare_amounts"]
        self.bare = {k: re.compile(v, re.I) for k, v in bare.items() if not k.startswith("_")}
        cents = lexicon["cents"]
        cents_num = rf"\d{{1,2}}(?!\d)|{self.words}"
        self.cents = re.compile(
            rf"(?:{_S}*(?:et{_S}+)?(?P<cents>{cents_num}){_S}*(?:{cents['noun']})"
            rf"|{_S}+(?!et\b)(?P<bare_cents>{cents_num})(?={cents['bare_follow']}))",
            re.I,
        )
        oc = lexicon["other_currencies"]
        self.other_currency = other_currencies(
            oc["name_stopwords"], oc["extra_nouns"], oc["code_stopwords"]
        )
        scale = r"\d|\b(?:mille|millions?|milliards?|milliers?|[kKM]|Mds?|Mrds?)"
        # a figure stated in another currency: "2 milliards de dollars", "USD 200 millions"
        self.other_amount = re.compile(
            rf"(?:{scale}){_S}*(?:{_DE})?(?:{self.other_currency})"
            rf"|(?:{self.other_currency}){_S}*\d",
            re.I,
        )
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
        other = self.bare["unit_after"].pattern + "|" + self.other_currency
        money = self.bare["money_noun_after"].pattern
        return (
            rf"(?![ \u00a0\u2009\u202f.]\d{{3}}(?!\d))"  # never a grouped figure cut short
            rf"(?!{_S}*(?:{other}))"
            rf"(?!{_S}*{_DE}(?!(?:{money})))"
            rf"(?!{_S}*(?:[€$£¥%]|euros?\b|eur\b))".replace("{", "{{").replace("}", "}}")
        )

    def amount_unit(self) -> str:
        return (
            rf"(?:{_S}*(?P<{{p}}abbr>{self.abbreviation}))?{_S}*(?:{_DE})?"
            rf"(?P<{{p}}cur>{self.currency})"
        )

    def prefix_amount(self) -> str:
        """The currency before the figure: "EUR 2,5 millions", "€ 300 000", "€2,5 M"."""
        return (
            rf"(?P<cur>{self.currency_before}){_S}*(?P<num>{DIGITS})"
            + self.scale_part("")
            + rf"(?:{_S}*(?P<abbr>{self.abbreviation})(?![\w€$£¥]))?"
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
        return parse_number(text)

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

    def _negated(self, m: re.Match[str], qual: str | None) -> bool:
        """ "ne ... plus que X" is "only X": the qualifier goes, the figure stays."""
        if not qual or not self.negated_qualifier.match(qual.strip()):
            return False
        start = m.start("qual")
        return bool(self.negation_before.search(m.string, max(0, start - 60), start))

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
        if not hi_num:
            return None  # "zéro euro", "zéro licenciement": no sum, no count
        g = m.groupdict()
        if "lo_num" not in g:
            qual = self.qualifier_of(g.get("qual")) or ("environ" if approx else None)
            if qual and self._negated(m, g.get("qual")):
                qual = None
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
def amount_patterns(lexicon: str = LEXICON) -> tuple[re.Pattern[str], ...]:
    """Euro amounts: (range, single) with the currency after the figure, then the currency
    before it."""
    g = grammar(lexicon)
    return (*g.patterns(g.amount_unit()), re.compile(g.prefix_amount(), re.I))


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


@cache
def anchored_amount_patterns(lexicon: str = LEXICON) -> tuple[Anchored, ...]:
    """:func:`amount_patterns` anchored on their currency (after or before the figure)."""
    g = grammar(lexicon)
    after, before = (re.compile(c, re.I) for c in (g.currency, g.currency_before))
    rng, single, prefix = amount_patterns(lexicon)
    figure, tail = FIGURE_REACH, LOOKAHEAD_REACH
    return (
        Anchored(rng, after, figure, tail),
        Anchored(single, after, figure, tail),
        Anchored(prefix, before, 0, figure),
    )


@cache
def anchored_bare_patterns(lexicon: str = LEXICON) -> tuple[Anchored, ...]:
    """:func:`bare_amount_patterns` anchored on their scale word, money noun or tax suffix."""
    g = grammar(lexicon)
    scale = re.compile(r"milliards?|millions?", re.I)
    lead = re.compile(g.bare["money_lead"].pattern, re.I)
    suffix = re.compile(g.bare["money_suffix"].pattern, re.I)
    rng, single, lead_rng, lead_single, tax = bare_amount_patterns(lexicon)
    figure, tail = FIGURE_REACH, LOOKAHEAD_REACH
    return (
        Anchored(rng, scale, figure, tail),
        Anchored(single, scale, figure, tail),
        Anchored(lead_rng, lead, 0, figure + tail),
        Anchored(lead_single, lead, 0, figure + tail),
        Anchored(tax, suffix, figure, tail),
    )


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


def _class_pieces(items: list) -> list[str] | None:
    """The pieces of a character class (``[...]``) for the items of a parsed ``IN``."""
    pieces = []
    for kind, val in items:
        if kind is _C.LITERAL:
            pieces.append(f"\\U{val:08x}")
        elif kind is _C.RANGE:
            pieces.append(f"\\U{val[0]:08x}-\\U{val[1]:08x}")
        elif kind is _C.CATEGORY and val in _CATEGORIES:
            pieces.append(_CATEGORIES[val])
        else:
            return None
    return pieces


def _not_after(op, av) -> str | None:
    """``(?<![...])`` when the parsed item is a lookbehind refusing one character class."""
    if op is not _C.ASSERT_NOT or av[0] != -1 or len(av[1].data) != 1:
        return None
    inner_op, inner = av[1].data[0]
    pieces = [f"\\U{inner:08x}"] if inner_op is _C.LITERAL else None
    if inner_op is _C.IN:
        pieces = _class_pieces(inner)
    return f"(?<![{''.join(pieces)}])" if pieces else None


def _first_chars(items: list, before: str = "") -> tuple[list[tuple[str, str]], bool] | None:
    """Where a parsed pattern can start: (lookbehind, class piece) pairs, the lookbehind
    ("" for none) being one the pattern itself asserts there, and whether it can match
    the empty string; None when that cannot be told simply. Any assertion left out only
    lets more positions through, never fewer."""
    pieces: list[tuple[str, str]] = []
    for op, av in items:
        if op is _C.LITERAL:
            pieces.append((before, f"\\U{av:08x}"))
            return pieces, False
        if op is _C.IN:
            got_class = _class_pieces(av)
            if got_class is None:
                return None
            pieces += [(before, c) for c in got_class]
            return pieces, False
        if op is _C.AT or op in (_C.ASSERT, _C.ASSERT_NOT):
            before = _not_after(op, av) or before  # zero-width: the match starts on what follows
            continue
        if op is _C.BRANCH:
            nullable = False
            for alt in av[1]:
                got = _first_chars(alt.data, before)
                if got is None:
                    return None
                pieces += got[0]
                nullable = nullable or got[1]
        elif op is _C.SUBPATTERN:
            if av[1] or av[2]:  # local flags
                return None
            got = _first_chars(av[3].data, before)
            if got is None:
                return None
            pieces += got[0]
            nullable = got[1]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            got = _first_chars(av[2].data, before)
            if got is None:
                return None
            pieces += got[0]
            nullable = av[0] == 0 or got[1]
        else:
            return None
        if not nullable:
            return pieces, False
    return pieces, True


@cache
def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead on where its matches can start.

    The grammar's patterns open on optional qualifiers and long alternations, which
    the regex engine tries at every position of a text. The lookahead, computed from
    the parsed pattern, tests the first character (and the word boundary the pattern
    asserts before it, as in ``(?<![\\w-])``) and turns most positions down at once.
    Same matches, same groups.
    """
    try:
        got = _first_chars(_P.parse(pattern.pattern, pattern.flags).data)
        if got is None or got[1] or not got[0]:
            return pattern
        by_before: dict[str, list[str]] = {}
        for before, piece in got[0]:
            by_before.setdefault(before, []).append(piece)
        if "" in by_before:  # a character allowed anywhere needs no lookbehind elsewhere
            plain = set(by_before[""])
            by_before = {
                b: [c for c in cs if b == "" or c not in plain] for b, cs in by_before.items()
            }
        tests = [
            f"{before}[{''.join(dict.fromkeys(cs))}]"
            for before, cs in sorted(by_before.items())
            if cs
        ]
        return re.compile(f"(?=(?:{'|'.join(tests)}))(?:{pattern.pattern})", pattern.flags)
    except (re.error, TypeError, ValueError):
        return pattern


@dataclass(frozen=True)
class Anchored:
    """A quantity pattern, a cheap regex that every one of its matches contains, and how
    far a match reaches before and after that anchor.

    The grammar's patterns are long alternations that the regex engine tries at every
    position of a text (behind :func:`guarded`'s lookahead, still at every "de", "un"
    and digit), and they were the largest cost of reading amounts. The anchor (a
    currency, a scale word, a money noun, a tax suffix) is found in one fast pass, and
    the pattern then runs only on the stretches within reach of an anchor. Matches are
    the same: lookbehinds still see the whole text, a match never straddles a
    stretch's start (its own anchor would have widened the stretch), and ``after``
    leaves room for the lookaheads that follow a match's end.
    """

    pattern: re.Pattern[str]
    anchor: re.Pattern[str]
    before: int
    after: int


#: the longest figure in words with its qualifier and a range before its currency or
#: scale word ("entre deux cent quatre-vingt-dix-neuf et trois cent vingt-cinq millions")
#: is under 100 characters; what follows a match and its lookaheads, under 40
FIGURE_REACH = 160
LOOKAHEAD_REACH = 60


def stretches(text: str, anchor: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """The merged (start, end) stretches of ``text`` within reach of ``anchor``'s matches."""
    out: list[tuple[int, int]] = []
    for m in guarded(anchor).finditer(text):
        start, end = max(0, m.start() - before), min(len(text), m.end() + after)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _matches(
    text: str,
    pattern: re.Pattern[str] | Anchored,
    seen: dict[tuple[re.Pattern[str], int, int], list[tuple[int, int]]],
) -> Iterator[re.Match[str]]:
    """``pattern``'s matches; ``seen`` keeps each anchor's stretches for the next pattern
    (a range and a single figure share their anchor)."""
    if isinstance(pattern, Anchored):
        search = guarded(pattern.pattern)
        key = (pattern.anchor, pattern.before, pattern.after)
        if key not in seen:
            seen[key] = stretches(text, *key)
        for start, end in seen[key]:
            yield from search.finditer(text, start, end)
    else:
        yield from guarded(pattern).finditer(text)


def find_matches(
    text: str, patterns: tuple[re.Pattern[str] | Anchored, ...], g: Grammar | None = None
) -> list[Hit]:
    """Non-overlapping quantities stated in ``text`` by any of ``patterns``."""
    g = g or grammar()
    seen: dict[tuple[re.Pattern[str], int, int], list[tuple[int, int]]] = {}
    return _non_overlapping(
        [h for p in patterns for m in _matches(text, p, seen) for h in _hits(text, m, g)]
    )


def find_quantities(
    text: str, patterns: tuple[re.Pattern[str], ...], g: Grammar | None = None
) -> list[tuple[int, int, Quantity]]:
    """(start, end, quantity) of :func:`find_matches`."""
    return [(h.start, h.end, h.quantity) for h in find_matches(text, patterns, g)]


_BOUNDARY = re.compile(r"[.!?…](?=[\s\u00a0»\"”)]|$)|\n")


def _sentence_and_previous(text: str, start: int, end: int) -> tuple[str, str]:
    bounds = [b.end() for b in _BOUNDARY.finditer(text, 0, start)]
    sent_start = bounds[-1] if bounds else 0
    prev_start = bounds[-2] if len(bounds) > 1 else 0
    after = _BOUNDARY.search(text, end)
    return text[sent_start : after.start() if after else len(text)], text[prev_start:sent_start]


_EURO = re.compile(r"€|\beuros?\b|\bEUR\b", re.I)


def foreign_context(text: str, start: int, end: int, g: Grammar | None = None) -> bool:
    """Whether a figure written without a currency is likely in another one: its sentence
    names another currency, or it names none and the previous sentence's last stated
    currency is not the euro ("Le marché pèse 3 milliards de dollars. La France en
    investit 200 millions.")."""
    g = g or grammar()
    sentence, previous = _sentence_and_previous(text, start, end)
    if g.bare["other_currency"].search(sentence) or g.other_amount.search(sentence):
        return True
    if _EURO.search(sentence):
        return False
    foreign = [m.end() for m in g.other_amount.finditer(previous)]
    euro = [m.end() for m in _EURO.finditer(previous)]
    return bool(foreign) and max(foreign) > max(euro, default=-1)


def money_context(text: str, start: int, end: int, g: Grammar | None = None) -> bool:
    """Whether a figure without a currency is read as euros: its sentence or the one before
    talks money, and no other currency is in play (:func:`foreign_context`)."""
    g = g or grammar()
    if foreign_context(text, start, end, g):
        return False
    sentence, previous = _sentence_and_previous(text, start, end)
    cue, other = g.bare["money_cue"], g.bare["other_currency"]
    return bool(cue.search(sentence) or (cue.search(previous) and not other.search(previous)))


def _prefix_year(h: Hit) -> bool:
    """ "EUR 2024", "€ 2030": a year after a currency sign in a table header, not a sum."""
    gd = h.match.groupdict()
    cur = gd.get("cur")
    return bool(
        cur
        and h.match.start("cur") < h.match.start("num")
        and not (gd.get("mult") or gd.get("abbr"))
        and _YEAR.fullmatch(gd["num"])
    )


def _prefix_qualifier(text: str, h: Hit, g: Grammar) -> Hit:
    """ "près de EUR 80 millions": the qualifier before a leading currency, read from the
    text before the match (the pattern starts at the currency, which keeps it fast)."""
    gd = h.match.groupdict()
    if "qual" in gd or not gd.get("cur") or h.match.start("cur") > h.match.start("num"):
        return h
    m = g.qualifier_before.search(text, max(0, h.start - 40), h.start)
    canon = g.qualifier_of(m["qual"]) if m else None
    if canon is None:
        return h
    q = h.quantity
    return Hit(m.start(), h.end, Quantity(q.value, q.value_max, canon), h.match)


def _with_cents(text: str, h: Hit, g: Grammar) -> Hit:
    """Extend a whole-euro amount over the cents written after its currency."""
    gd = h.match.groupdict()
    if h.part or gd.get("lo_num") or gd.get("mult") or gd.get("abbr") or not gd.get("cur"):
        return h
    if h.match.start("cur") < h.match.start("num") or h.quantity.value != int(h.quantity.value):
        return h
    m = g.cents.match(text, h.end)
    if m is None:
        return h
    cents = parse_number(m["cents"] or m["bare_cents"])
    if cents is None or not 0 < cents < 100 or cents != int(cents):
        return h
    q = h.quantity
    return Hit(h.start, m.end(), Quantity(q.value + cents / 100, q.value_max, q.qualifier), h.match)


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
    explicit = [
        _with_cents(text, h, g) for h in find_matches(text, anchored_amount_patterns(lexicon), g)
    ]
    explicit = [_prefix_qualifier(text, h, g) for h in explicit if not _prefix_year(h)]
    hits = _non_overlapping(explicit + symbolic)
    patterns = anchored_bare_patterns(lexicon)
    big, plain = patterns[:2], patterns[2:]
    extra = [h for h in find_matches(text, big, g) if money_context(text, h.start, h.end, g)]
    extra += [
        h
        for h in find_matches(text, plain, g)
        if h.quantity.value >= 1000
        and not _YEAR.fullmatch(h.match["num"])
        and not foreign_context(text, h.start, h.end, g)
    ]
    # the figures of a table whose column header says "Montant (€)"
    extra += [Hit(c.start, c.end, Quantity(c.value), c.match) for c in money_cells(text)]
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
    >>> parse_quantity("près de 2,5 millions")
    Quantity(value=2500000.0, value_max=None, qualifier='près de')
    """
    g = grammar()
    m = re.fullmatch(rf"(?:(?P<qual>{g.qualifier}){_S}*)?(?P<num>\S.*)", text.strip(), re.I)
    if not m:
        return None
    parsed = g.parse_number(m["num"])
    if parsed is None:
        return None
    value, approx = parsed
    return Quantity(value, None, g.qualifier_of(m["qual"]) or ("environ" if approx else None))
