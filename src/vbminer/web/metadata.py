"""Datasette metadata for a vbminer store: Vietnamese titles and column descriptions, facets, canned queries.

:func:`build_metadata` returns the ``databases.<name>`` part of Datasette's metadata for one store;
the plugin (:mod:`vbminer.web`) serves it through the ``get_metadata`` hook for every database that
is a vbminer store. The canned queries use SQL functions the plugin registers on each connection
(``vbminer_fold``, ``vbminer_fold_key``, ``vbminer_fts``, ``vbminer_due``, ``vbminer_cite``), so
they fold diacritics and read document numbers exactly as the command line does.
"""

from __future__ import annotations

from typing import Any

#: ``table: (title, description, {column: description})``
TABLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "documents": (
        "Văn bản",
        "Mỗi văn bản một dòng (định danh: mã sha256 của tệp), với các trường thể thức đọc được và toàn văn.",
        {
            "id": "Mã văn bản trong kho",
            "sha256": "Mã băm sha256 của tệp gốc",
            "format": "Định dạng tệp (txt, md, pdf ...)",
            "issuer_name": "Cơ quan ban hành",
            "issuer_parent": "Cơ quan chủ quản",
            "issuer_level": "Cấp địa bàn của cơ quan ban hành (tỉnh, huyện, xã ...)",
            "issuer_locality": "Tên địa bàn của cơ quan ban hành",
            "area": "Địa bàn ban hành (huyện, tỉnh hoặc xã)",
            "number": "Số văn bản",
            "year": "Năm trong số văn bản (nếu có)",
            "symbol": "Ký hiệu văn bản",
            "doc_type": "Loại văn bản (Công văn, Kế hoạch, Báo cáo ...)",
            "place": "Địa danh",
            "date": "Ngày ban hành",
            "subject": "Trích yếu nội dung",
            "recipients": "Kính gửi",
            "urgency": "Mức độ khẩn",
            "confidentiality": "Mức độ mật",
            "signer_name": "Người ký",
            "signer_title": "Chức vụ người ký",
            "signer_authority": "Thẩm quyền ký (TM., KT., TL., TUQ., Q.)",
            "signer_on_behalf_of": "Ký thay mặt / thay cho",
            "cc": "Nơi nhận",
            "is_draft": "Là dự thảo (1) hay không (0)",
            "year_key": "Năm của văn bản: năm trong số, nếu không có thì năm của ngày ban hành",
            "warnings": "Những gì vbminer không đọc được",
            "text": "Toàn văn đã chuẩn hoá",
            "dispatch": "Kết quả trích xuất đầy đủ (JSON theo dispatch.schema.json)",
            "vbminer_version": "Phiên bản vbminer đã trích xuất",
            "ingested_at": "Thời điểm nạp vào kho",
        },
    ),
    "document_paths": ("Đường dẫn tệp", "Các đường dẫn nơi tìm thấy mỗi văn bản.",
                       {"path": "Đường dẫn tệp", "document_id": "Văn bản", "ingested_at": "Thời điểm nạp"}),
    "references": (
        "Văn bản được dẫn chiếu",
        "Mỗi lần một văn bản dẫn chiếu văn bản khác (căn cứ, thực hiện ...), liên kết tới văn bản đó nếu có trong kho.",
        {"document_id": "Văn bản dẫn chiếu", "doc_type": "Loại văn bản được dẫn", "number": "Số",
         "year": "Năm trong số", "symbol": "Ký hiệu", "date": "Ngày ban hành", "issuer": "Cơ quan ban hành",
         "subject": "Trích yếu", "key": "Số/ký hiệu đã chuẩn hoá",
         "cited_document_id": "Văn bản được dẫn (nếu có trong kho)", "mentions": "Vị trí trong văn bản"},
    ),
    "units": (
        "Đơn vị hành chính và cơ quan",
        "Mỗi đơn vị một dòng trong toàn kho (theo mã đơn vị hành chính khi tra được).",
        {"name": "Tên", "kind": "Loại (xã, huyện, sở ...)", "canonical": "Tên chính thức",
         "code": "Mã đơn vị hành chính (GSO)", "level": "Cấp", "parent": "Thuộc",
         "current_name": "Tên hiện nay (sau sắp xếp 2025)", "current_code": "Mã hiện nay"},
    ),
    "unit_mentions": (
        "Đơn vị được nhắc trong văn bản",
        "Đơn vị × văn bản: tên đã viết và số lần nhắc.",
        {"document_id": "Văn bản", "unit_id": "Đơn vị", "name": "Tên như viết trong văn bản",
         "kind": "Loại đơn vị", "count": "Số lần nhắc", "mentions": "Vị trí trong văn bản"},
    ),
    "metrics": (
        "Số liệu",
        "Các tỷ lệ, số liệu nêu trong văn bản, gắn với đơn vị khi đọc được.",
        {"document_id": "Văn bản", "unit_id": "Đơn vị", "unit": "Đơn vị như viết", "label": "Chỉ số",
         "value": "Giá trị (%)", "kind": "Dạng số liệu", "numerator": "Tử số", "denominator": "Mẫu số",
         "comparator": "So sánh (≥, ≤ ...)", "period": "Kỳ", "is_target": "Là chỉ tiêu (1) hay kết quả (0)",
         "start": "Vị trí đầu", "end": "Vị trí cuối"},
    ),
    "deadlines": (
        "Thời hạn",
        "Các thời hạn nêu trong văn bản và người phải thực hiện.",
        {"document_id": "Văn bản", "date": "Thời hạn (ngày, tháng hoặc năm)", "text": "Nguyên văn",
         "task": "Việc phải làm", "assignees": "Người/đơn vị thực hiện", "start": "Vị trí đầu", "end": "Vị trí cuối"},
    ),
    "tasks": (
        "Nhiệm vụ được giao",
        "Ai được giao việc gì, chủ trì hay phối hợp, hạn và báo cáo về đâu.",
        {"document_id": "Văn bản", "assignee": "Người/đơn vị được giao", "role": "Vai trò (chủ trì, phối hợp ...)",
         "action": "Việc phải làm", "deadline": "Thời hạn", "report_to": "Báo cáo về",
         "start": "Vị trí đầu", "end": "Vị trí cuối"},
    ),
    "errors": ("Lỗi khi nạp", "Tệp không đọc hoặc không trích xuất được (lần lỗi gần nhất của mỗi đường dẫn).",
               {"path": "Đường dẫn tệp", "stage": "Bước lỗi (read, extract)", "message": "Lý do", "time": "Thời điểm"}),
}

