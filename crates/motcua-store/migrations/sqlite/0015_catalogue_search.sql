-- The catalogue search for citizens (issue 11): the databases' own
-- full-text index over the catalogue words of each procedure (folded, the
-- i/y variants written one way: motcua_rules::catalogue_search::words), and
-- the administrator's synonyms. Keep in step with ../postgres/0015_catalogue_search.sql.

-- One row per procedure, rowid = procedures.id, written by the store in
-- the transaction that saves the procedure; existing procedures are indexed
-- right after this file (the words need Rust). Three columns so that the
-- ranking (bm25) weighs a word of the name above one of the field's name.
CREATE VIRTUAL TABLE procedure_words USING fts5(code, name, field, tokenize = 'unicode61');

-- The administrator's synonym list (từ đồng nghĩa): one row per group of
-- phrases that mean the same to a citizen, comma-separated as typed
-- (motcua_rules::catalogue_search::parse_synonyms). Edited as a whole on
-- /admin/synonyms. The groups below are everyday names of procedures and
-- common abbreviations, a starting point each province adjusts; they are
-- not legal terms.
CREATE TABLE search_synonyms (
    position   INTEGER PRIMARY KEY,
    phrases    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);
INSERT INTO search_synonyms (position, phrases, updated_at) VALUES
    (1, 'sổ đỏ, sổ hồng, bìa đỏ, giấy chứng nhận quyền sử dụng đất, quyền sử dụng đất, đất đai', '2026-12-06 00:00:00'),
    (2, 'làm giấy khai sinh, giấy khai sinh, khai sinh', '2026-12-06 00:00:00'),
    (3, 'giấy chứng tử, báo tử, khai tử', '2026-12-06 00:00:00'),
    (4, 'giấy đăng ký kết hôn, giấy kết hôn, đăng ký kết hôn', '2026-12-06 00:00:00'),
    (5, 'giấy xác nhận độc thân, xác nhận độc thân, tình trạng hôn nhân', '2026-12-06 00:00:00'),
    (6, 'nhập hộ khẩu, hộ khẩu, thường trú', '2026-12-06 00:00:00'),
    (7, 'cắt hộ khẩu, xóa hộ khẩu, xóa đăng ký thường trú', '2026-12-06 00:00:00'),
    (8, 'công chứng, sao y, photo công chứng, chứng thực bản sao', '2026-12-06 00:00:00'),
    (9, 'xây nhà, phép xây nhà, giấy phép xây dựng mới, nhà ở riêng lẻ', '2026-12-06 00:00:00'),
    (10, 'mở công ty, lập công ty, thành lập công ty, thành lập doanh nghiệp', '2026-12-06 00:00:00'),
    (11, 'giấy phép kinh doanh, đăng ký kinh doanh, mở cửa hàng, hộ kinh doanh', '2026-12-06 00:00:00'),
    (12, 'căn cước, căn cước công dân, CCCD, chứng minh nhân dân, CMND', '2026-12-06 00:00:00'),
    (13, 'tiền mai táng, mai táng phí, chi phí mai táng', '2026-12-06 00:00:00'),
    (14, 'bằng tốt nghiệp, văn bằng', '2026-12-06 00:00:00'),
    (15, 'work permit, giấy phép lao động', '2026-12-06 00:00:00'),
    (16, 'trợ cấp, trợ cấp xã hội, bảo trợ xã hội', '2026-12-06 00:00:00'),
    (17, 'trích lục, bản sao trích lục', '2026-12-06 00:00:00'),
    (18, 'sang tên, chuyển nhượng', '2026-12-06 00:00:00'),
    (19, 'sửa nhà, sửa chữa, cải tạo', '2026-12-06 00:00:00'),
    (20, 'THCS, trung học cơ sở, cấp 2', '2026-12-06 00:00:00'),
    (21, 'THPT, trung học phổ thông, cấp 3', '2026-12-06 00:00:00');
