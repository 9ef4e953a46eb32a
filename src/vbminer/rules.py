"""Load and validate the rule files of ``patterns/``.

The rules vbminer applies live as JSON data, one file per family, each validated by a pydantic
model here (unknown keys are refused, so a typo in a pattern file fails loudly at load time).
The files ship inside the package as ``vbminer.patterns``; set ``VBMINER_PATTERNS`` to a directory
to use another copy (for example while editing rules).
"""

from __future__ import annotations

import json
import os
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator


def _check_regex(pattern: str) -> str:
    import regex

    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
    return pattern


#: A string that must compile as a regular expression (checked when the pattern file loads).
Regex = Annotated[str, AfterValidator(_check_regex)]


_WithId = TypeVar("_WithId", bound="_Identified")


class _Identified(Protocol):
    id: str


def _unique_ids(items: list[_WithId], what: str) -> list[_WithId]:
    """``items`` unchanged, or a ValueError naming the ids used twice."""
    ids = [item.id for item in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"duplicate {what} ids: {', '.join(dupes)}")
    return items


class PatternError(ValueError):
    """A pattern file is missing or does not match its schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- doc_types.json -------------------------------------------------------------------------------


class DocType(_Strict):
    id: str
    label: str
    code: str | None
    old_codes: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["administrative", "normative", "party"]
    source: str


class DocTypes(_Strict):
    doc_types: list[DocType]

    def labels(self) -> list[str]:
        """Every type name, longest first (so ``Thông tư liên tịch`` wins over ``Thông tư``)."""
        names = {d.label for d in self.doc_types} | {a for d in self.doc_types for a in d.aliases}
        return sorted(names, key=len, reverse=True)

    def label_for_code(self, code: str) -> str | None:
        """The type named by a symbol's type code (``BC`` → Báo cáo), current or pre-2020 form.

        State (administrative, normative) codes are preferred over Party ones.
        """
        return self._labels_by_code.get(code.casefold())

    @cached_property
    def _labels_by_code(self) -> dict[str, str]:
        """Folded type code → label, built once (citations ask for every symbol they read)."""
        out: dict[str, str] = {}
        for want_kind in ("administrative", "normative", "party"):
            for d in self.doc_types:
                if d.kind == want_kind:
                    for code in ([d.code] if d.code else []) + d.old_codes:
                        out.setdefault(code.casefold(), d.label)
        return out

    def canonical_label(self, written: str) -> str | None:
        folded = " ".join(written.split()).casefold()
        for d in self.doc_types:
            if d.label.casefold() == folded or any(a.casefold() == folded for a in d.aliases):
                return d.label
        return None


# --- departments.json -----------------------------------------------------------------------------


class Department(_Strict):
    id: str
    label: str
    kind: str
    level: str | None
    abbreviations: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    era: Literal["pre-2025", "post-2025", "both"]
    replaced_by: str | None = None
    source: str
    #: its abbreviations name it without a kind word before them (``BHXH huyện``, ``LĐLĐ tỉnh``); the
    #: abbreviations of other departments do so only after their kind word (``Phòng TC-KH``)
    bare_abbreviations: bool = False
    #: lower-case words after its name that make the name that of what it runs, not of the body
    #: (``Bảo hiểm xã hội tự nguyện``); matched case-insensitively
    not_before: list[str] = Field(default_factory=list)


class Departments(_Strict):
    departments: list[Department]

    @field_validator("departments")
    @classmethod
    def _unique_ids(cls, value: list[Department]) -> list[Department]:
        return _unique_ids(value, "department")


# --- header.json ----------------------------------------------------------------------------------


class LocalityKind(_Strict):
    word: str
    level: Literal["tỉnh", "huyện", "xã"] | None


class HeaderPatterns(_Strict):
    description: str
    national_name: list[str]
    motto: list[str]
    party_national_name: list[str]
    #: the national names of the Youth Union and the mass organisations, which their documents write where
    #: the national title would be (``ĐOÀN TNCS HỒ CHÍ MINH``, ``HỘI NÔNG DÂN VIỆT NAM``); read only as a
    #: whole line, as their first words also open the names of their local committees
    organisation_national_names: list[str] = Field(default_factory=list)
    urgency: list[str]
    confidentiality: list[str]
    authority_marks: dict[str, str]
    signer_titles: list[str]
    organisation_starts: list[str]
    locality_kinds: list[LocalityKind]
    central_cities: list[str]
    province_units: list[str]
    subject_leads: list[str]
    recipient_leads: list[str]
    cc_leads: list[str]
    signature_notes: list[str]
    authority_line_starts: list[str]
    surnames: list[str]
    name_prefixes: list[str]  # a rank or degree before a signer's name (`Đại tá`, `TS.`), not part of it
    body_openers: list[str]
    title_area_leads: list[str]  # `trên địa bàn`: with a locality kind after it, the end of a title's line


# --- normalization.json ---------------------------------------------------------------------------


class NormalizationPatterns(_Strict):
    description: str
    tone_placement: dict[str, list[str]]
    space_characters: list[str]
    removed_characters: list[str]
    paragraph_markers: list[Regex]

    @field_validator("tone_placement")
    @classmethod
    def _pairs(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for new, olds in value.items():
            for old in olds:
                if len(old) != len(new):
                    raise ValueError(f"tone pair {old!r} -> {new!r} must keep the length")
        return value



# --- nd30_rules.json -------------------------------------------------------------------------------


class FormRule(_Strict):
    id: str
    clause: str
    severity: Literal["error", "warning", "note"]
    message: str


class FormRules(_Strict):
    description: str
    rules: list[FormRule]
    codes_also_used_by_organisations: list[str]
    organisations_without_parent: list[str]
    units_needing_parent: list[str]

    def get(self, rule_id: str) -> FormRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @field_validator("rules")
    @classmethod
    def _unique(cls, value: list[FormRule]) -> list[FormRule]:
        return _unique_ids(value, "rule")


# --- references.json ------------------------------------------------------------------------------


class ReferencePatterns(_Strict):
    """The words around a citation (``Chỉ thị số 08/CT-UBND ngày ... của ... về việc ...``)."""

    description: str
    generic_type_words: list[str]
    default_type: str
    named_types: list[str]
    plural_leads: list[str]
    number_leads: list[str]
    date_leads: list[str]
    issued_date_verbs: list[str]
    enumeration_joins: list[str]
    issuer_leads: list[str]
    issuer_stops: list[str]
    issuer_max_words: int = Field(gt=0)
    subject_leads: list[str]
    subject_rejects: list[str]
    subject_max_chars: int = Field(gt=0)
    not_reference_leads: list[str]
    #: words after a type that point back at the one document of that type cited before
    #: (``Tờ trình nêu trên``)
    anaphors: list[str] = Field(default_factory=list)
    legislature_code: Regex
    symbol_character_fixes: dict[str, str]
    type_code_fixes: dict[str, str]
    symbol_part_fixes: dict[str, str]


    @field_validator("symbol_character_fixes")
    @classmethod
    def _one_character(cls, value: dict[str, str]) -> dict[str, str]:
        for old, new in value.items():
            if len(old) != 1 or len(new) != 1:
                raise ValueError(f"character fix {old!r} -> {new!r} must map one character to one")
        return value


# --- deadlines.json -------------------------------------------------------------------------------


class DeadlinePatterns(_Strict):
    """The words that make a date a time limit (``trước ngày``, ``trong quý III/2022`` ...)."""

    description: str
    day_leads: list[str] = Field(min_length=1)
    period_leads: list[str] = Field(min_length=1)
    field_leads: list[str]
    reference_leads: list[str]
    retrospective_words: list[str]
    quarters: dict[str, int]

    @field_validator("quarters")
    @classmethod
    def _quarter_numbers(cls, value: dict[str, int]) -> dict[str, int]:
        for name, number in value.items():
            if not 1 <= number <= 4:
                raise ValueError(f"quarter {name!r} must map to 1..4, not {number}")
        return value


# --- tasks.json -----------------------------------------------------------------------------------


class TaskTableColumns(_Strict):
    lead: list[str]
    partner: list[str]
    time: list[str]
    other: list[str]


class TaskPatterns(_Strict):
    """The words around an assignment (``Giao X chủ trì, phối hợp với Y ...``, sections headed by a unit)."""

    description: str
    heads: list[str] = Field(min_length=1)
    #: kinds whose list after ``các X:`` belongs to the assignee's name (``Chủ tịch UBND các xã: A, B``),
    #: unlike ``các Sở: Nội vụ, Tài chính``, whose items are assignees of their own
    listed_kinds: list[str] = Field(default_factory=list)
    #: formulas that open or close a letter and assign nothing (``... có ý kiến như sau:``,
    #: ``... trả lời để Công ty biết``); matched case-insensitively
    formula_patterns: list[Regex] = Field(default_factory=list)
    posts: list[str]
    plural_heads: list[str]
    triggers: list[str]
    non_actions: list[str]
    lead_words: list[str]
    partner_words: list[str]
    responsibility_words: list[str]
    field_labels: dict[str, Literal["lead", "partner", "responsible"]]
    section_leads: list[str]
    verbs: list[str] = Field(min_length=1)
    name_stops: list[str]
    name_inner: list[str]
    name_tails: list[str]
    relative_words: list[str]
    #: verbs elsewhere that, right after the verb of a relative clause in a group's name, are its
    #: object (``UBND các xã chưa gửi báo cáo khẩn trương ...``)
    clause_objects: list[str] = Field(default_factory=list)
    #: words after a unit's name with which an assignee's name goes on (``Phòng Nội vụ các huyện``);
    #: other lower-case words there are the action (``Trung tâm Y tế huyện phun hóa chất``)
    name_continuations: list[str] = Field(default_factory=list)
    adverbials: list[str]
    #: words before a clause's own assignee that single it out of the section's (``Riêng Chủ tịch
    #: UBND các xã: A, B chủ động ...``)
    subgroup_leads: list[str] = Field(default_factory=list)
    #: words that open a clause's circumstance before its assignee, up to a comma (``Trong tháng
    #: 6/2024, Phòng Tư pháp chủ trì ...``, ``Sau khi có kết quả, UBND các xã ...``)
    clause_leads: list[str] = Field(default_factory=list)
    #: words that make such a circumstance a report of the past (``Từ đầu năm đến nay, ...``)
    clause_lead_past: list[str] = Field(default_factory=list)
    #: headings of an invitation's lists of who chairs and who attends (``Thành phần mời:``): the
    #: lines under one name participants, not assignees
    participant_headings: list[str] = Field(default_factory=list)
    #: words before a colon that say who a group is made of (``Các đơn vị đạt thấp gồm: A, B``):
    #: such a line assigns nothing
    enumeration_words: list[str] = Field(default_factory=list)
    #: the first words of a section heading that reports what was done or found (``I. KẾT QUẢ THỰC
    #: HIỆN``, ``2. Tồn tại, hạn chế``): the clauses under it tell findings, not duties
    finding_headings: list[str] = Field(default_factory=list)
    #: words that make such a heading announce what is to come (``II. KẾT QUẢ CẦN ĐẠT``)
    finding_heading_exceptions: list[str] = Field(default_factory=list)
    #: words with which an office asks its parent committee (``Đề nghị UBND huyện bố trí ...``): the
    #: committee named bare after them is an assignee, not the issuer
    request_leads: list[str] = Field(default_factory=list)
    #: words with which a clause advises someone (``Tham mưu UBND cùng cấp chỉ đạo các cơ quan ...``): the one
    #: advised does not speak the trigger after its name, so what it would direct is no assignment here
    advising_leads: list[str] = Field(default_factory=list)
    appositions: list[str]
    generic_words: list[str]
    generic_tails: list[str]
    report_leads: list[str]
    #: words of a time, never of a unit's name (``Từ tháng 11/2025`` after a colon lists no unit's result)
    time_words: list[str] = Field(default_factory=list)
    #: words that open a sentence with its time, up to a comma (``Ngày 12/01/2024,``, ``Trong tháng 5/2023,``):
    #: a time before the document's date tells that what the sentence's partners did was done
    time_openings: list[str] = Field(default_factory=list)
    #: words after ``các`` and a kind that tell a group by what it has (``Các xã có tỷ lệ dưới 80%:``,
    #: ``UBND các xã chưa hoàn thành:``): the names listed after its colon say who is in it
    property_words: list[str] = Field(default_factory=list)
    table_columns: TaskTableColumns


# --- units.json -----------------------------------------------------------------------------------


class AdminKind(_Strict):
    word: str
    level: Literal["tỉnh", "huyện", "xã"] | None
    #: the kind names a unit only before a number or the name of a commune the gazetteer knows (``Khu
    #: vực Minh An``, the area of a commune merged in 2025; not ``khu vực Bắc Trung Bộ``, ``khu vực I``)
    commune_named: bool = False


class OrgKind(_Strict):
    word: str
    kind: str
    keep_word: bool = False  # the kind word is part of the name ("Công an huyện", "Bưu điện huyện")
    #: the name may hold other kind words (``Tập đoàn Bưu chính Viễn thông Việt Nam``)
    open_name: bool = False


class UnitPatterns(_Strict):
    """Kind words, name boundaries and list cues of named units (``units.json``)."""

    description: str
    admin_kinds: list[AdminKind]
    org_kinds: list[OrgKind]
    not_names: list[str]
    name_stops: list[str]
    #: two-syllable words with a syllable that is also a name stop (``Chương trình``, ``giao thông``):
    #: the word goes on with a name
    compounds: list[str] = Field(default_factory=list)
    #: verbs (name stops) that also name an office's field (``Đội Thanh tra xây dựng quận``): in a
    #: name's lower-case words up to a bare level word, they are words of the name
    field_verbs: list[str] = Field(default_factory=list)
    locality_suffixes: list[str]
    #: ordinary words that open with a locality word: no locality there (``Bảo trợ xã hội``)
    not_localities: list[str] = Field(default_factory=list)
    joiners: list[str]
    #: abbreviations that name a body of their own: a joiner before one ends the name before it
    #: (``Trung tâm Văn hóa - Thể thao và UBND xã``: two units); matched as written
    joined_bodies: list[str] = Field(default_factory=list)
    #: what a dash introduces after a unit's name as its role, not as more of the name
    #: (``Sở Tài chính - Cơ quan thường trực``); matched case-insensitively
    appositions: list[str] = Field(default_factory=list)
    #: committees whose name goes on with their purpose in lower case up to a locality (``Ban Chỉ
    #: đạo phổ cập giáo dục, xóa mù chữ xã``); matched case-insensitively
    purpose_heads: list[str] = Field(default_factory=list)
    #: capitalised titles a committee's purpose may name, with their number (``Ban Chỉ đạo triển khai Đề án 06
    #: tỉnh``, ``Ban Chỉ đạo các Chương trình mục tiêu quốc gia huyện``); matched case-insensitively
    purpose_titles: list[str] = Field(default_factory=list)
    #: titles of laws, named after what they govern: a department's name right after one is the
    #: law's subject, not the body (``Luật Bảo hiểm xã hội``, ``Pháp lệnh Thuế``); matched as written
    law_titles: list[str] = Field(default_factory=list)
    #: what declares, in parentheses after a unit's name, another name of it (``(sau đây gọi là Bộ phận Một cửa)``)
    alias_leads: list[str] = Field(default_factory=list)
    #: capitalised openings that are never a whole name (``Quản lý``, ``Quan trắc``): the name goes on
    #: through its field in lower case (``Chi cục Quản lý thị trường``, ``Trung tâm Quan trắc tài nguyên
    #: và môi trường``) up to a verb, a function word or punctuation; matched case-insensitively
    open_fields: list[str] = Field(default_factory=list)
    #: lower-case words a field may hold, though they stop other names (``các``: ``Ban Quản lý các khu
    #: công nghiệp``; ``đầu tư xây dựng``: ``Ban Quản lý dự án đầu tư xây dựng``)
    field_inner: list[str] = Field(default_factory=list)
    #: kind words of an agency's own offices, whose names are written in sentence case (``Phòng Kế hoạch
    #: tổng hợp``, ``Khoa Hồi sức tích cực``, ``Bộ phận Kiểm soát chi``): the name goes on through a few
    #: lower-case words without a verb up to a stop, a mark or the line's end
    sentence_case_kinds: list[str] = Field(default_factory=list)
    name_max_lower_run: int = Field(ge=0)
    #: lower-case words that may stand between a kind word and the name (``Trường Mầm non tư thục Hoa
    #: Sen``, ``Trường Tiểu học dân lập Ngôi Sao``); matched as written
    name_descriptors: list[str] = Field(default_factory=list)
    #: lower-case words that put an office in an area named after them, by a name or a number
    #: (``Bảo hiểm xã hội cơ sở An Nhơn``, ``Kho bạc Nhà nước khu vực XIX``, ``Thuế cơ sở 3``): the
    #: area belongs to the name; matched case-insensitively
    area_words: list[str] = Field(default_factory=list)
    plural_cues: list[str]
    list_leads: list[str]
    group_words: list[str]
    #: common family names: a name after a kind word that no place has and that opens with one of
    #: these and two more words is a person's (``UBND tỉnh Võ Thành Lộc``)
    surnames: list[str] = Field(default_factory=list)


# --- metrics.json ---------------------------------------------------------------------------------


class Comparator(_Strict):
    before: list[str]
    after: list[str] = Field(default_factory=list)
    op: Literal[">", ">=", "<", "<="]


class TablePatterns(_Strict):
    """How a table of figures per unit is told in a text export (``tables`` in ``metrics.json``)."""

    #: the first header cell: the row number column
    number_headers: list[str] = Field(min_length=1)
    #: a header cell that names the units of the rows (matched at the cell's start, case-insensitively)
    unit_headers: list[str] = Field(min_length=1)
    #: a header cell of percentages (matched anywhere in the cell)
    percent_headers: list[str] = Field(min_length=1)
    #: the first cell of a row of totals, which belongs to no unit of the rows
    total_rows: list[str] = Field(min_length=1)


class MetricPatterns(_Strict):
    """Words around figures: comparators, target cues, labels, and what is not a figure (``metrics.json``)."""

    description: str
    comparators: list[Comparator]
    #: the words that set a target outright (``phấn đấu``, ``tối thiểu``): a figure after one of them
    #: in its clause is a target; a period or an assignment with one of them looks ahead, not back
    target_words: list[str]
    target_cues: list[str]
    #: words of a result: a parenthesis with one of them is a clause of its own (``(đạt 44,1%)``)
    result_cues: list[str]
    #: words of progress so far: a figure after one of them does not continue a list of targets
    progress_cues: list[str]
    #: a unit's name before one of these does not own the figure after it (``toàn huyện đạt 75%``)
    area_cues: list[str]
    #: an area cue right after one of these ranks the unit before it (``dẫn đầu toàn huyện với 14/18``,
    #: ``cao nhất trong toàn tỉnh``): the figure is still the unit's
    superlative_cues: list[str]
    #: a figure near one of these is the country's, not the province a notice is about
    national_cues: list[str]
    #: a word between a list of units and the figures after it that pairs them in order
    #: (``xã A, xã B lần lượt đạt 80% và 75%``): the first figure is A's, the second B's
    respective_cues: list[str]
    aggregate_cues: list[str]
    label_patterns: list[Regex]
    rank_cues: list[str]
    date_cues: list[str]
    not_ratios: list[str]
    clause_window: int = Field(gt=0)
    tables: TablePatterns



# --- archive_fields.json ---------------------------------------------------------------------------


class ArchiveField(_Strict):
    id: str
    label: str
    source: str
    extra: bool = False


class ArchiveFields(_Strict):
    description: str
    fields: list[ArchiveField]


# --- legacy_encodings.json ------------------------------------------------------------------------


class LegacyEncoding(_Strict):
    """One pre-Unicode Vietnamese font encoding: its look-alike characters and the fonts that use it."""

    label: str
    font_pattern: Regex
    heading_font_pattern: Regex | None = None
    map: dict[str, str] = Field(min_length=1)


    @field_validator("map")
    @classmethod
    def _one_to_one(cls, value: dict[str, str]) -> dict[str, str]:
        import unicodedata

        for old, new in value.items():
            if not 1 <= len(old) <= 2 or len(new) != 1 or unicodedata.normalize("NFC", new) != new:
                raise ValueError(f"legacy mapping {old!r} -> {new!r}: one or two characters to one NFC letter")
        seen: dict[str, str] = {}
        for old, new in value.items():
            if new in seen:
                raise ValueError(f"{new!r} is written both as {seen[new]!r} and as {old!r}")
            seen[new] = old
        return value


class LegacyEncodings(_Strict):
    """TCVN3 and VNI tables (``legacy_encodings.json``); ``min_words``/``min_gain`` tune detection."""

    description: str
    encodings: dict[Literal["tcvn3", "vni"], LegacyEncoding]
    min_words: int = Field(gt=0)
    min_gain: float = Field(ge=1.0)


MODELS: dict[str, type[BaseModel]] = {
    "legacy_encodings.json": LegacyEncodings,
    "doc_types.json": DocTypes,
    "departments.json": Departments,
    "header.json": HeaderPatterns,
    "normalization.json": NormalizationPatterns,
    "references.json": ReferencePatterns,
    "nd30_rules.json": FormRules,
    "archive_fields.json": ArchiveFields,
    "deadlines.json": DeadlinePatterns,
    "tasks.json": TaskPatterns,
    "units.json": UnitPatterns,
    "metrics.json": MetricPatterns,
}


def _read(name: str) -> str:
    override = os.environ.get("VBMINER_PATTERNS")
    try:
        if override:
            return (Path(override) / name).read_text(encoding="utf-8")
        return resources.files("vbminer.patterns").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PatternError(f"pattern file {name} not found") from exc


@cache
def load(name: str) -> BaseModel:
    """Load, validate and cache the pattern file ``name`` (e.g. ``"doc_types.json"``)."""
    if name not in MODELS:
        raise PatternError(f"unknown pattern file {name!r}; known: {', '.join(sorted(MODELS))}")
    try:
        data = json.loads(_read(name))
        return MODELS[name].model_validate(data)
    except json.JSONDecodeError as exc:
        raise PatternError(f"{name}: not valid JSON ({exc})") from exc
    except ValidationError as exc:
        raise PatternError(f"{name}: {exc}") from exc


def doc_types() -> DocTypes:
    return load("doc_types.json")  # type: ignore[return-value]


def departments() -> Departments:
    return load("departments.json")  # type: ignore[return-value]


def header() -> HeaderPatterns:
    return load("header.json")  # type: ignore[return-value]


def archive_fields() -> ArchiveFields:
    return load("archive_fields.json")  # type: ignore[return-value]


def form_rules() -> FormRules:
    return load("nd30_rules.json")  # type: ignore[return-value]


def normalization() -> NormalizationPatterns:
    return load("normalization.json")  # type: ignore[return-value]


def references() -> ReferencePatterns:
    return load("references.json")  # type: ignore[return-value]


def deadlines() -> DeadlinePatterns:
    return load("deadlines.json")  # type: ignore[return-value]


def tasks() -> TaskPatterns:
    return load("tasks.json")  # type: ignore[return-value]


def units() -> UnitPatterns:
    return load("units.json")  # type: ignore[return-value]


def metrics() -> MetricPatterns:
    return load("metrics.json")  # type: ignore[return-value]


def legacy_encodings() -> LegacyEncodings:
    return load("legacy_encodings.json")  # type: ignore[return-value]
