"""Assignments (``tasks``): who must do what, by when, reporting to whom.

An assignee is a name that starts with a head word (``Phòng``, ``Sở``, ``UBND``, ``Trung tâm`` ...,
optionally after a post and ``các``: ``Chủ tịch UBND các xã``, ``Thủ trưởng các phòng, ban, ngành``)
and runs until a verb, a stop word or punctuation. Assignments are read from

* a trigger before the name: ``Giao X ...``, ``Yêu cầu X ...``, ``Đề nghị X ...``;
* a name at the start of a clause followed by an action: ``Phòng Nội vụ tham mưu ...``,
  ``X chủ trì, phối hợp với Y ...``, ``X có trách nhiệm ...``;
* partners after ``phối hợp với``: one partner per name of the list;
* a field label: ``Đơn vị chủ trì: X``, ``Đơn vị phối hợp: X, Y``;
* the heading of a numbered section (``3. Phòng Tài chính - Kế hoạch huyện:``, ``1. Chủ tịch UBND các
  xã, thị trấn:``, ``Trách nhiệm của X``): every line of the section is a duty of the heading's units;
* an annex task table exported one cell per line (columns chủ trì / phối hợp / thời gian).

The clauses of a section that reports what was done or found (``I. KẾT QUẢ THỰC HIỆN``, ``2. Tồn tại,
hạn chế``: ``finding_headings``) assign nothing, up to the next heading of its level.

Role ``lead`` for chủ trì, ``partner`` for phối hợp, ``responsible`` otherwise. The deadline of an
assignment is the first time limit in its action (:func:`vbminer.extract.deadlines.find_limits`);
``report_to`` is the name after ``báo cáo`` / ``gửi về``. The words are data in ``patterns/tasks.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..gazetteer import gazetteer
from ..normalize import is_table_row
from ..types import Task, Unit
from .base import Context, FirstWords, alternation, fold, matches_at, target_words
from .deadlines import find_limits
from .tables import Cell, split_cells

_FLAGS = regex.UNICODE
_WORD = regex.compile(r"\w+|[^\w\s]")
_MARKER = regex.compile(
    r"^[^\S\n]*(?:(?P<roman>[IVX]+[.)]|Điều\s+\d+[.:])|(?P<num>\d+(?:\.\d+)*[.)])|(?P<letter>[a-zđ][.)])|(?P<dash>[-+•*–]))[^\S\n]*"
)
# the issuer speaking of itself (`UBND huyện`, `Chủ tịch UBND tỉnh`), never an assignee
_ISSUER_SELF = regex.compile(
    r"^(?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+"
    r"(?P<level>huyện|tỉnh|xã|thị xã|thành phố|Thành phố|phường)$"
)
_COUNCIL = regex.compile(r"(?i)HỘI ĐỒNG NHÂN DÂN|HĐND")
_NAME_SEP = regex.compile(r"\s*[,;]\s*(?:và\s+)?|\s+và\s+|\s*&\s*")
_TRAILING_JOINER = regex.compile(r"(?:[\s,\-–&]+|\s+và)$")
_WORDS = regex.compile(r"\w+")
_WORD_START = regex.compile(r"(?<!\w)\w+")
_NOT_SEMICOLON = regex.compile(r"[^;]+")
_NOT_SEMICOLON_OR_DOT = regex.compile(r"[^;.]+")
_VIA = regex.compile(r"\s*\(qua [^)]*\)")
_CLAUSE_CUT = regex.compile(r";|\.(?=\s)|:(?=\s)")
#: a figure reached (`đạt 90%`, `đạt tỷ lệ 90%`), not `tiêm phòng đạt thấp`
_REACHED = regex.compile(r"(?<!\w)đạt(?:\s+[^\W\d]+){0,3}\s+\d")
_AS_FOLLOWS = regex.compile(r"(?i)(?<!\w)như sau\s*:?\s*$")
_ITEM_NUMBER = regex.compile(r"[IVX]+|\d+|[a-zđ]")
_AND_OR_COMMA = regex.compile(r"\s*(?:và|,)")
_LEVELS = {"roman": 0, "num": 1, "letter": 3, "dash": 4}


class _Phrases:
    """A pattern that begins with one of ``phrases`` (``fold_case``: matched case-insensitively), tried
    only with the phrases whose first two characters are those of the text: names are read word by
    word, most words start no phrase at all, and a long alternation costs microseconds to fail.

    ``build`` makes the pattern for a list of phrases (a subset, in the order of ``phrases``); a phrase
    that cannot match at a place cannot change what the pattern matches there."""

    __slots__ = ("words", "_build", "_fold", "_groups", "_compiled")

    def __init__(
        self, build: Callable[[list[str]], regex.Pattern[str]], phrases: Sequence[str], fold_case: bool = False
    ) -> None:
        keys = {p: (fold(p.split()[0]) if fold_case else p.split()[0])[:2] for p in phrases if p.split()}
        groups: dict[str, list[str]] = {}
        for head in set(keys.values()):
            # a two-character head also takes the phrases whose first word is its first character
            groups[head] = [p for p, k in keys.items() if k == head or (len(head) == 2 and k == head[0])]
        groups[""] = list(keys)  # a place whose first characters fold to more characters: all of them
        self._build = build
        self._fold = fold_case
        self._groups = groups
        self._compiled: dict[str, regex.Pattern[str]] = {}
        # the words of a text (a slice: its first word counts) where a case-sensitive pattern may match
        heads = sorted(filter(None, groups), key=len, reverse=True)
        self.words = None if fold_case else regex.compile(rf"(?<!\w)(?:{'|'.join(map(regex.escape, heads))})")

    def match(self, text: str, pos: int, endpos: int | None = None) -> regex.Match[str] | None:
        head = text[pos : pos + 2]
        if self._fold:
            folded = fold(head)
            head = folded if len(folded) == len(head) else ""
        if head not in self._groups:
            head = head[:1]
            if head not in self._groups:
                return None
        pattern = self._compiled.get(head)
        if pattern is None:  # built on first use: most groups are never asked for
            pattern = self._compiled[head] = self._build(self._groups[head])
        return pattern.match(text, pos, endpos)


@dataclass(frozen=True)
class _Vocab:
    start: _Phrases  # the start of a name (post, các, head)
    trigger: regex.Pattern[str]
    issuer: regex.Pattern[str]
    verb: _Phrases  # an action after a name
    stop: _Phrases  # a function word that ends a name
    inner: _Phrases
    tail: _Phrases
    relative: _Phrases
    clause_object: regex.Pattern[str]  # `báo cáo` of `chưa gửi báo cáo`
    lead: regex.Pattern[str]
    partner: regex.Pattern[str]
    responsibility: regex.Pattern[str]
    field: regex.Pattern[str]
    field_roles: dict[str, str]
    section: regex.Pattern[str]
    report: regex.Pattern[str]
    generic: frozenset[str]
    generic_tail: regex.Pattern[str]
    generic_at: regex.Pattern[str]  # a generic tail where it starts (`có liên quan`)
    adverbial: regex.Pattern[str]
    subgroup: regex.Pattern[str]
    clause_lead: regex.Pattern[str]  # `Trong tháng 6/2024,`: a circumstance before the clause's assignee
    clause_lead_past: regex.Pattern[str]  # `đến nay`: such a circumstance tells the past
    participants: regex.Pattern[str]  # `Thành phần mời:`
    enumeration: regex.Pattern[str]  # `Các đơn vị đạt tỷ lệ cao gồm:`
    finding: regex.Pattern[str]  # `KẾT QUẢ THỰC HIỆN`: a heading whose section tells what was done
    finding_not: regex.Pattern[str]  # `KẾT QUẢ CẦN ĐẠT`: such a heading that tells what is to come
    result: regex.Pattern[str]  # `đạt 52,3%`, `18,7%`: what a unit's result opens with
    request: regex.Pattern[str]  # a request word right before a position (searched up to it)
    advising: regex.Pattern[str]  # `Tham mưu` opening a clause
    time_opening: regex.Pattern[str]  # `Ngày 12/01/2024,`: a sentence's opening time, up to its comma
    apposition: regex.Pattern[str]
    plural: _Phrases
    columns: dict[str, str]
    post: _Phrases
    posts: frozenset[str]
    triggers: FirstWords  # where the patterns above can start
    partners: FirstWords
    leads: FirstWords
    reports: FirstWords


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    pats = rules.tasks()
    heads = alternation(pats.heads)
    plural = rf"[Cc]ác\s+(?:{alternation(pats.plural_heads)})(?!\w)"
    ci = regex.IGNORECASE | _FLAGS
    columns = {" ".join(c.casefold().split()): role for role in ("lead", "partner", "time", "other")
               for c in getattr(pats.table_columns, role)}

    def start(phrases: list[str]) -> regex.Pattern[str]:
        chosen = set(phrases)
        posts = [p for p in pats.posts if p in chosen]
        some_posts = alternation(posts)
        some_heads = heads if chosen & {"Các", "các"} else alternation([h for h in pats.heads if h in chosen])
        # the longest reading first: a post with its head; a post that starts with a head (`Tổ trưởng`,
        # not the head `Tổ`); a head (`Trưởng thôn`, not the post `Trưởng`); a post alone
        longer = [p for p in posts if any(p.startswith(h + " ") for h in pats.heads)]
        alts = [rf"(?:{some_posts})\s+(?:{plural}|(?:các\s+)?(?:{heads})(?!\w))"] if posts else []
        alts += [rf"(?:{alternation(longer)})\s+(?:các\s+)?(?=\w)"] if longer else []
        alts += [rf"(?:[Cc]ác\s+)?(?:{some_heads})(?!\w)"] if some_heads else []
        alts += [rf"(?:{some_posts})\s+(?:các\s+)?(?=\w)"] if posts else []
        alts += [plural] if chosen & {"Các", "các"} else []
        return regex.compile(rf"(?:{'|'.join(alts)})" if alts else r"(?!)", _FLAGS)

    def words(flags: int) -> Callable[[list[str]], regex.Pattern[str]]:
        return lambda phrases: regex.compile(rf"(?:{alternation(phrases)})(?!\w)", flags)

    return _Vocab(
        # a name opens with a post (then a head, `các` or a plural group), `các` and a head, or a head
        start=_Phrases(start, [*pats.posts, *pats.heads, "Các", "các"]),
        trigger=regex.compile(rf"(?<!\w)(?:{alternation(pats.triggers)})\s+", ci),
        issuer=regex.compile(rf"(?:{alternation(pats.non_actions)})(?!\w)", ci),
        verb=_Phrases(words(_FLAGS), pats.verbs),
        stop=_Phrases(words(_FLAGS), pats.name_stops),
        inner=_Phrases(words(ci), pats.name_inner, fold_case=True),
        tail=_Phrases(words(_FLAGS), pats.name_tails),
        relative=_Phrases(words(_FLAGS), pats.relative_words),
        clause_object=words(_FLAGS)(pats.clause_objects),
        lead=regex.compile(rf"(?<!\w)(?:{alternation(pats.lead_words)})(?!\w)", ci),
        partner=regex.compile(rf"(?<!\w)(?:{alternation(pats.partner_words)})\s+", ci),
        responsibility=regex.compile(rf"(?:{alternation(pats.responsibility_words)})(?!\w)", ci),
        field=regex.compile(rf"(?P<label>{alternation(list(pats.field_labels))})(?:\s+[^\W\d]+){{0,3}}\s*:\s*", ci),
        field_roles={" ".join(k.casefold().split()): v for k, v in pats.field_labels.items()},
        section=regex.compile(rf"(?:{alternation(pats.section_leads)})\s+", ci),
        report=regex.compile(rf"(?<!\w)(?:{alternation(pats.report_leads)})(?!\w)", ci),
        generic=frozenset(w.casefold() for w in pats.generic_words),
        adverbial=regex.compile(rf"(?:{alternation(pats.adverbials)})(?!\w)\s*,?\s*", ci),
        subgroup=regex.compile(rf"(?:{alternation(pats.subgroup_leads)})\s+(?=\w)", ci),
        clause_lead=regex.compile(rf"(?:{alternation(pats.clause_leads)})(?!\w)[^,\n]*,\s*", ci),
        clause_lead_past=regex.compile(rf"(?<!\w)(?:{alternation(pats.clause_lead_past)})(?!\w)", ci),
        participants=regex.compile(rf"(?:{alternation(pats.participant_headings)})\s*:", ci),
        enumeration=regex.compile(rf"[^:\n]*(?<!\w)(?:{alternation(pats.enumeration_words)})\s*:", ci),
        finding=regex.compile(rf"(?:{alternation(pats.finding_headings)})(?!\w)", ci),
        finding_not=regex.compile(rf"(?<!\w)(?:{alternation(pats.finding_heading_exceptions)})(?!\w)", ci),
        result=regex.compile(rf"(?:{alternation(rules.metrics().result_cues)})(?!\w)|\d", ci),
        request=regex.compile(rf"(?<!\w)(?:{alternation(pats.request_leads)})\s+$", ci),
        advising=regex.compile(rf"(?:{alternation(pats.advising_leads)})(?!\w)", ci),
        time_opening=regex.compile(rf"\s*(?:{alternation(pats.time_openings)})\b[^,\n]{{0,40}},", ci),
        apposition=regex.compile(rf"\s*[-–]\s*(?:{alternation(pats.appositions)})(?!\w)", _FLAGS),
        plural=_Phrases(words(_FLAGS), pats.plural_heads),
        generic_tail=regex.compile(rf"(?<!\w)(?:{alternation(pats.generic_tails)})$", ci),
        generic_at=regex.compile(rf"(?:{alternation(pats.generic_tails)})(?!\w)", ci),
        columns=columns,
        post=_Phrases(words(0), pats.posts),
        posts=frozenset(p.casefold() for p in pats.posts),
        triggers=FirstWords(pats.triggers),
        partners=FirstWords(pats.partner_words),
        leads=FirstWords(pats.lead_words),
        reports=FirstWords(pats.report_leads),
    )


@dataclass(frozen=True)
class Assignment:
    """One assignment before it becomes a :class:`Task`: where the assignee and the action were read."""

    assignee: str
    role: str
    start: int  # the assignee as written: text[start:end]
    end: int
    action_start: int
    action_end: int
    action: str | None
    deadline: str | None = None
    report_to: str | None = None


# ----------------------------------------------------------------------------------- names


def _is_capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def name_end(text: str, pos: int, limit: int) -> int | None:
    """End of the assignee name that starts at ``pos`` (``None`` when no name starts there)."""
    v = _vocab()
    m = v.start.match(text, pos, limit)
    if not m or m.end() == pos:
        return None
    end = m.end()
    start_text = m.group()
    words = start_text.split()
    if words and _is_capital(words[-1]) and not start_text.isupper() \
            and start_text.casefold() not in _whole_heads():
        # `Trường hợp`, `Tổ chức`, `Ban hành`: a capitalised head must go on with a name
        nxt = _WORD.match(text, _skip_space(text, end, limit), limit)
        if nxt and not _is_capital(nxt.group()) and nxt.group() not in ",-–&":
            at = nxt.start()
            joined = nxt.group() == "và" and _is_capital(text[_skip_space(text, nxt.end(), limit) : limit][:1])
            if not (v.tail.match(text, at) or v.inner.match(text, at) or nxt.group().casefold() == "các"
                    or joined):  # `Báo và Phát thanh, Truyền hình tỉnh`
                return None
    plural = "các" in start_text.casefold()
    inner_match, verb_match, stop_match = v.inner.match, v.verb.match, v.stop.match
    count = 0
    pos = end
    clause = False  # inside a relative clause of the name
    while pos < limit and count < 24:
        at = _skip_space(text, pos, limit)
        if at >= limit:
            break
        ch = text[at]
        if ch == ":" and _listed_plural().search(text, m.start(), at) \
                and _is_capital(text[_skip_space(text, at + 1, limit) : limit][:1]):
            pos = at + 1  # `Chủ tịch UBND các xã: Tự Tân, Song An, Hồng Lý`: the list names them
            continue
        if ch in ".;:()[]\"“”!?":
            break
        if ch in "-–" and v.apposition.match(text, at, limit):
            break
        if ch == ",":
            after = _skip_space(text, at + 1, limit)
            if after >= limit or ((verb_match(text, after) or stop_match(text, after))
                                  and not inner_match(text, after, limit)):
                break  # (`tổ chức chính trị - xã hội` is a name's, though `tổ chức` is a verb)
            if not (plural or clause or _is_capital(text[after]) or v.start.match(text, after, limit)
                    or v.plural.match(text, after, limit) or v.tail.match(text, after, limit)
                    or inner_match(text, after, limit)):
                break  # `Bộ Khoa học và Công nghệ, doanh nghiệp ...`: the list goes on with no unit
            # (a relative clause's list goes on: `UBND các xã có khu, điểm du lịch`)
            if v.start.match(text, after, limit):
                count = 0  # the cap is on one name's words; a list of names may be long
            pos = at + 1
            continue
        inner = inner_match(text, at, limit)
        in_group = plural or "các" in text[m.start() : at].casefold().split()  # `UBND các xã`
        if inner and v.relative.match(text, at, limit) and not in_group:
            break  # `các xã có tỷ lệ thấp` narrows a group; `Sở X có tỷ lệ thấp nhất` says what X has
        if inner:
            end = pos = inner.end()
            count += 1
            continue
        word = _WORD.match(text, at, limit)
        if word is None:
            break
        token = word.group()
        if token == "và":
            nxt = _skip_space(text, word.end(), limit)
            group = _plural_group().match(text, nxt, limit)
            if group:
                # `Ủy ban MTTQ tỉnh và các tổ chức chính trị - xã hội tỉnh tham gia`: a second group
                # of assignees (cut from the first by split_names); its head is a noun (`tổ chức`)
                end = pos = group.end()
                count += 2
                continue
            if (nxt < limit and not _is_capital(text[nxt]) and not v.start.match(text, nxt, limit)
                    and not v.tail.match(text, nxt, limit)):
                break
        if in_group and v.relative.match(text, at, limit) and not v.responsibility.match(text, at, limit) \
                and (plural or not v.generic_at.match(text, at, limit)):
            # `các đơn vị chưa hoàn thành`: a relative clause stays in the name, with its verb's object
            # when that is a verb elsewhere (`chưa gửi báo cáo`; ``clause_objects``); not `có trách
            # nhiệm`, nor `có liên quan` after a named group (`UBND các phường`, not a generic one)
            verb = verb_match(text, _skip_space(text, word.end(), limit), limit)
            if verb:
                verb = v.clause_object.match(text, _skip_space(text, verb.end(), limit), limit) or verb
            end = pos = verb.end() if verb else word.end()
            count += 2
            clause = True
            continue
        if not _is_capital(token) and (verb_match(text, at, limit) or stop_match(text, at, limit)):
            break
        head = v.start.match(text, at, limit) if _is_capital(token) else None
        # a head inside a name is all of it (`Ngân hàng` of `Phòng giao dịch Ngân hàng Chính sách xã hội`)
        end = pos = head.end() if head and head.end() > word.end() else word.end()
        count += 1
    begin = m.start()
    # no trailing joiner (a name that ends with a letter other than that of `và` has none)
    while not (text[end - 1 : end].isalnum() and not text.endswith("và", begin, end)):
        trimmed = _TRAILING_JOINER.sub("", text[begin:end])
        if len(trimmed) == end - begin:
            break
        end = begin + len(trimmed)
    return end if end > begin else None


@lru_cache(maxsize=1)
def _whole_heads() -> frozenset[str]:
    """Heads that name a body whole, as their lower-case spelling shows (``Tỉnh đoàn``, so ``Tỉnh Đoàn``
    too): no name need follow them, unlike a capitalised head of a name (``Trường``, ``Tổ``)."""
    return frozenset(h.casefold() for h in rules.tasks().heads if len(h.split()) > 1 and not _is_capital(h.split()[-1]))


@lru_cache(maxsize=1)
def _listed_plural() -> regex.Pattern[str]:
    """``các xã``, ``các xã, phường`` right before a colon (``listed_kinds``): the places or schools
    listed after it belong to the name."""
    kinds = alternation(rules.tasks().listed_kinds)
    return regex.compile(rf"(?<!\w)các\s+(?:{kinds})(?:\s*,\s*(?:{kinds}))*\s*$", regex.IGNORECASE | _FLAGS)


@lru_cache(maxsize=1)
def _formula() -> regex.Pattern[str]:
    """The formulas of a letter that assign nothing (``formula_patterns``), as one pattern."""
    return regex.compile("|".join(f"(?:{p})" for p in rules.tasks().formula_patterns), regex.IGNORECASE | _FLAGS)


@lru_cache(maxsize=1)
def _plural_group() -> regex.Pattern[str]:
    """``các`` and a plural head (``các tổ chức``, ``các đơn vị``): a group of assignees of its own."""
    return regex.compile(rf"các\s+(?:{alternation(rules.tasks().plural_heads)})(?!\w)", _FLAGS)


def _skip_space(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos] in " \t":
        pos += 1
    return pos


def split_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A list of names (``Sở Nội vụ, Sở Tư pháp và UBND các xã``) as one span per name.

    A comma, semicolon or ``và`` separates two names only when a name starts right after it.
    """
    v = _vocab()
    cuts: list[tuple[int, int]] = []  # (separator start, next name start)
    pos = start
    while pos < end:
        inner = v.inner.match(text, pos, end)
        if inner and inner.end() > pos:
            pos = inner.end()
            continue
        sep = _NAME_SEP.match(text, pos, end)
        if sep and sep.end() > pos:
            led_by_post = v.post.match(text, start, end) is not None
            if (v.start.match(text, sep.end(), end) and name_end(text, sep.end(), end)
                    and not (led_by_post and not _is_capital(text[sep.end()]))
                    and not _listed_place(text, start, sep.end(), end)) \
                    or ("và" in sep.group().split() and _plural_group().match(text, sep.end(), end)):
                cuts.append((pos, sep.end()))
            pos = sep.end()
            continue
        pos += 1
    spans: list[tuple[int, int]] = []
    begin = start
    for sep_start, next_start in cuts:
        spans.append((begin, sep_start))
        begin = next_start
    spans.append((begin, end))
    return [(a, b) for a, b in spans if b > a]