FACETS: dict[str, list[Any]] = {
    "documents": ["issuer_name", "area", "doc_type", "year_key"],
    "units": ["kind", "level", "parent"],
    "unit_mentions": ["kind"],
    "metrics": ["kind", "is_target", "period"],
    "deadlines": [{"array": "assignees"}],
    "tasks": ["role", "assignee"],
    "references": ["doc_type", "issuer"],
    "errors": ["stage"],
}

LABEL_COLUMNS = {"documents": "subject", "units": "name"}

_NUMBER = "trim(coalesce(d.number, '') || coalesce('/' || d.year, '') || coalesce('/' || d.symbol, ''), '/')"
_BRIEF = (f"d.id as van_ban, d.date as ngay, d.doc_type as loai, {_NUMBER} as so_ky_hieu, "
          "coalesce(d.issuer_name, d.area) as co_quan, d.subject as trich_yeu")

SEARCH_SQL = f"""select {_BRIEF}
from documents_fts f join documents d on d.id = f.rowid
where documents_fts match vbminer_fts(:tu_khoa)
order by bm25(documents_fts, 4.0, 1.0), d.id
limit 100"""

UNIT_HISTORY_SQL = f"""select u.id as don_vi_id, coalesce(u.canonical, u.name) as don_vi, u.kind as loai_don_vi,
  {_BRIEF}, sum(m.count) as so_lan_nhac,
  (select group_concat(coalesce(x.label || ': ', '') || coalesce(x.comparator, '') || printf('%g', x.value) || '%'
          || case when x.is_target then ' (chỉ tiêu)' else '' end, '; ')
     from metrics x where x.document_id = d.id and x.unit_id = u.id) as so_lieu
from units u join unit_mentions m on m.unit_id = u.id join documents d on d.id = m.document_id
where vbminer_fold_key(:don_vi) <> '' and (
  vbminer_fold_key(:don_vi) in (u.name_folded, u.full_folded, u.canonical_folded, u.current_folded,
                                m.name_folded, m.full_folded)
  or trim(:don_vi) in (u.code, u.current_code)
  or u.full_folded like '%' || vbminer_fold_key(:don_vi) || '%'
  or u.current_folded like '%' || vbminer_fold_key(:don_vi) || '%')
group by u.id, d.id
order by u.id, d.date is null, d.date, d.id"""

CHAIN_SQL = f"""with recursive chain(document_id, depth, via) as (
  select r.document_id, 1, r.key from "references" r
  where r.number_key = vbminer_cite(:so_ky_hieu, 'number')
    and (vbminer_cite(:so_ky_hieu, 'symbol') is null or r.symbol_key = vbminer_cite(:so_ky_hieu, 'symbol'))
    and (vbminer_cite(:so_ky_hieu, 'year') is null or r.year_key in ('', vbminer_cite(:so_ky_hieu, 'year')))
    and (vbminer_cite(:so_ky_hieu, 'type') is null
         or vbminer_fold_key(r.doc_type) = vbminer_cite(:so_ky_hieu, 'type'))
  union
  select r.document_id, c.depth + 1, r.key
  from chain c join "references" r on r.cited_document_id = c.document_id
  where c.depth < 6 and r.document_id <> c.document_id
)
select coalesce(d.area, '(không rõ)') as dia_ban, min(c.depth) as cap, {_BRIEF},
       group_concat(distinct c.via) as dan_chieu
from chain c join documents d on d.id = c.document_id
where not (d.number_key = vbminer_cite(:so_ky_hieu, 'number')
           and d.symbol_key = coalesce(vbminer_cite(:so_ky_hieu, 'symbol'), ''))
group by d.id
order by dia_ban, ngay is null, ngay, d.id"""

