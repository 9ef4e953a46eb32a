"""A gazetteer of Vietnamese administrative units, before and after the July 2025 reorganisation.

Built at first use (once per process) from data maintained packages already ship:

* underthesea's ``address/data/mapping.json`` (from *vietnamadminunits*): every pre-2025 commune
  with its district and province, the post-2025 commune it became, and the province mapping;
* where the *vietnamadminunits* package is installed, the GSO codes of its ``dataset.db``
  (read with :mod:`sqlite3`; the package itself is not imported).

Names are looked up by their written form (tone placement unified, case folded) and, when that
fails, by their form with every diacritic stripped (``Nghỉa Lộc`` → ``Nghĩa Lộc``, ``Nam Hung`` →
``Nam Hưng``); candidates in the issuer's district and province are preferred (:class:`Scope`).
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .normalize import fix_tone_placement

# Kind prefixes of the official names, longest first.
_KIND_PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Xã", "Phường")
_LEVEL_OF = {"tỉnh": "tỉnh", "huyện": "huyện", "xã": "xã"}


@dataclass(frozen=True)
class Place:
    """One administrative unit of the gazetteer."""

    name: str  # without its kind: "Nghĩa Lộc"
    kind: str  # lower case: "xã", "thị trấn", "phường", "huyện", "quận", "thị xã", "thành phố", "tỉnh", "đặc khu"
    full: str  # official full name: "Xã Nghĩa Lộc"
    level: str  # "tỉnh" | "huyện" | "xã"
    province: str  # full name of the province it lies in (itself for a province)
    district: str | None  # full name of the district (pre-2025 communes only)
    era: str  # "old" (before 1/7/2025) | "new"
    code: str | None = None
    current_name: str | None = None
    current_code: str | None = None

    @property
    def parent(self) -> str | None:
        if self.level == "tỉnh":
            return None
        return self.district or self.province


# The apostrophes of names such as ``Ea H'Leo``: the typographic one and the modifier letter read as the plain one.
APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def fold(text: str) -> str:
    """Written form for comparison: NFC, one tone placement, case folded, spaces collapsed, one apostrophe."""
    return " ".join(fix_tone_placement(unicodedata.normalize("NFC", text)).casefold().translate(APOSTROPHES).split())


def strip_marks(text: str) -> str:
    """``fold`` with every diacritic removed (``đ`` → ``d``), for misspelt names."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_kind(full: str) -> tuple[str, str]:
    """``"Thị trấn Nam Đàn"`` → ``("thị trấn", "Nam Đàn")``."""
    full = " ".join(fix_tone_placement(unicodedata.normalize("NFC", full)).split())
    for prefix in _KIND_PREFIXES:
        if full.casefold().startswith(prefix.casefold() + " "):
            return prefix.casefold(), full[len(prefix) + 1 :]
    return "", full


def _level(kind: str, is_province: bool) -> str:
    if is_province:
        return "tỉnh"
    return "huyện" if kind in ("huyện", "quận", "thị xã", "thành phố") else "xã"


@dataclass(frozen=True)
class Scope:
    """Where a document is from: the provinces and districts (full official names) to prefer."""

    provinces: frozenset[str] = frozenset()
    districts: frozenset[str] = frozenset()
    era: str | None = None  # "old" | "new" | None (unknown)


