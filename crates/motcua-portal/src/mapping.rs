//! One dossier event → the portal's two messages: the dossier record as it
//! stands after the event, and the event's progress entry.
//!
//! The caller (the sender in `motcua-server`) fills [`DossierFacts`] and
//! [`EventFacts`] from the store when it sends, so a re-send after a fix
//! carries the dossier as it is now. Times that describe the dossier's
//! life (handled, returned) are taken only when the event is at or after
//! them, so the record of an old event never claims a later state.

use chrono::NaiveDateTime;

use crate::catalogue::portal_time;
use crate::record::{GiayToKetQua, HoSo, LePhi, ThanhPhanHoSo, TienTrinh, event_key};

/// The longest `TrichYeuHoSo` sent: one public integration cuts it at
/// 1,000 characters before sending (docs/portal-sync.md).
pub const SUMMARY_MAX: usize = 1000;
/// The longest `NoiDungXuLy` sent (motcua's own bound on notes).
pub const CONTENT_MAX: usize = 2000;

/// What the store knows of a dossier, for its record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierFacts {
    /// The dossier code; `None` before reception (nothing can be sent).
    pub code: Option<String>,
    pub procedure_code: String,
    pub procedure_name: String,
    pub field_code: String,
    pub field_name: String,
    /// `KenhThucHien`: 1 counter, 2 online, 3 postal.
    pub channel: u8,
    pub applicant_name: String,
    pub applicant_id: Option<String>,
    pub applicant_phone: Option<String>,
    pub applicant_email: Option<String>,
    /// An organisation (tổ chức, doanh nghiệp) rather than a person.
    pub organization: bool,
    pub submitted_at: NaiveDateTime,
    pub received_at: Option<NaiveDateTime>,
    pub finished_at: Option<NaiveDateTime>,
    pub returned_at: Option<NaiveDateTime>,
    /// The unit that handles the dossier (its name).
    pub handling_unit: String,
    /// The components handed in: name and number of copies.
    pub components: Vec<(String, u32)>,
    /// The procedure's fees: name, amount in đồng, and when it is collected
    /// (`HinhThucThu`: 1 at reception, 2 at a supplement, 4 with the result).
    pub fees: Vec<(String, i64, i16)>,
    /// What the applicant receives (kết quả thực hiện), when the catalogue
    /// says.
    pub result_name: Option<String>,
}

/// One event of the dossier's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFacts {
    /// The event's number in the dossier's history (1 for the first).
    pub seq: u64,
    pub at: NaiveDateTime,
    /// What was done, in Vietnamese ("Tiếp nhận hồ sơ").
    pub label: String,
    /// The national status after the event (1–10).
    pub to_status: u8,
    /// The due date after the event.
    pub due_at: Option<NaiveDateTime>,
    /// The officer who acted; `None` when the applicant did.
    pub actor_name: Option<String>,
    /// The officer's title ("Chuyên viên").
    pub actor_title: String,
    /// The officer's unit.
    pub actor_unit: Option<String>,
    /// A note the applicant may read (never a staff-only note).
    pub public_note: Option<String>,
}

/// The two messages of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub record: HoSo,
    pub progress: TienTrinh,
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn at_or_before(t: Option<NaiveDateTime>, event: NaiveDateTime) -> Option<String> {
    t.filter(|t| *t <= event).map(portal_time)
}

