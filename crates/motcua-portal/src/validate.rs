//! A record and a progress entry against the catalogue's rules, before
//! anything is sent: every problem is returned, each with the portal's
//! field name (`ThanhPhanHoSo[0].SoLuong`, `TienTrinh.NguoiXuLy`), so an
//! administrator sees all of them at once.
//!
//! The rules are those the public integrations show (required fields, the
//! code lists of [`crate::catalogue`], the time format, the 1,000-character
//! summary); the portal may check more, and its own refusal is shown the
//! same way (docs/portal-sync.md, "Validation").

use crate::catalogue::{
    self, APPLICANT_KINDS, CHANNELS, COPY_KINDS, FEE_KINDS, FEE_MOMENTS, STATUS_CODES, parse_portal_time,
};
use crate::mapping::{CONTENT_MAX, SUMMARY_MAX};
use crate::record::{HoSo, TienTrinh, event_key};

/// One problem: the portal's field and a stable code (`portal_required`,
/// `portal_bad_format`, `portal_bad_value`, `portal_too_long`,
/// `portal_date_order`), with its message in the server's catalog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub field: String,
    pub code: &'static str,
}

struct Check(Vec<Problem>);

impl Check {
    fn add(&mut self, field: impl Into<String>, code: &'static str) {
        self.0.push(Problem { field: field.into(), code });
    }

    /// Present and not blank; false (and a problem) otherwise.
    fn required(&mut self, field: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.add(field, "portal_required");
            return false;
        }
        true
    }

    fn one_of(&mut self, field: &str, value: &str, allowed: &[&str]) {
        if self.required(field, value) && !allowed.contains(&value) {
            self.add(field, "portal_bad_value");
        }
    }

    fn time(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value
            && parse_portal_time(v).is_none()
        {
            self.add(field, "portal_bad_format");
        }
    }

    fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(field, "portal_too_long");
        }
    }

    fn status(&mut self, field: &str, value: &str) -> Option<u8> {
        if !self.required(field, value) {
            return None;
        }
        match value.parse::<u8>().ok().filter(|c| STATUS_CODES.contains(c)) {
            Some(c) => Some(c),
            None => {
                self.add(field, "portal_bad_value");
                None
            }
        }
    }
}