_DEADLINE_ROWS = """with named as (
  select dl.document_id, dl.id as deadline_id, dl.date as han, dl.text as nguyen_van, dl.task as viec,
         a.value as nguoi
  from deadlines dl left join json_each(dl.assignees) a
  union all
  select t.document_id, null, t.deadline, null, t.action, t.assignee from tasks t
  where t.deadline is not null and not exists (
    select 1 from deadlines dl, json_each(dl.assignees) a
    where dl.document_id = t.document_id and dl.date = t.deadline
      and vbminer_fold_key(a.value) = vbminer_fold_key(t.assignee))
),
asof(ngay) as (select coalesce(nullif(trim(:ngay_tinh), ''), date('now', 'localtime'))),
rows as (
  select named.*, vbminer_due(han) as han_cuoi,
         cast(julianday(vbminer_due(han)) - julianday(asof.ngay) as integer) as so_ngay_con
  from named, asof where vbminer_due(han) is not null
    and (trim(:nguoi_thuc_hien) = ''
         or vbminer_fold_key(nguoi) like '%' || vbminer_fold_key(:nguoi_thuc_hien) || '%')
)
select coalesce(r.nguoi, '(chưa rõ)') as nguoi_thuc_hien, r.han_cuoi, r.so_ngay_con, r.viec, r.nguyen_van,
       r.deadline_id as thoi_han, """ + _BRIEF + """
from rows r join documents d on d.id = r.document_id
where {condition}
order by nguoi_thuc_hien, r.han_cuoi, d.id"""

DUE_SQL = _DEADLINE_ROWS.format(
    condition="r.so_ngay_con between 0 and coalesce(cast(nullif(trim(:so_ngay), '') as integer), 30)")
OVERDUE_SQL = _DEADLINE_ROWS.format(condition="r.so_ngay_con < 0")

QUERIES: dict[str, dict[str, Any]] = {
    "tim_van_ban": {
        "title": "Tìm văn bản (có dấu hoặc không dấu)",
        "description": "Tìm trong trích yếu và toàn văn; 'ky so' tìm thấy 'ký số', 'dong' thấy 'Đông'. "
                       "Dùng được cú pháp FTS5: \"ký số\", OR, NOT, ký*.",
        "sql": SEARCH_SQL,
    },
    "lich_su_don_vi": {
        "title": "Lịch sử một đơn vị",
        "description": "Các văn bản nhắc tới một đơn vị (tên có dấu hoặc không dấu, tên cũ, tên mới, mã), "
                       "theo thời gian, với số liệu nêu cho đơn vị trong từng văn bản.",
        "sql": UNIT_HISTORY_SQL,
    },
    "chuoi_chi_dao": {
        "title": "Chuỗi triển khai một văn bản chỉ đạo",
        "description": "Các văn bản dẫn chiếu văn bản có số/ký hiệu đã cho (08/CT-UBND, Chỉ thị 08), theo địa bàn, "
                       "và các văn bản tiếp nối chúng (cấp 2, 3 ...).",
        "sql": CHAIN_SQL,
    },
    "han_sap_toi": {
        "title": "Thời hạn trong N ngày tới, theo người thực hiện",
        "description": "Thời hạn đến hạn trong số ngày đã cho (mặc định 30) tính từ ngày tính (mặc định hôm nay; "
                       "viết 2021-06-01). Thời hạn trong tháng tính đến ngày cuối tháng.",
        "sql": DUE_SQL,
    },
    "qua_han": {
        "title": "Thời hạn đã quá, theo người thực hiện",
        "description": "Thời hạn đã qua tính đến ngày tính (mặc định hôm nay; viết 2021-06-01).",
        "sql": OVERDUE_SQL,
    },
}


def build_metadata() -> dict[str, Any]:
    """The metadata of one vbminer store (what goes under ``databases.<name>``)."""
    tables: dict[str, Any] = {}
    for table, (title, description, columns) in TABLES.items():
        entry: dict[str, Any] = {"title": title, "description": description, "columns": dict(columns)}
        if table in FACETS:
            entry["facets"] = list(FACETS[table])
        if table in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[table]
        tables[table] = entry
    tables["documents"]["sort_desc"] = "date"
    tables["documents"]["fts_table"] = "documents_fts"
    tables["documents"]["fts_pk"] = "id"
    tables["_sqlite_migrations"] = {"hidden": True}
    return {
        "title": "Kho công văn (vbminer)",
        "description": "Văn bản hành chính đã được vbminer đọc: cơ quan ban hành, đơn vị, số liệu, thời hạn, "
                       "nhiệm vụ và văn bản dẫn chiếu. Chỉ đọc; không trang nào ghi vào kho.",
        "tables": tables,
        "queries": {name: dict(q) for name, q in QUERIES.items()},
    }