_LIST_ITEM = regex.compile(r"[^,;]+?(?=\s*(?:[,;]|\s+và\s+|$))")


def _listed_place(text: str, start: int, at: int, end: int) -> bool:
    """Whether the item at ``at`` of a group's list of places (``UBND các xã Y Tý, Trạm Tấu, Si Ma Cai``)
    is a place whose name opens with a head (``Trạm``, ``Vụ``), not a body of its own."""
    if not _kinds_listed().search(text, start, at):
        return False
    item = _LIST_ITEM.match(text, at, end)
    return item is not None and bool(gazetteer().candidates(item.group().strip()))


@lru_cache(maxsize=1)
def _kinds_listed() -> regex.Pattern[str]:
    """``các xã``, ``các huyện`` (``listed_kinds``) anywhere: a group named with the places it lists."""
    return regex.compile(rf"(?<!\w)các\s+(?:{alternation(rules.tasks().listed_kinds)})(?!\w)",
                         regex.IGNORECASE | _FLAGS)


def _is_post(name: str) -> bool:
    return " ".join(name.casefold().split()) in _vocab().posts


def _is_generic(name: str) -> bool:
    """``các cơ quan, đơn vị``, ``Thủ trưởng các đơn vị``, ``các sở, ban, ngành liên quan``."""
    words = _WORDS.findall(name.casefold())
    return not words or all(w in _vocab().generic for w in words) or bool(_vocab().generic_tail.search(name))