/// Every problem of a dossier record; empty when it may be sent.
pub fn validate_record(r: &HoSo) -> Vec<Problem> {
    let mut c = Check(Vec::new());
    if c.required("MaHoSo", &r.ma_ho_so) && !catalogue::is_dossier_code(&r.ma_ho_so) {
        c.add("MaHoSo", "portal_bad_format");
    }
    if c.required("MaTTHC", &r.ma_tthc) && !catalogue::is_procedure_code(&r.ma_tthc) {
        c.add("MaTTHC", "portal_bad_format");
    }
    c.required("TenTTHC", &r.ten_tthc);
    c.required("MaLinhVuc", &r.ma_linh_vuc);
    c.one_of("KenhThucHien", &r.kenh_thuc_hien, &CHANNELS);
    c.required("ChuHoSo", &r.chu_ho_so);
    c.one_of("LoaiDoiTuong", &r.loai_doi_tuong, &APPLICANT_KINDS);
    if let Some(email) = r.email.as_deref()
        && !email.contains('@')
    {
        c.add("Email", "portal_bad_format");
    }
    if let Some(phone) = r.so_dien_thoai.as_deref()
        && !(phone.len() >= 9 && phone.len() <= 15 && phone.bytes().all(|b| b.is_ascii_digit() || b == b'+'))
    {
        c.add("SoDienThoai", "portal_bad_format");
    }
    if c.required("TrichYeuHoSo", &r.trich_yeu_ho_so) {
        c.max_len("TrichYeuHoSo", &r.trich_yeu_ho_so, SUMMARY_MAX);
    }
    if c.required("NgayNopHoSo", &r.ngay_nop_ho_so) {
        c.time("NgayNopHoSo", Some(&r.ngay_nop_ho_so));
    }
    let status = c.status("TrangThaiHoSo", &r.trang_thai_ho_so);
    match r.ngay_tiep_nhan.as_deref() {
        None if status.is_some_and(|s| !catalogue::before_reception(s)) => c.add("NgayTiepNhan", "portal_required"),
        None => {}
        Some(received) => {
            c.time("NgayTiepNhan", Some(received));
            // Both are yyyyMMddHHmmss: their text order is their time order.
            if parse_portal_time(received).is_some()
                && parse_portal_time(&r.ngay_nop_ho_so).is_some()
                && received < r.ngay_nop_ho_so.as_str()
            {
                c.add("NgayTiepNhan", "portal_date_order");
            }
        }
    }
    c.time("NgayHenTra", r.ngay_hen_tra.as_deref());
    c.time("NgayKetThucXuLy", r.ngay_ket_thuc_xu_ly.as_deref());
    c.time("NgayTra", r.ngay_tra.as_deref());
    c.time("NgayTuChoi", r.ngay_tu_choi.as_deref());
    if matches!(status, Some(9 | 10)) && r.ngay_ket_thuc_xu_ly.is_none() {
        c.add("NgayKetThucXuLy", "portal_required");
    }
    if status == Some(10) && r.ngay_tra.is_none() {
        c.add("NgayTra", "portal_required");
    }
    c.one_of("HinhThuc", &r.hinh_thuc, &["0", "1"]);
    c.required("DonViXuLy", &r.don_vi_xu_ly);
    for (i, p) in r.thanh_phan_ho_so.iter().enumerate() {
        c.required(&format!("ThanhPhanHoSo[{i}].TenThanhPhanHoSo"), &p.ten);
        if p.so_luong == 0 {
            c.add(format!("ThanhPhanHoSo[{i}].SoLuong"), "portal_bad_value");
        }
        c.one_of(&format!("ThanhPhanHoSo[{i}].LoaiBan"), &p.loai_ban, &COPY_KINDS);
    }
    for (i, f) in r.danh_sach_le_phi.iter().enumerate() {
        c.required(&format!("DanhSachLePhi[{i}].TenPhiLePhi"), &f.ten);
        if f.gia.is_empty() || !f.gia.bytes().all(|b| b.is_ascii_digit()) {
            c.add(format!("DanhSachLePhi[{i}].Gia"), "portal_bad_format");
        }
        c.one_of(&format!("DanhSachLePhi[{i}].HinhThucThu"), &f.hinh_thuc_thu, &FEE_MOMENTS);
        c.one_of(&format!("DanhSachLePhi[{i}].LoaiPhiLePhi"), &f.loai, &FEE_KINDS);
    }
    for (i, g) in r.danh_sach_giay_to_ket_qua.iter().enumerate() {
        c.required(&format!("DanhSachGiayToKetQua[{i}].TenGiayTo"), &g.ten);
    }
    c.0
}

/// Every problem of a progress entry; empty when it may be sent.
pub fn validate_progress(p: &TienTrinh) -> Vec<Problem> {
    let mut c = Check(Vec::new());
    if c.required("TienTrinh.MaHoSo", &p.ma_ho_so) && !catalogue::is_dossier_code(&p.ma_ho_so) {
        c.add("TienTrinh.MaHoSo", "portal_bad_format");
    }
    let key_ok = p.seq().is_some_and(|n| n > 0 && event_key(&p.ma_ho_so, n) == p.id);
    if c.required("TienTrinh.IdTienTrinh", &p.id) && !key_ok {
        c.add("TienTrinh.IdTienTrinh", "portal_bad_format");
    }
    c.required("TienTrinh.NguoiXuLy", &p.nguoi_xu_ly);
    if c.required("TienTrinh.ThoiDiemXuLy", &p.thoi_diem_xu_ly) {
        c.time("TienTrinh.ThoiDiemXuLy", Some(&p.thoi_diem_xu_ly));
    }
    if c.required("TienTrinh.NoiDungXuLy", &p.noi_dung_xu_ly) {
        c.max_len("TienTrinh.NoiDungXuLy", &p.noi_dung_xu_ly, CONTENT_MAX);
    }
    c.status("TienTrinh.TrangThai", &p.trang_thai);
    c.time("TienTrinh.NgayBatDau", p.ngay_bat_dau.as_deref());
    c.time("TienTrinh.NgayKetThucTheoQuyDinh", p.ngay_ket_thuc_theo_quy_dinh.as_deref());
    c.0
}