@dataclass
class Gazetteer:
    """Places indexed by folded name, by diacritic-stripped name, and by the latter without its spaces."""

    places: list[Place] = field(default_factory=list)
    by_name: dict[str, list[Place]] = field(default_factory=dict)
    by_stripped: dict[str, list[Place]] = field(default_factory=dict)
    by_joined: dict[str, list[Place]] = field(default_factory=dict)

    def add(self, place: Place) -> None:
        self.places.append(place)
        self.by_name.setdefault(fold(place.name), []).append(place)
        stripped = strip_marks(place.name)
        self.by_stripped.setdefault(stripped, []).append(place)
        self.by_joined.setdefault(stripped.replace(" ", ""), []).append(place)

    def candidates(self, name: str, kind: str | None = None, exact: bool = True,
                   level: str | None = None) -> list[Place]:
        """Places called ``name`` (of ``kind`` where given; a kind's level also matches; of ``level`` where given)."""
        if exact:
            found = self.by_name.get(fold(name), [])
        else:  # a misspelling, or the syllables of a minority language's name written apart or together
            stripped = strip_marks(name)  # (Đakrông, Đa Krông; Đăk Glei, Đắk Glây; Ea H'leo)
            found = self.by_stripped.get(stripped, [])
            found = found + [p for p in self.by_joined.get(stripped.replace(" ", ""), []) if p not in found]
        if level:
            found = [p for p in found if p.level == level]
        if kind:
            kind = kind.casefold()
            same = [p for p in found if p.kind == kind]
            if same:
                return same
            level = _LEVEL_OF.get(kind)
            if kind == "thành phố":
                return [p for p in found if p.kind in ("thành phố", "tỉnh")]
            return [p for p in found if level and p.level == level]
        return found

    def resolve(self, name: str, kind: str | None = None, scope: Scope | None = None,
                require_scope: bool = False, level: str | None = None) -> Place | None:
        """The place ``name`` most likely denotes (of ``kind`` and of ``level`` where given), or None.

        The exact written form is tried first, then the diacritic-stripped form. Among candidates,
        those in a scoped district beat those in a scoped province, which beat the rest; the era of
        the document breaks ties. With ``require_scope`` only scoped candidates are accepted. An
        ambiguous name with no scope to decide is left unresolved. A name found only without its
        marks (a misspelling, or a place missing from the gazetteer) must lie in the document's
        scope when it has one: ``Diễn Hải`` in a dispatch of Nghệ An is not ``Điền Hải`` of Bạc Liêu.
        """
        scope = scope or Scope()
        scoped = bool(scope.provinces or scope.districts)
        for exact in (True, False):
            found = self.candidates(name, kind, exact, level)
            if not found:
                continue
            best = _best(found, scope, require_scope or (scoped and not exact))
            if best is not None:
                return best
        return None

    def find_district(self, name: str) -> list[Place]:
        return [p for p in self.candidates(name) if p.level == "huyện"]

    def find_province(self, name: str) -> list[Place]:
        return [p for p in self.candidates(name) if p.level == "tỉnh"]


def _rank(place: Place, scope: Scope) -> int:
    if place.district and place.district in scope.districts:
        return 3
    if place.level == "huyện" and place.full in scope.districts:
        return 3
    if place.province in scope.provinces:
        return 2
    return 0


def _best(found: list[Place], scope: Scope, require_scope: bool) -> Place | None:
    ranked = sorted(found, key=lambda p: -_rank(p, scope))
    top = _rank(ranked[0], scope)
    if require_scope and top == 0:
        return None
    tied = [p for p in ranked if _rank(p, scope) == top]
    if scope.era and len(tied) > 1:
        same_era = [p for p in tied if p.era == scope.era]
        tied = same_era or tied
    distinct = {(p.full, p.province, p.district) for p in tied}
    if len(distinct) == 1 or top > 0:
        return tied[0]
    return None


# --------------------------------------------------------------------------------------- loading


def _underthesea_mapping() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "address" / "data" / "mapping.json"
    return path if path.exists() else None


def _codes() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]:
    """GSO codes by key tuple, from vietnamadminunits' dataset.db when that package is installed."""
    old: dict[tuple[str, ...], str] = {}
    new: dict[tuple[str, ...], str] = {}
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return old, new
    db = Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"
    if not db.exists():
        return old, new
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for pk, dk, wk, pc, dc, wc in con.execute(
            "SELECT provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode FROM admin_units_legacy"
        ):
            old[(pk,)] = pc
            old[(pk, dk)] = dc
            if wk:
                old[(pk, dk, wk)] = wc
        for pk, wk, pc, wc in con.execute("SELECT provinceKey, wardKey, provinceCode, wardCode FROM admin_units"):
            new[(pk,)] = pc
            new[(pk, wk)] = wc
    except sqlite3.Error:
        return {}, {}
    finally:
        con.close()
    return old, new