# ----------------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    start: int  # after the list marker
    end: int
    level: int  # 0 roman, 1 number, 2 sub-number, 3 letter, 4 dash, 5 none


def _lines(text: str, lo: int, hi: int) -> list[_Line]:
    out: list[_Line] = []
    pos = lo
    for raw in text[lo:hi].split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        m = _MARKER.match(raw)
        level = 5
        body = line_start
        if m:
            kind = next(k for k in ("roman", "num", "letter", "dash") if m.group(k))
            level = _LEVELS[kind]
            if kind == "num" and m.group("num").count(".") > 1:
                level = 2
            if kind == "dash" and m.group("dash") == "+":
                level = 5  # `+` items go under a `-` item (`- Riêng UBND các huyện A, B:` then `+ Khởi công …`)
            body = line_start + m.end()
        end = line_start + len(raw.rstrip())
        if end > body:
            out.append(_Line(body, end, level))
    return out


def _after_section_lead(text: str, line: _Line) -> int:
    """Where a line's text starts after a section's lead (``Trách nhiệm của``, ``Đối với``; ``section_leads``
    in ``tasks.json``), if it has one."""
    sec = _vocab().section.match(text, line.start, line.end)
    return sec.end() if sec else line.start


def _asked_before_colon(text: str, line: _Line) -> int:
    """Where the names start in a line that ends by asking them, before the items that follow
    (``2. Chỉ đạo UBND các xã A, B:``, ``…, UBND xã kính đề nghị UBND huyện:``): after the last
    trigger (``triggers`` in ``tasks.json``) whose names run to the colon that ends the line; else the
    line's start. A capitalised trigger inside the line is a word of a name (``Ban Chỉ đạo``)."""
    body = text[line.start : line.end].rstrip()
    if not body.endswith(":") or _AS_FOLLOWS.search(body):
        return line.start  # (`… đề nghị các đơn vị như sau:` names no one)
    colon = line.start + len(body) - 1
    for m in reversed(list(_vocab().trigger.finditer(text, line.start, colon))):
        if m.start() > line.start and text[m.start()].isupper():
            continue
        if name_end(text, m.end(), colon) == colon:
            return m.end()
    return line.start