/// Both messages of an event: the record's problems, then the entry's.
pub fn validate_message(m: &crate::Message) -> Vec<Problem> {
    let mut out = validate_record(&m.record);
    out.extend(validate_progress(&m.progress));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::map_event;
    use crate::mapping::tests::{dossier, event};
    use crate::record::{LePhi, ThanhPhanHoSo};

    fn codes(problems: &[Problem]) -> Vec<(&str, &str)> {
        problems.iter().map(|p| (p.field.as_str(), p.code)).collect()
    }

    #[test]
    fn a_mapped_event_is_valid() {
        for (seq, status) in [(1, 1), (2, 2), (3, 4), (4, 5), (5, 6), (6, 8), (7, 9), (8, 10)] {
            let m = map_event(&dossier(), &event(seq, status, "2026-03-11 08:00")).unwrap();
            assert_eq!(validate_message(&m), vec![], "status {status}");
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut m = map_event(&dossier(), &event(3, 4, "2026-03-05 10:00")).unwrap();
        m.record.ma_tthc = "1004194".into();
        m.record.chu_ho_so = "  ".into();
        m.record.kenh_thuc_hien = "9".into();
        m.record.ngay_tiep_nhan = Some("2026-03-04".into());
        m.record.trich_yeu_ho_so = "x".repeat(1001);
        m.record.thanh_phan_ho_so.push(ThanhPhanHoSo { ten: String::new(), so_luong: 0, loai_ban: "5".into() });
        m.record.danh_sach_le_phi.push(LePhi {
            ten: "Phí".into(),
            gia: "10.000".into(),
            hinh_thuc_thu: "3".into(),
            loai: "1".into(),
        });
        m.progress.trang_thai = "11".into();
        m.progress.id = "other#3".into();
        assert_eq!(
            codes(&validate_message(&m)),
            vec![
                ("MaTTHC", "portal_bad_format"),
                ("KenhThucHien", "portal_bad_value"),
                ("ChuHoSo", "portal_required"),
                ("TrichYeuHoSo", "portal_too_long"),
                ("NgayTiepNhan", "portal_bad_format"),
                ("ThanhPhanHoSo[1].TenThanhPhanHoSo", "portal_required"),
                ("ThanhPhanHoSo[1].SoLuong", "portal_bad_value"),
                ("ThanhPhanHoSo[1].LoaiBan", "portal_bad_value"),
                ("DanhSachLePhi[1].Gia", "portal_bad_format"),
                ("DanhSachLePhi[1].HinhThucThu", "portal_bad_value"),
                ("TienTrinh.IdTienTrinh", "portal_bad_format"),
                ("TienTrinh.TrangThai", "portal_bad_value"),
            ]
        );
    }

    #[test]
    fn reception_and_end_dates_follow_the_status() {
        let mut d = dossier();
        d.received_at = None;
        let m = map_event(&d, &event(1, 1, "2026-03-03 16:00")).unwrap();
        assert_eq!(validate_record(&m.record), vec![], "a submission has no reception yet");
        let m = map_event(&d, &event(2, 4, "2026-03-05 10:00")).unwrap();
        assert_eq!(codes(&validate_record(&m.record)), vec![("NgayTiepNhan", "portal_required")]);
        let mut m = map_event(&dossier(), &event(9, 10, "2026-03-11 08:00")).unwrap();
        m.record.ngay_tra = None;
        m.record.ngay_tiep_nhan = Some("20260301000000".into());
        assert_eq!(
            codes(&validate_record(&m.record)),
            vec![("NgayTiepNhan", "portal_date_order"), ("NgayTra", "portal_required")]
        );
    }
}