def build(mapping: dict[str, object], old_codes: dict[tuple[str, ...], str] | None = None,
          new_codes: dict[tuple[str, ...], str] | None = None) -> Gazetteer:
    """A gazetteer from underthesea's mapping data (and optional code tables)."""
    old_codes = old_codes or {}
    new_codes = new_codes or {}
    gaz = Gazetteer()
    provinces_new: dict[str, dict[str, str]] = mapping.get("province_names", {})  # type: ignore[assignment]
    provinces_old: dict[str, dict[str, str]] = mapping.get("old_province_names", {})  # type: ignore[assignment]
    province_map: dict[str, str] = mapping.get("province_mapping", {})  # type: ignore[assignment]
    rows: list[dict[str, str]] = mapping.get("ward_mapping", [])  # type: ignore[assignment]

    for key, info in provinces_new.items():
        kind, name = split_kind(info["name"])
        gaz.add(Place(name=name, kind=kind or "tỉnh", full=info["name"], level="tỉnh", province=info["name"],
                      district=None, era="new", code=new_codes.get((key,), info.get("code")),
                      current_name=info["name"], current_code=info.get("code")))
    for key, info in provinces_old.items():
        kind, name = split_kind(info["name"])
        target = provinces_new.get(province_map.get(key, ""), {})
        gaz.add(Place(name=name, kind=kind or "tỉnh", full=info["name"], level="tỉnh", province=info["name"],
                      district=None, era="old", code=old_codes.get((key,), info.get("code")),
                      current_name=target.get("name"), current_code=target.get("code")))

    districts: set[tuple[str, str]] = set()
    old_wards: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    new_wards: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        pkey, dkey = row["old_province_key"], row["old_district_key"]
        if row.get("old_district") and (pkey, dkey) not in districts:
            districts.add((pkey, dkey))
            kind, name = split_kind(row["old_district"])
            full = " ".join(fix_tone_placement(row["old_district"]).split())
            gaz.add(Place(name=name, kind=kind or "huyện", full=full, level="huyện",
                          province=row["old_province"], district=None, era="old",
                          code=old_codes.get((pkey, dkey))))
        if row.get("old_ward"):
            old_wards.setdefault((pkey, dkey, row["old_ward_key"]), []).append(row)
        if row.get("new_ward"):
            new_wards.setdefault((row["new_province_key"], row["new_ward_key"]), row)

    for (pkey, dkey, wkey), group in old_wards.items():
        row = group[0]
        kind, name = split_kind(row["old_ward"])
        targets = {(r["new_province_key"], r["new_ward_key"]) for r in group}
        current_name = current_code = None
        if len(targets) == 1:  # a divided commune maps to several: no single current unit
            current_name = " ".join(fix_tone_placement(row["new_ward"]).split())
            current_code = new_codes.get(next(iter(targets)))
        gaz.add(Place(name=name, kind=kind or "xã", full=" ".join(fix_tone_placement(row["old_ward"]).split()),
                      level="xã", province=row["old_province"],
                      district=" ".join(fix_tone_placement(row["old_district"]).split()) or None,
                      era="old", code=old_codes.get((pkey, dkey, wkey)),
                      current_name=current_name, current_code=current_code))
    for (pkey, wkey), row in new_wards.items():
        kind, name = split_kind(row["new_ward"])
        full = " ".join(fix_tone_placement(row["new_ward"]).split())
        code = new_codes.get((pkey, wkey))
        gaz.add(Place(name=name, kind=kind or "xã", full=full, level="xã", province=row["new_province"],
                      district=None, era="new", code=code, current_name=full, current_code=code))
    return gaz


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process at first use (empty when underthesea's data is missing)."""
    path = _underthesea_mapping()
    if path is None:
        return Gazetteer()
    mapping = json.loads(path.read_text(encoding="utf-8"))
    old_codes, new_codes = _codes()
    return build(mapping, old_codes, new_codes)


def scope_for(locality: str | None, level: str | None, parents: Iterable[str] = (),
              era: str | None = None) -> Scope:
    """The scope of a document from its issuer's locality and level and other named parents
    (district or province names, with or without kind: ``"UBND HUYỆN YÊN THÀNH"``, ``"Nghệ An"``)."""
    gaz = gazetteer()
    provinces: set[str] = set()
    districts: set[str] = set()
    names = [(locality, level)] + [(p, None) for p in parents]
    for raw, lvl in names:
        if not raw:
            continue
        kind, name = _strip_org(raw)
        lvl = lvl or _LEVEL_OF.get(kind) or ("huyện" if kind in ("quận", "thị xã") else None)
        found = gaz.candidates(name)
        if lvl:
            found = [p for p in found if p.level == lvl] or found
        for p in found:
            if p.level == "tỉnh":
                provinces.add(p.full)
            elif p.level == "huyện":
                districts.add(p.full)
    # A commune issuer: its district(s) are in scope too.
    if locality and level == "xã":
        homes = [p for p in gaz.candidates(_strip_org(locality)[1]) if p.level == "xã" and p.district]
        known = [p for p in homes if p.district in districts or p.province in provinces]
        for p in known or homes:
            districts.add(p.district)  # type: ignore[arg-type]
    for full in districts:
        for p in gaz.candidates(split_kind(full)[1]):
            if p.level == "huyện" and p.full == full:
                provinces.add(p.province)
    return Scope(provinces=frozenset(provinces), districts=frozenset(districts), era=era)


_ORG_WORDS = ("ủy ban nhân dân", "ubnd", "hđnd", "hội đồng nhân dân")


def _strip_org(raw: str) -> tuple[str, str]:
    text = " ".join(fix_tone_placement(unicodedata.normalize("NFC", raw)).split())
    low = text.casefold()
    for word in _ORG_WORDS:
        if low.startswith(word + " "):
            text = text[len(word) + 1 :]
            low = text.casefold()
    kind, name = split_kind(text)
    if not kind and low.startswith("thành phố "):
        kind, name = "thành phố", text[10:]
    return kind, name.title() if name.isupper() else name