def _heading_names(text: str, line: _Line) -> tuple[list[tuple[int, int]], int, bool] | None:
    """The units a section heading names, where its own duty text starts (line end if none), and
    whether it singles them out inside the section it sits in (``- Riêng UBND các huyện A, B:``)."""
    v = _vocab()
    pos = _after_section_lead(text, line)
    asked = False
    if pos == line.start:
        pos = _asked_before_colon(text, line)
        asked = pos > line.start  # (`b) Chỉ đạo Chi cục Thủy sản:` inside the section of a Sở)
    led = pos > line.start  # (`Trách nhiệm của X`, `… kính đề nghị UBND huyện:`)
    lead_in = v.subgroup.match(text, pos, line.end)
    if lead_in:
        pos = lead_in.end()  # `- Riêng UBND các huyện A, B, C:` then its own items
    colon = text.find(":", pos, line.end)
    if lead_in and colon == -1:
        return None  # `- Riêng UBND xã A làm rõ …`: one clause, read as such
    if _formula().search(text, pos, line.end):
        return None  # `Chủ tịch UBND tỉnh có ý kiến như sau:` introduces the directions
    if colon == -1 and text[line.end - 1] in ";,.":
        return None  # `3. Trường THCS Như Hòa;`: an item of a list (of awards, members), not a heading
    listed = colon != -1 and _listed_plural().search(text, pos, colon)
    by_property = colon != -1 and _by_property().search(text, pos, colon)
    if (listed or by_property) and _is_capital(text[_skip_space(text, colon + 1, line.end) : line.end][:1]):
        # `1. Chủ tịch UBND các huyện: Kỳ Sơn, Tương Dương:`, `UBND các xã chưa hoàn thành: A, B:` then
        # its items: the group with its list
        last = text.rfind(":", colon + 1, line.end)
        if last != -1 and not text[last + 1 : line.end].strip() and _only_names(text, colon + 1, last):
            return [(pos, last)], line.end, lead_in is not None or asked
        if listed and text[line.end - 1] not in ".;," and name_end(text, pos, colon) is not None \
                and not _FIGURE.search(text, colon, line.end) and _only_names(text, colon + 1, line.end):
            # `5. Chủ tịch UBND các xã: Trung Hà, Liên Châu, Đại Tự` then its items (a line that ends
            # with a stop lists them: `[3] UBND các tỉnh: Tuyên Quang, Cao Bằng.`)
            return [(pos, line.start + len(text[line.start : line.end].rstrip()))], line.end, \
                lead_in is not None or asked
        if listed:
            return None  # `Ủy ban nhân dân các tỉnh: Lạng Sơn, Sơn La gửi ...`: the list belongs to the name
    if colon != -1 and _results_listed(text, colon + 1, line.end):
        return None  # `Các huyện có tỷ lệ thấp: Phú Lộc 47,6%, …`: a group by its results, no duty
    if by_property and _only_names(text, colon + 1, line.end):
        return None  # `Các xã có tỷ lệ dưới 80%: Chế Cu Nha, La Pán Tẩn.`: who is in the group, no duty
    stop = colon if colon != -1 else line.end
    group_end = stop
    paren = text.find("(", pos, stop)
    if paren != -1:
        group_end = paren
    names: list[tuple[int, int]] = []
    cursor = pos
    for part in _NOT_SEMICOLON.finditer(text[pos:group_end]):
        a = pos + part.start() + len(part.group()) - len(part.group().lstrip())
        b = pos + part.end()
        end = name_end(text, a, b)
        if end is None:
            return None
        rest = text[end:b].strip(" ,.")
        if rest:
            # `Các chủ rừng là tổ chức`: a heading may go on with words that are not actions
            if v.apposition.match(text, end, b):
                names.append((a, end))
                cursor = b
                continue
            words = [end + w.start() for w in _WORD_START.finditer(text[end:b])]
            if any(v.verb.match(text, w, b) for w in words):
                return None
            end = a + len(text[a:b].rstrip(" ,."))
        names.append((a, end))
        cursor = b
    if not names or cursor < group_end - 1:
        return None
    # `3. Bệnh viện Đa khoa tỉnh, Bệnh viện Đa khoa khu vực Ngọc Hồi`: each body listed has the duties
    names = [part for a, b in names for part in split_names(text, a, b)]
    if colon == -1 and paren == -1 and not led and line.level > 3:
        return None
    if colon == -1 and paren != -1 and not text[line.start : line.end].rstrip().endswith(")"):
        return None
    if colon == -1 and not led and line.level == 5:
        return None
    duty = colon + 1 if colon != -1 else line.end
    if colon != -1 and _opens_result(text, _skip_space(text, duty, line.end), line.end):
        return None  # `- UBND phường Bình Định: đạt 52,3%`: a unit's result (`Tăng thời lượng …` is a duty)
    return names, duty, lead_in is not None or asked


@lru_cache(maxsize=1)
def _by_property() -> regex.Pattern[str]:
    """A group told by what it has or has not (``các xã có tỷ lệ …``, ``các đơn vị chưa hoàn thành``;
    ``property_words`` in ``tasks.json``)."""
    return regex.compile(rf"(?<!\w)các\s+\w.*(?<!\w)(?:{alternation(rules.tasks().property_words)})(?!\w)",
                         regex.IGNORECASE | _FLAGS)


_SENTENCE_PART = regex.compile(r"[^.;:]*")
_LIST_GAP = regex.compile(r"\s*(?:,|\bvà\b)\s*")


def _only_names(text: str, start: int, end: int) -> bool:
    """Whether the sentence from ``start`` (up to ``.``, ``;`` or ``end``; not one that goes on with a
    colon) is only a list of names: items of up to six words, each opening with a capital (or a kind
    word then a capital: ``xã Mù Cang Chải``), none with an action."""
    v = _vocab()
    at = _skip_space(text, start, end)
    part = _SENTENCE_PART.match(text, at, end)
    if part is None or (part.end() < end and text[part.end()] == ":"):
        return False  # (`UBND các xã chưa hoàn thành: A, B:` then the duties under it)
    items = [i.strip() for i in _LIST_GAP.split(part.group()) if i.strip()]
    if not items:
        return False
    for item in items:
        words = item.split()
        first = next((n for n, w in enumerate(words) if _is_capital(w)), None)
        if len(words) > 6 or first is None or first > 2 or any(v.verb.match(item, w.start()) for w in
                                                             _WORD_START.finditer(item)):
            return False
    return True


def _results_listed(text: str, start: int, end: int) -> bool:
    """Whether ``start``-``end`` lists units with their results: its first item is a name (up to eight
    words, none of them an action) then a figure or a result word (``Phú Lộc 47,6% (596/1.252 trẻ), …``,
    ``Sở Tài nguyên và Môi trường (21,3%), …``, ``phường Long Xuyên đạt 72,6%``)."""
    v = _vocab()
    pos = _skip_space(text, start, end)
    words = 0
    for w in _ITEM_WORD.finditer(text, pos, end):
        at = w.start()
        if text[at] in ",;.:":
            return False
        if text[at] == "(":
            inside = _skip_space(text, at + 1, end)
            return words > 0 and bool(_FIGURE.match(text, inside, end) or _cue(text, inside, end))
        verb = _action_at(text, at) if words == 0 else v.verb.match(text, at)
        if words and (_FIGURE.match(text, at, end) or (_cue(text, at, end) and not (
                verb and " " in verb.group()))):
            return True  # (`tăng cường` is an action, `tăng 5%` a result)
        word = text[at : w.end()].casefold()
        if words == 8 or verb or v.stop.match(text, at, end) or word in _time_words() or (
                words == 0 and v.stop.match(word, 0)):
            return False  # (`Các xã: nộp báo cáo …`, `… trước 15/8`: a duty)
        words += 1
    return False