/// The messages of `event` of the dossier `d`; `None` when the dossier has
/// no code (never received: the portal keys every record by it).
pub fn map_event(d: &DossierFacts, event: &EventFacts) -> Option<Message> {
    let code = d.code.clone()?;
    let status = event.to_status;
    let electronic = d.channel == 2;
    let record = HoSo {
        ma_ho_so: code.clone(),
        ma_tthc: d.procedure_code.clone(),
        ten_tthc: d.procedure_name.clone(),
        ma_linh_vuc: d.field_code.clone(),
        ten_linh_vuc: d.field_name.clone(),
        kenh_thuc_hien: d.channel.to_string(),
        chu_ho_so: d.applicant_name.clone(),
        loai_doi_tuong: if d.organization { "2" } else { "1" }.to_owned(),
        so_giay_to_chu_ho_so: d.applicant_id.clone(),
        email: d.applicant_email.clone(),
        so_dien_thoai: d.applicant_phone.clone(),
        trich_yeu_ho_so: cut(&d.procedure_name, SUMMARY_MAX),
        ngay_nop_ho_so: portal_time(d.submitted_at),
        // Reception is a fact of the dossier, not of the event: the record
        // of its submission, sent once it has a code, carries it too.
        ngay_tiep_nhan: d.received_at.map(portal_time),
        ngay_hen_tra: event.due_at.map(portal_time),
        trang_thai_ho_so: status.to_string(),
        ngay_ket_thuc_xu_ly: if matches!(status, 9 | 10) { at_or_before(d.finished_at, event.at) } else { None },
        ngay_tra: if status == 10 { at_or_before(d.returned_at, event.at) } else { None },
        ngay_tu_choi: (status == 3).then(|| portal_time(event.at)),
        // Where the result goes is not recorded in motcua: at the office.
        hinh_thuc: "0".to_owned(),
        don_vi_xu_ly: d.handling_unit.clone(),
        thanh_phan_ho_so: d
            .components
            .iter()
            .map(|(name, count)| ThanhPhanHoSo {
                ten: name.clone(),
                so_luong: *count,
                loai_ban: if electronic { "2" } else { "0" }.to_owned(),
            })
            .collect(),
        danh_sach_le_phi: d
            .fees
            .iter()
            .map(|(name, amount, stage)| LePhi {
                ten: name.clone(),
                gia: amount.to_string(),
                hinh_thuc_thu: stage.to_string(),
                loai: "1".to_owned(),
            })
            .collect(),
        danh_sach_giay_to_ket_qua: match (&d.result_name, status) {
            (Some(name), 9 | 10) => vec![GiayToKetQua { ten: name.clone() }],
            _ => Vec::new(),
        },
    };
    let content = match event.public_note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => format!("{}: {note}", event.label),
        None => event.label.clone(),
    };
    let progress = TienTrinh {
        ma_ho_so: code.clone(),
        id: event_key(&code, event.seq),
        nguoi_xu_ly: event.actor_name.clone().unwrap_or_else(|| "Chủ hồ sơ".to_owned()),
        chuc_danh: event.actor_title.clone(),
        thoi_diem_xu_ly: portal_time(event.at),
        phong_ban_xu_ly: event.actor_unit.clone().unwrap_or_default(),
        noi_dung_xu_ly: cut(&content, CONTENT_MAX),
        trang_thai: status.to_string(),
        ngay_bat_dau: Some(portal_time(event.at)),
        ngay_ket_thuc_theo_quy_dinh: event.due_at.map(portal_time),
    };
    Some(Message { record, progress })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    pub fn dossier() -> DossierFacts {
        DossierFacts {
            code: Some("H11.100-260304-0001".into()),
            procedure_code: "1.004194".into(),
            procedure_name: "Đăng ký tạm trú".into(),
            field_code: "G09".into(),
            field_name: "Đăng ký, quản lý cư trú".into(),
            channel: 2,
            applicant_name: "Nguyễn Văn An".into(),
            applicant_id: Some("001090000001".into()),
            applicant_phone: Some("0912345678".into()),
            applicant_email: None,
            organization: false,
            submitted_at: t("2026-03-03 16:00"),
            received_at: Some(t("2026-03-04 09:00")),
            finished_at: Some(t("2026-03-10 10:00")),
            returned_at: Some(t("2026-03-11 08:00")),
            handling_unit: "Công an xã Hòa An".into(),
            components: vec![("Tờ khai thay đổi thông tin cư trú".into(), 1)],
            fees: vec![("Lệ phí đăng ký cư trú".into(), 10_000, 1)],
            result_name: Some("Xác nhận đăng ký tạm trú".into()),
        }
    }

    pub fn event(seq: u64, status: u8, at: &str) -> EventFacts {
        EventFacts {
            seq,
            at: t(at),
            label: "Chuyển xử lý".into(),
            to_status: status,
            due_at: Some(t("2026-03-11 17:00")),
            actor_name: Some("Trần Thị Bình".into()),
            actor_title: "Chuyên viên".into(),
            actor_unit: Some("Công an xã Hòa An".into()),
            public_note: None,
        }
    }

    #[test]
    fn a_step_maps_to_the_record_and_its_progress_entry() {
        let m = map_event(&dossier(), &event(3, 4, "2026-03-05 10:00")).unwrap();
        let json = serde_json::to_value(&m.record).unwrap();
        assert_eq!(json["MaHoSo"], "H11.100-260304-0001");
        assert_eq!(json["MaTTHC"], "1.004194");
        assert_eq!(json["TrangThaiHoSo"], "4");
        assert_eq!(json["KenhThucHien"], "2");
        assert_eq!(json["NgayTiepNhan"], "20260304090000");
        assert_eq!(json["NgayHenTra"], "20260311170000");
        assert_eq!(json["ThanhPhanHoSo"][0]["LoaiBan"], "2", "online components are electronic");
        assert_eq!(json["DanhSachLePhi"][0]["Gia"], "10000");
        assert_eq!(json["DanhSachLePhi"][0]["HinhThucThu"], "1");
        // A fee collected with the result says so.
        let with_result = DossierFacts { fees: vec![("Phí gửi kết quả".into(), 20_000, 4)], ..dossier() };
        let m4 = map_event(&with_result, &event(3, 4, "2026-03-05 10:00")).unwrap();
        assert_eq!(serde_json::to_value(&m4.record).unwrap()["DanhSachLePhi"][0]["HinhThucThu"], "4");
        // Not handled yet at this event: no end date, no result, although
        // the dossier was handled later.
        assert!(json.get("NgayKetThucXuLy").is_none());
        assert!(json.get("DanhSachGiayToKetQua").is_none());
        assert!(json.get("Email").is_none(), "an empty optional field is not sent");
        let p = serde_json::to_value(&m.progress).unwrap();
        assert_eq!(p["IdTienTrinh"], "H11.100-260304-0001#3");
        assert_eq!(p["TrangThai"], "4");
        assert_eq!(p["NguoiXuLy"], "Trần Thị Bình");
        assert_eq!(p["ThoiDiemXuLy"], "20260305100000");
        assert_eq!(m.progress.seq(), Some(3));
    }

    #[test]
    fn the_return_carries_the_end_dates_and_the_result() {
        let m = map_event(&dossier(), &event(9, 10, "2026-03-11 08:00")).unwrap();
        assert_eq!(m.record.ngay_ket_thuc_xu_ly.as_deref(), Some("20260310100000"));
        assert_eq!(m.record.ngay_tra.as_deref(), Some("20260311080000"));
        assert_eq!(m.record.danh_sach_giay_to_ket_qua[0].ten, "Xác nhận đăng ký tạm trú");
    }

    #[test]
    fn the_applicants_own_action_and_a_public_note() {
        let mut e = event(2, 7, "2026-03-06 10:00");
        e.actor_name = None;
        e.label = "Rút hồ sơ".into();
        e.public_note = Some("Công dân xin rút ".into());
        let m = map_event(&dossier(), &e).unwrap();
        assert_eq!(m.progress.nguoi_xu_ly, "Chủ hồ sơ");
        assert_eq!(m.progress.noi_dung_xu_ly, "Rút hồ sơ: Công dân xin rút");
    }

    #[test]
    fn a_dossier_without_a_code_has_no_message() {
        let d = DossierFacts { code: None, ..dossier() };
        assert_eq!(map_event(&d, &event(1, 1, "2026-03-03 16:00")), None);
    }

    #[test]
    fn a_refusal_is_dated_and_an_organisation_is_a_business() {
        let d = DossierFacts { organization: true, channel: 1, ..dossier() };
        let m = map_event(&d, &event(2, 3, "2026-03-04 09:30")).unwrap();
        assert_eq!(m.record.ngay_tu_choi.as_deref(), Some("20260304093000"));
        assert_eq!(m.record.loai_doi_tuong, "2");
        assert_eq!(m.record.thanh_phan_ho_so[0].loai_ban, "0");
    }
}