def _action_at(text: str, pos: int) -> regex.Match[str] | None:
    """An action word at ``pos``, in any case (``Tổ chức …``, ``Chỉ đạo …`` opening a line)."""
    return _vocab().verb.match(text[pos : pos + 40].casefold(), 0)


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in rules.tasks().time_words)


def _cue(text: str, pos: int, end: int) -> bool:
    """Whether a result word (``result_cues`` in ``metrics.json``) at ``pos`` opens a figure within a few
    words (``đạt 96,4%``, ``còn 412 hồ sơ``; not ``Đổi mới chương trình``)."""
    if text[pos : pos + 1].isdigit():
        return False
    cue = _vocab().result.match(text, pos, end)
    return cue is not None and _FIGURE_SOON.match(text, cue.end(), end) is not None


def _opens_result(text: str, pos: int, end: int) -> bool:
    """Whether a unit's result starts at ``pos``: a number, or a result word before one (``đạt 52,3%``;
    not ``Tăng thời lượng tuyên truyền``)."""
    return text[pos : pos + 1].isdigit() or _cue(text, pos, end)


#: a number within three words
_FIGURE_SOON = regex.compile(r"(?:\s+[^\W\d]+){0,3}\s+\d")


#: a word of a list's item, or the punctuation that ends it or opens its figures
_ITEM_WORD = regex.compile(r"[\w\-–/&]+|[,;.:(]")
#: a unit's figure: a percentage or a ratio (a bare number may be part of a name: `Dự án 1`, `Tổ dân phố 15`)
_FIGURE = regex.compile(r"\d+(?:[.,]\d+)*\s*%|\d+(?:[.,]\d+)*/\d")


def _result_item(text: str, line: _Line) -> bool:
    """Whether a line gives a unit's results after its name and a colon (``+ Xã A (gồm …): 412/6.041 hộ``,
    ``- Phường B: đạt 52,3%``): under a heading, a report, not one of the heading's duties."""
    pos = _after_section_lead(text, line)
    colon = text.find(":", pos, line.end)
    if colon == -1 or not _is_capital(text[pos : pos + 1]):
        return False
    paren = text.find("(", pos, colon)
    head = text[pos : paren if paren != -1 else colon].split()
    return 0 < len(head) <= 8 and _opens_result(text, _skip_space(text, colon + 1, line.end), line.end)


def _reports(text: str, line: _Line) -> bool:
    """Whether a line under a heading reports results rather than giving duties: a unit's results after
    its name and a colon, or a list of units with theirs, at its start or after a colon (``Sở Tư pháp đạt
    96,4%, Sở Xây dựng đạt 89,1%``, ``Một số đơn vị có tỷ lệ cao: Sở Tư pháp đạt 96,4%``)."""
    if _result_item(text, line) or _results_listed(text, line.start, line.end):
        return True
    colon = text.find(":", line.start, line.end)
    if colon == -1 or _action_at(text, line.start):
        return False  # `Tổ chức hỗ trợ, ưu tiên các thôn có tỷ lệ thấp: thôn A (62%), …`: a duty
    return _results_listed(text, colon + 1, line.end)


@dataclass(frozen=True)
class _Cues:
    """Where trigger, partner and lead words can start in the text (None: anywhere)."""

    trigger: list[int] | None
    partner: list[int] | None
    lead: list[int] | None
    date: str | None = None  # the document's date (ISO, maybe partial)


def _cues(text: str, date: str | None = None) -> _Cues:
    v = _vocab()
    return _Cues(v.triggers.starts(text), v.partners.starts(text), v.leads.starts(text), date)


def _role_of(text: str, start: int, end: int, cues: _Cues) -> str:
    v = _vocab()
    lead = next(matches_at(v.lead, text, cues.lead, start, end), None)
    partner = next(matches_at(v.partner, text, cues.partner, start, end), None)
    if lead and (partner is None or lead.start() < partner.start()):
        return "lead"
    return "responsible"


def _partners(text: str, start: int, end: int, cues: _Cues) -> list[tuple[int, int]]:
    """Names after ``phối hợp với`` in ``text[start:end]``; not after ``đã`` (``Chi cục Thuế đã phối hợp
    với các xã đôn đốc thu nợ``: what was done, reported)."""
    v = _vocab()
    out: list[tuple[int, int]] = []
    for m in matches_at(v.partner, text, cues.partner, start, end):
        if _DONE_BEFORE.search(text, max(start, m.start() - 24), m.start()) \
                or _on_a_past_day(text, start, m.start(), cues):
            continue
        end_name = name_end(text, m.end(), end)
        if end_name is None:
            continue
        out.extend(split_names(text, m.end(), end_name))
    return out


def _on_a_past_day(text: str, start: int, at: int, cues: _Cues) -> bool:
    """Whether the sentence of ``at`` opens with a time before the document's date (``Ngày 12/01/2024,
    Đội Quản lý thị trường số 2 phối hợp với ...`` in a letter of February): what was done."""
    cut = max(text.rfind(". ", start, at), text.rfind(";", start, at), text.rfind("\n", start, at))
    opening = _vocab().time_opening.match(text, cut + 1 if cut >= start else start, at)
    return opening is not None and _before(opening.group(), cues.date)


def _report_to(text: str, start: int, end: int) -> str | None:
    v = _vocab()
    for m in v.reports.finditer(v.report, text, start, end):
        window_end = min(end, m.end() + 60)
        pos = m.end()
        while pos < window_end:
            at = _skip_space(text, pos, window_end)
            if at >= window_end or text[at] in ".;":
                break
            name = name_end(text, at, end)
            if name:
                after = _VIA.match(text, name, end)
                return text[at : after.end() if after else name]
            word = _WORD.match(text, at, window_end)
            if word is None:
                break
            pos = word.end()
    return None


def _name_then_colon(text: str, start: int, colon: int, end: int) -> bool:
    """Whether the text before a colon is one name (after a lead-in such as ``Riêng``) and the text
    after it an action in lower case: one clause, the name's duty."""
    at = _skip_space(text, start, colon)
    lead_in = _vocab().subgroup.match(text, at, colon)
    if lead_in is not None:
        at = lead_in.end()
    after = _skip_space(text, colon + 1, end)
    return after < end and text[after].islower() and name_end(text, at, colon) == colon \
        and _acts(text, after, end)


#: the past-tense marker: a subject that "đã" did something is reported on, not assigned
_PAST = regex.compile(r"(?<!\w)đã(?!\w)")
#: `đã` up to two words before a partner word (`đã phối hợp với`, `đã chủ động phối hợp với`, `đã chủ trì, phối
#: hợp với`)
_DONE_BEFORE = regex.compile(r"(?<!\w)đã(?:\s+\w+){0,2},?\s+$")


def _clauses(text: str, line: _Line) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = line.start
    for m in _CLAUSE_CUT.finditer(text[line.start : line.end]):
        cut = line.start + m.start()
        if m.group() == ":" and _listed_plural().search(text, pos, cut) \
                and _is_capital(text[_skip_space(text, cut + 1, line.end) : line.end][:1]):
            continue  # `Yêu cầu Chủ tịch UBND các xã: Tự Tân, Song An trực tiếp chỉ đạo`: one clause
        if m.group() == ":" and _name_then_colon(text, pos, cut, line.end):
            continue  # `Riêng UBND các xã A, B, C: làm rõ nguyên nhân ...`: the name, then its duty
        out.append((pos, cut))
        pos = cut + 1
    out.append((pos, line.end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


def _inline(text: str, line: _Line, cues: _Cues) -> list[tuple[int, int, str, int]]:
    """(name start, name end, role, action start) for each explicit assignee of a line."""
    v = _vocab()
    found: list[tuple[int, int, str, int]] = []
    pending: list[tuple[int, int]] = []  # `Thủ trưởng ...; Chủ tịch ... tiếp tục ...`: names waiting for a verb
    field = v.field.match(text, line.start, line.end)
    if field:  # `Đơn vị phối hợp: Sở A; Sở B, UBND xã, phường; các cơ quan liên quan.`
        role = v.field_roles.get(" ".join(field.group("label").casefold().split()), "responsible")
        for part in _NOT_SEMICOLON_OR_DOT.finditer(text[field.end() : line.end]):
            a = field.end() + part.start() + len(part.group()) - len(part.group().lstrip())
            b = field.end() + part.end()
            end = name_end(text, a, b)
            if end:
                found.extend((s, e, role, line.end) for s, e in split_names(text, a, end))
        return found
    for a, b in _clauses(text, line):
        lead_in = v.subgroup.match(text, a, b)
        if lead_in:  # `Riêng Chủ tịch UBND các xã: A, B chủ động ...`: the clause names its own assignee
            a = lead_in.end()
        else:
            a = _after_circumstance(text, a, b, cues.date)
        starts: list[int] = [a]
        triggers = matches_at(v.trigger, text, cues.trigger, a, b)
        # a trigger written with a capital inside a clause is a word of a name (`Ban Chỉ đạo các xã`)
        starts += [m.end() for m in triggers
                   if not (m.start() > a and text[m.start()].isupper()) and _speaker_before(text, a, m.start())]
        for pos in starts:
            end = name_end(text, pos, b)
            if end is None:
                continue
            after = _skip_space(text, end, b)
            action = end
            if after < b and text[after] == "(" and 0 < (close := text.find(")", after, b)) \
                    and "(" not in text[after + 1 : close]:
                # `Sở Nội vụ (cơ quan thường trực Ban Chỉ đạo) chủ trì ...`: a word on the assignee
                action = close + 1
                after = _skip_space(text, action, b)
            if after < b and (text[after] == "," or (text[after] == ":" and pos == a)):
                # `X, chủ trì ...`; `Riêng UBND các xã A, B, C: làm rõ nguyên nhân ...`
                after = _skip_space(text, after + 1, b)
            if pos == a:
                if after >= b and text[b : b + 1] == ";":
                    pending.extend(split_names(text, pos, end))
                    continue
                if not _acts(text, after, b) or _PAST.search(text, pos, end) or _formula().search(text, a, b):
                    # `các xã, thị trấn đã tập trung số hóa hồ sơ`: a report of what was done;
                    # `Chủ tịch UBND tỉnh có ý kiến như sau:`, `Cục Thuế trả lời để Công ty biết`
                    pending = []
                    continue
            if lead_in and pos == a and not _relative_words().isdisjoint(text[pos:end].split()):
                continue  # `Riêng các xã A, B thuộc thành phố được áp dụng mức ...`: what they are given
            role = "lead" if v.lead.match(text, after, b) else "responsible"
            names = split_names(text, pos, end)
            if pos == a:
                names = pending + names
            pending = []
            for s, e in names:
                found.append((s, e, role, action))
    return found


def _after_circumstance(text: str, a: int, b: int, date: str | None) -> int:
    """Where a clause's assignee starts when the clause opens with a circumstance up to a comma
    (``Trong tháng 6/2024, Phòng Tư pháp chủ trì ...``): after the first such comma behind which a name
    starts, written with a capital or as a group (``các xã``), with no trigger word before it; else
    ``a``. A lower-case post there is still the circumstance's (``Khi cán bộ, công chức nghỉ hưu, ...``).
    A circumstance of the past (a year or a day before the document's ``date``, or ``đến nay``) opens a
    report (``Từ ngày 03/10/2022 đến ngày 14/10/2022, Phòng A phối hợp ...`` in a letter of November)."""
    v = _vocab()
    lead = v.clause_lead.match(text, a, b)
    if lead is None or name_end(text, a, b) is not None or v.clause_lead_past.search(lead.group()) \
            or _before(lead.group(), date):
        return a
    pos = a
    while (m := lead if pos == a else _COMMA_THEN.match(text, pos, b)):
        at = m.end()
        if v.trigger.search(text, pos, at):
            break  # `Để bảo đảm tiến độ, yêu cầu Phòng A, Phòng B ...`: the trigger names them
        if (text[at : at + 1].isupper() or text.startswith("các ", at)) and name_end(text, at, b) is not None:
            return m.end()
        pos = m.end()
    return a


_COMMA_THEN = regex.compile(r"[^,\n]*,\s*")
#: a day (`14/10/2022`) or a year (`năm 2023`) written in a circumstance
_DAY_OR_YEAR = regex.compile(r"(?<!\d)(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*)?((?:19|20)\d\d)(?!\d)")


def _before(words: str, date: str | None) -> bool:
    """Whether ``words`` name a day or a year before ``date`` (ISO, maybe partial)."""
    if not date or not date[:4].isdigit():
        return False
    for m in _DAY_OR_YEAR.finditer(words):
        day, month, year = m.groups()
        if day and len(date) == 10:
            if f"{year}-{int(month):02d}-{int(day):02d}" < date:
                return True
        elif year < date[:4]:
            return True
    return False


def _speaker_before(text: str, start: int, trigger: int) -> bool:
    """Whether a trigger word opens its clause: nothing before it, a lead-in ending with a comma, or
    the one who speaks (``Chủ tịch UBND huyện yêu cầu ...``); not ``có văn bản giao X ...``."""
    prefix = text[start:trigger].rstrip()
    if not prefix or prefix.endswith(","):
        return True
    if _PAST.search(prefix):
        return False  # `UBND huyện đã có Công văn số ... chỉ đạo các xã ...`: what was done
    if _vocab().advising.match(prefix):
        return False  # `Tham mưu UBND cùng cấp chỉ đạo các cơ quan ...`: the name is advised, not speaking
    words = _vocab().start.words
    assert words is not None
    for m in words.finditer(prefix):  # the words name_end may start a name at
        end = name_end(text, start + m.start(), trigger)
        if end is not None and not text[end:trigger].strip():
            return True
    return False


_SHARE = regex.compile(r"\d+(?:[,.]\d+)?\s*%")
#: `cập nhật 100% dữ liệu`, `kiểm soát 100% tàu cá`: all of something, what a directive asks for
_WHOLE = regex.compile(r"100\s*%\s+\p{Ll}")


def _acts(text: str, after: int, end: int) -> bool:
    """Whether a name at the start of a clause is followed by an action (not by the issuer's
    ``yêu cầu:`` or a report of figures)."""
    v = _vocab()
    adverbial = v.adverbial.match(text, after, end)
    if adverbial:
        after = adverbial.end()
    if v.issuer.match(text, after, end):
        return False
    verb = v.verb.match(text, after, end) or v.responsibility.match(text, after, end) or v.partner.match(
        text, after, end
    )
    if not verb:
        return False
    rest = text[verb.end() : end]
    if not rest.strip() or _AS_FOLLOWS.search(rest):
        # `Sở X hướng dẫn:`, `UBND xã X xây dựng Kế hoạch ... như sau`: introduces what follows
        return False
    reached = _REACHED.search(rest)
    share = next((m.start() for m in _SHARE.finditer(rest) if not _WHOLE.match(rest, m.start())), -1)
    figure = min(i for i in (share, reached.start() if reached else -1, len(rest)) if i >= 0)
    # a report of figures (`Xã A triển khai, đạt 90%`), not an action, unless a target is set before
    # the figure (`khắc phục ngay ..., phấn đấu đạt trên 90%`)
    return figure == len(rest) or bool(target_words().search(rest, 0, figure))


# ----------------------------------------------------------------------------------- tables


def _is_row(text: str, line: _Line) -> bool:
    """Whether a line is a table's row with tabs between its cells (as ``normalize`` tells one)."""
    return is_table_row(text[line.start : line.end])


def _cells(text: str, lines: list[_Line]) -> list[_Line]:
    """The lines, a table row with tabs (``1⇥Rà soát⇥Sở Tư pháp⇥…``) cut into one line per cell."""
    out: list[_Line] = []
    for line in lines:
        if not _is_row(text, line):
            out.append(line)
            continue
        row = Cell(line.start, line.end, text[line.start : line.end])
        out.extend(_Line(cell.start, cell.end, 5) for cell in split_cells(row, "\t") if cell.text)
    return out


def _table(text: str, lines: list[_Line]) -> list[tuple[int, int, str, int, int]]:
    """(name start, name end, role, row start, row end) from task tables, exported one cell per line
    or one row per line with tabs between the cells."""
    v = _vocab()
    lines = _cells(text, lines)
    out: list[tuple[int, int, str, int, int]] = []
    i = 0
    while i < len(lines):
        header: list[str] = []
        j = i
        while j < len(lines):
            cell = " ".join(text[lines[j].start : lines[j].end].casefold().split())
            role = v.columns.get(cell)
            if role is None:
                break
            header.append(role)
            j += 1
        if "lead" not in header or len(header) < 3:
            i = max(j, i + 1)
            continue
        # rows: a row starts at a bare number or roman numeral cell
        row: list[_Line] = []
        k = j
        while k <= len(lines):
            cell_line = lines[k] if k < len(lines) else None
            cell = text[cell_line.start : cell_line.end].strip() if cell_line else ""
            boundary = cell_line is None or _ITEM_NUMBER.fullmatch(cell) is not None
            if boundary and row:
                out.extend(_table_row(text, row))
                row = []
            if cell_line is None:
                break
            if not boundary:
                row.append(cell_line)
            k += 1
        i = k
    return out


def _table_row(text: str, row: list[_Line]) -> list[tuple[int, int, str, int, int]]:
    """The lead cell is the first cell that is a list of names, the partner cell the next one."""
    names: list[tuple[int, int, str]] = []
    role = "lead"
    for cell in row[1:] if len(row) > 1 else row:
        spans: list[tuple[int, int]] = []
        for part in _NOT_SEMICOLON.finditer(text[cell.start : cell.end]):
            a = cell.start + part.start() + len(part.group()) - len(part.group().lstrip())
            b = cell.start + part.end()
            end = name_end(text, a, b)
            if end is None or text[end:b].strip(" ,.") and not _AND_OR_COMMA.match(text, end, b):
                spans = []
                break
            spans.extend(split_names(text, a, end))
        if not spans:
            # a cell that starts with a name and goes on (`Sở Tài chính và cơ quan liên quan`)
            end = name_end(text, cell.start, cell.end)
            if end is None or role == "done":
                continue
            spans = split_names(text, cell.start, end)
        if role == "done":
            break
        names.extend((s, e, role) for s, e in spans)
        role = "partner" if role == "lead" else "done"
    lo, hi = row[0].start, row[-1].end
    return [(s, e, r, lo, hi) for s, e, r in names]


# ----------------------------------------------------------------------------------- assembly


def find_assignments(ctx: Context, units: Sequence[Unit] = ()) -> list[Assignment]:
    """Every assignment of the body and annexes, in text order.

    Both the task and the deadline extractors need them: they are found once per document and
    kept on the spaCy ``Doc`` (``user_data``)."""
    key = "vbminer.assignments:" + "|".join(u.name for u in units)
    cached = ctx.doc.user_data.get(key)
    if cached is None:
        cached = ctx.doc.user_data[key] = tuple(_find_assignments(ctx, units))
    return list(cached)


def _spans(inline: list[tuple[int, int, str, int]], end: int) -> list[tuple[int, int, str, int, int]]:
    """The clauses' assignments of a line: each action runs to the next clause's subject or the line's end."""
    out = []
    for n, (s, e, role, act) in enumerate(inline):
        later = [x[0] for x in inline[n + 1 :] if x[0] > act]
        out.append((s, e, role, act, min(later) if later else end))
    return out


def _heading_level(text: str, line: _Line) -> int | None:
    """The level of a section heading (a Roman or Arabic number's line, or an unnumbered line in
    capitals, ranked with the Roman ones); None for other lines."""
    if line.level <= 2:
        return line.level
    if line.level == 5 and text[line.start : line.end].isupper():
        return 0
    return None


def _tells_findings(text: str, line: _Line) -> bool:
    """Whether a heading opens a section that reports what was done or found (``finding_headings``)."""
    v = _vocab()
    return v.finding.match(text, line.start, line.end) is not None \
        and v.finding_not.search(text, line.start, line.end) is None


def _find_assignments(ctx: Context, units: Sequence[Unit]) -> list[Assignment]:
    text = ctx.text
    raw: list[tuple[int, int, str, int, int]] = []  # name start, name end, role, action start, action end
    reported: set[tuple[int, int]] = set()  # headings whose lines report results
    cues = _cues(text, ctx.header.date if ctx.header else None)
    v = _vocab()
    for lo, hi in ctx.body_ranges():
        lines = _lines(text, lo, hi)
        table = _table(text, lines)
        raw.extend(table)
        in_table = {(s, e) for s, e, *_ in table}
        # the heading a line is under, and above it the `Riêng …:` headings inside its section
        sections: list[tuple[list[tuple[int, int]], int]] = []
        attending: int | None = None  # the level of a `Thành phần mời:` heading whose list goes on
        finding: int | None = None  # the level of a `KẾT QUẢ THỰC HIỆN` heading whose section goes on
        for n, line in enumerate(lines):
            if _is_row(text, line):
                continue  # a table's row: read by _table
            level = _heading_level(text, line)
            if level is not None and finding is not None and level <= finding:
                finding = None
            if finding is None and level is not None and _tells_findings(text, line):
                finding = level
            if finding is not None:
                continue  # what was done or found (`Trường A huy động 100% trẻ`), no duty
            if attending is not None:
                # `- Lãnh đạo các sở: A, B;`: invited, not assigned (under a heading without a
                # number, its dashed lines)
                if line.level > attending or (attending == 5 and line.level == 4):
                    continue
                attending = None
            if v.participants.match(text, line.start, line.end):
                attending, sections = line.level, []
                continue
            while sections and line.level <= sections[-1][1]:
                sections.pop()
            section = sections[-1] if sections else None
            if v.enumeration.match(text, line.start, line.end):
                continue  # `Các đơn vị đạt tỷ lệ cao gồm: A (98%), B (97%)`: who is in a group, no duty
            heading = _heading_names(text, line)
            if heading is not None:
                names, duty, nested = heading
                if not nested:
                    sections = []
                level = line.level
                if level == 5 and n + 1 < len(lines) and lines[n + 1].level < 5 and not _is_row(text, lines[n + 1]) \
                        and text[max(e for _, e in names) : line.end].strip() == ":":
                    # a paragraph that ends with the names it asks and a colon (`…, UBND xã kính đề nghị
                    # UBND huyện:`) introduces the items after it, whatever their marks
                    level = lines[n + 1].level - 1
                sections.append((names, level))
                duty_start = _skip_space(text, duty, line.end)
                if duty_start < line.end:
                    # `- Riêng BHXH các huyện A, B: xây dựng kế hoạch …; Giám đốc BHXH huyện chịu trách
                    # nhiệm …`: a clause after the duty with a subject of its own is that subject's
                    own = [x for x in _inline(text, line, cues) if x[0] > duty_start]
                    duty_end = min((x[0] for x in own), default=line.end)
                    role = _role_of(text, duty_start, duty_end, cues)
                    raw.extend((s, e, role, duty_start, duty_end) for s, e in names)
                    raw.extend(_spans(own, line.end))
                    # `b) Phòng Tài chính - Kế hoạch: theo dõi …; phối hợp với Kho bạc Nhà nước …`
                    raw.extend((s, e, "partner", line.start, line.end)
                               for s, e in _partners(text, duty_start, line.end, cues) if (s, e) not in in_table)
                else:
                    raw.extend((s, e, "responsible", line.end, line.end) for s, e in names)
                continue
            inline = _inline(text, line, cues)
            lead_in = v.subgroup.match(text, line.start, line.end)
            subject_at = lead_in.end() if lead_in else line.start  # (`Riêng UBND xã A ...`: its own)
            own_subject = any(s == subject_at for s, *_ in inline)
            if section is not None and not own_subject and _reports(text, line):
                reported.update(section[0])  # `a) Các xã có tỷ lệ trên 5%:` over `+ Xã A: 412/6.041 hộ`
            elif section is not None and not own_subject:
                # (`- UBND các xã Duy Hải, Duy Vinh khắc phục ...` under `5. UBND các xã, thị trấn:`
                # names its own assignee)
                role = _role_of(text, line.start, line.end, cues)
                raw.extend((s, e, role, line.start, line.end) for s, e in section[0])
            raw.extend(_spans(inline, line.end))
            raw.extend((s, e, "partner", line.start, line.end)
                       for s, e in _partners(text, line.start, line.end, cues) if (s, e) not in in_table)
    with_duty = {(r[0], r[1]) for r in raw if r[4] > r[3]}
    # a heading's bare entry, where it has duties, or where what is under it reports results
    raw = [r for r in raw if r[4] > r[3] or ((r[0], r[1]) not in with_duty and (r[0], r[1]) not in reported)]
    labels: dict[tuple[int, int], str] = {}
    raw = _expand_groups(text, raw, units, labels)
    raw = _to_unit_ends(text, raw, units)
    out: list[Assignment] = []
    seen: set[tuple[str, str, int]] = set()
    issuer = ctx.header.issuer
    # a People's Council's resolution assigns the People's Committee (`Giao Ủy ban nhân dân tỉnh tổ
    # chức thực hiện`); elsewhere a bare `UBND tỉnh` is the issuer or whom it reports to
    council = issuer is not None and bool(_COUNCIL.search(f"{issuer.name or ''} {issuer.parent or ''}"))
    parent = fold(issuer.parent).casefold() if issuer is not None and issuer.parent else ""
    for s, e, role, a, b in sorted(raw, key=lambda r: (r[0], r[3])):
        name = labels.get((s, e)) or text[s:e].strip()
        if not name or _is_generic(name) or len(name) < 4 or _is_post(name):
            continue
        committee = _ISSUER_SELF.match(name)
        if committee and not council and not (
                # `Đề nghị UBND huyện bố trí kinh phí` in a report of one of its offices or of a
                # commune: asked of the level above
                b > a and _above_issuer(committee.group("level"), parent, issuer.level if issuer else None)
                and _vocab().request.search(text, max(0, s - 40), s)):
            continue
        key = (name, role, a)
        if key in seen:
            continue
        seen.add(key)
        action = " ".join(text[a:b].split()).strip(" ,;:.") or None
        limits = find_limits(text, a, b, ctx.year, ctx.issued) if b > a else []
        out.append(
            Assignment(
                assignee=name,
                role=role,
                start=s,
                end=e,
                action_start=a,
                action_end=b,
                action=action,
                deadline=limits[0].date if limits else None,
                report_to=_report_to(text, a, b) if b > a else None,
            )
        )
    return out


#: the rank of a level of local government: a commune's report asks things of its district or province
_RANKS = {"xã": 1, "phường": 1, "huyện": 2, "thị xã": 2, "thành phố": 2, "tỉnh": 3}


def _above_issuer(committee: str, parent: str, level: str | None) -> bool:
    """Whether the committee of ``committee`` (``huyện`` of ``UBND huyện``, ``thị xã``) is a level above
    the issuer: the one its header names as parent (``parent``, folded), or a level ranked above the
    issuer's."""
    if parent:
        return fold(committee.split()[-1]).casefold() in parent.split()
    rank = _RANKS.get(committee.casefold())
    return rank is not None and level is not None and rank > _RANKS.get(level, 9)


def _to_unit_ends(text: str, raw: list[tuple[int, int, str, int, int]],
                  units: Sequence[Unit]) -> list[tuple[int, int, str, int, int]]:
    """An assignee's name cut before the end of the unit it names (``Cục Cảnh sát`` of ``Cục Cảnh
    sát quản lý hành chính về trật tự xã hội``, whose words go on in lower case) runs to the unit's
    end, and its action starts after it; a name that runs past the unit into lower-case words that
    do not go on with a name (``Trung tâm Y tế huyện Tam Bình phun hóa chất``) stops there."""
    v = _vocab()
    ends = {sp.start: sp.end for u in units for sp in u.mentions}
    out = []
    for s, e, role, a, b in raw:
        end = ends.get(s, e)
        if e < end and "\n" not in text[e:end] and ";" not in text[e:end]:
            e, a = end, (max(a, end) if a >= s else a)
            b = max(a, b)
            if role == "responsible" and a == e and v.lead.match(text, _skip_space(text, a, b), b):
                role = "lead"  # `Phòng Kế hoạch tổng hợp chủ trì …`: the lead word after the whole name
        elif end < e and _LOWER_TAIL.fullmatch(text, end, e):
            at = _skip_space(text, end, e)
            word = _WORD.match(text, at, e)
            if not (v.inner.match(text, at, e) or v.tail.match(text, at, e)
                    or (word and word.group() in _name_continuations())):
                e = end
        out.append((s, e, role, a, b))
    return out


_LOWER_TAIL = regex.compile(r"(?:[^\S\n]+\p{Ll}+)+")


@lru_cache(maxsize=1)
def _relative_words() -> frozenset[str]:
    return frozenset(rules.tasks().relative_words)


@lru_cache(maxsize=1)
def _name_continuations() -> frozenset[str]:
    pats = rules.tasks()
    return frozenset(pats.name_continuations) | frozenset(pats.relative_words)


_GROUP = regex.compile(r"(?i)(?:^|(?P<sep>\s*(?:,\s*và|,|và)\s+))các\s+\w+(?:\s+\w+)?$")
_ITEM_GAP = regex.compile(r"\s*(?:,\s*và|,|;|và)\s*")


@lru_cache(maxsize=1)
def _post_group() -> regex.Pattern[str]:
    """A post over a plural group right before its list (``Trưởng các phòng``, ``Giám đốc các sở``;
    ``posts`` in ``tasks.json``): the head of each body listed after the colon."""
    return regex.compile(rf"^(?:{alternation(rules.tasks().posts)})\s+các\s+\w+(?:\s+\w+)?$", _FLAGS)


def _expand_groups(
    text: str, raw: list[tuple[int, int, str, int, int]], units: Sequence[Unit], labels: dict[tuple[int, int], str]
) -> list[tuple[int, int, str, int, int]]:
    """``các Sở: Nội vụ, Tài chính chủ trì ...``: a plural group followed by a colon and a list of
    named units assigns each of them (``Sở Nội vụ``, ``Sở Tài chính``), the action after the list;
    names before the group (``Các Bộ, cơ quan liên quan và các Tập đoàn: ...``) stay assignees.
    ``labels`` receives the assignee name of each item, keyed by the span of its mention."""
    mentions = sorted((sp.start, sp.end, u) for u in units for sp in u.mentions)
    starts = {m[0]: m for m in mentions}
    out: list[tuple[int, int, str, int, int]] = []
    for s, e, role, a, b in raw:
        colon = _skip_space(text, e, len(text))
        name = text[s:e].rstrip()
        group = (_GROUP.search(name) or _post_group().match(name)) if text[colon : colon + 1] == ":" else None
        if group is None:
            out.append((s, e, role, a, b))
            continue
        items: list[tuple[int, int, Unit]] = []
        pos = _skip_space(text, colon + 1, len(text))
        while pos in starts:
            item = starts[pos]
            items.append(item)
            gap = _ITEM_GAP.match(text, item[1])
            if gap is None or gap.end() == item[1]:
                break
            pos = gap.end()
        if not items:
            out.append((s, e, role, a, b))
            continue
        after = items[-1][1]
        if group.start() > 0:  # "Các Bộ, cơ quan liên quan và các Tập đoàn: A, B": the names before it stay
            out.append((s, s + group.start(), role, max(a, after), b))
        for start, end, unit in items:
            labels[(start, end)] = _unit_label(unit, " ".join(text[start:end].split()))
            out.append((start, end, role, max(a, after), b))
    return out


def _unit_label(unit: Unit, written: str) -> str:
    """An item of a list as an assignee: the item as written, after its kind word when it has none
    (``Sở Nội vụ`` for ``Nội vụ`` after ``các Sở:``), so the text of its span stays inside it. A kind
    that is no word of names (``cơ quan`` of ``Vườn quốc gia …``) is not written before it."""
    if unit.kind and unit.kind.casefold() in _kind_words() and not written.casefold().startswith(unit.kind.casefold()):
        return f"{unit.kind[:1].upper()}{unit.kind[1:]} {written}"
    return written


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    """The words that open a unit's name (``units.json`` kinds of organisations and localities)."""
    pats = rules.units()
    return frozenset(w.casefold() for w in [o.word for o in pats.org_kinds] + [a.word for a in pats.admin_kinds])


def extract_tasks(ctx: Context, units: Sequence[Unit]) -> list[Task]:
    """One task per assignee and assignment; its span runs from the assignee to the end of the action."""
    return [
        Task(
            assignee=a.assignee,
            role=a.role,
            action=a.action,
            start=min(a.start, a.action_start),
            end=max(a.end, a.action_end),
            deadline=a.deadline,
            report_to=a.report_to,
        )
        for a in find_assignments(ctx, units)
    ]
