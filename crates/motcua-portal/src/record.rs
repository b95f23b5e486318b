//! The two messages of the sync, as typed structs serialised to the
//! portal's field names (docs/portal-sync.md has the field table with the
//! source of each). Codes and dates are strings, as the portal takes them.
//! Optional fields left empty are not sent.

use serde::{Deserialize, Serialize};

/// The dossier record (`service: DongBoHoSoMC`): created once, then
/// replaced by each later event's record (`isUpdating`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct HoSo {
    /// Mã hồ sơ: the dossier code issued at reception.
    #[serde(rename = "MaHoSo")]
    pub ma_ho_so: String,
    /// Mã TTHC: the national procedure code (`d.dddddd`).
    #[serde(rename = "MaTTHC")]
    pub ma_tthc: String,
    #[serde(rename = "TenTTHC")]
    pub ten_tthc: String,
    #[serde(rename = "MaLinhVuc")]
    pub ma_linh_vuc: String,
    #[serde(rename = "TenLinhVuc", default, skip_serializing_if = "String::is_empty")]
    pub ten_linh_vuc: String,
    /// 1 at the counter, 2 online, 3 by post.
    #[serde(rename = "KenhThucHien")]
    pub kenh_thuc_hien: String,
    /// The applicant's name (chủ hồ sơ).
    #[serde(rename = "ChuHoSo")]
    pub chu_ho_so: String,
    /// 1 a person, 2 a business, 3 a state agency, 4 another organisation.
    #[serde(rename = "LoaiDoiTuong")]
    pub loai_doi_tuong: String,
    /// The applicant's identity document number, when given.
    #[serde(rename = "SoGiayToChuHoSo", default, skip_serializing_if = "Option::is_none")]
    pub so_giay_to_chu_ho_so: Option<String>,
    #[serde(rename = "Email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(rename = "SoDienThoai", default, skip_serializing_if = "Option::is_none")]
    pub so_dien_thoai: Option<String>,
    /// What the dossier is about (trích yếu).
    #[serde(rename = "TrichYeuHoSo")]
    pub trich_yeu_ho_so: String,
    /// When it was submitted (online) or handed in (counter).
    #[serde(rename = "NgayNopHoSo")]
    pub ngay_nop_ho_so: String,
    #[serde(rename = "NgayTiepNhan", default, skip_serializing_if = "Option::is_none")]
    pub ngay_tiep_nhan: Option<String>,
    /// The appointment (ngày hẹn trả); none for a procedure without a
    /// time limit.
    #[serde(rename = "NgayHenTra", default, skip_serializing_if = "Option::is_none")]
    pub ngay_hen_tra: Option<String>,
    /// The national status after the event (1–10).
    #[serde(rename = "TrangThaiHoSo")]
    pub trang_thai_ho_so: String,
    /// When handling ended (status 9).
    #[serde(rename = "NgayKetThucXuLy", default, skip_serializing_if = "Option::is_none")]
    pub ngay_ket_thuc_xu_ly: Option<String>,
    /// When the result was returned (status 10).
    #[serde(rename = "NgayTra", default, skip_serializing_if = "Option::is_none")]
    pub ngay_tra: Option<String>,
    /// When reception was refused (status 3).
    #[serde(rename = "NgayTuChoi", default, skip_serializing_if = "Option::is_none")]
    pub ngay_tu_choi: Option<String>,
    /// How the result is returned: 0 at the office, 1 by post.
    #[serde(rename = "HinhThuc")]
    pub hinh_thuc: String,
    /// The unit that handles the dossier.
    #[serde(rename = "DonViXuLy")]
    pub don_vi_xu_ly: String,
    #[serde(rename = "ThanhPhanHoSo", default, skip_serializing_if = "Vec::is_empty")]
    pub thanh_phan_ho_so: Vec<ThanhPhanHoSo>,
    #[serde(rename = "DanhSachLePhi", default, skip_serializing_if = "Vec::is_empty")]
    pub danh_sach_le_phi: Vec<LePhi>,
    #[serde(rename = "DanhSachGiayToKetQua", default, skip_serializing_if = "Vec::is_empty")]
    pub danh_sach_giay_to_ket_qua: Vec<GiayToKetQua>,
}

/// A component handed in (thành phần hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ThanhPhanHoSo {
    #[serde(rename = "TenThanhPhanHoSo")]
    pub ten: String,
    #[serde(rename = "SoLuong")]
    pub so_luong: u32,
    /// 0 original, 1 copy, 2 electronic.
    #[serde(rename = "LoaiBan")]
    pub loai_ban: String,
}

/// A fee or charge (phí, lệ phí) of the procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LePhi {
    #[serde(rename = "TenPhiLePhi")]
    pub ten: String,
    /// The amount in đồng, as digits.
    #[serde(rename = "Gia")]
    pub gia: String,
    /// 1 at reception, 2 at a supplement, 4 with the result.
    #[serde(rename = "HinhThucThu")]
    pub hinh_thuc_thu: String,
    #[serde(rename = "LoaiPhiLePhi")]
    pub loai: String,
}

/// A result document (giấy tờ kết quả).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GiayToKetQua {
    #[serde(rename = "TenGiayTo")]
    pub ten: String,
}

/// One progress entry (`service: CapNhatTienDoHoSoMC`): who did what to
/// the dossier, when, and the status after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TienTrinh {
    #[serde(rename = "MaHoSo")]
    pub ma_ho_so: String,
    /// motcua's key of the event, `MaHoSo` and the event's number in the
    /// dossier's history (`…-0001#3`): what makes a repeated send
    /// recognisable (docs/portal-sync.md, "Duplicates"). Not in the
    /// public integrations: an extension.
    #[serde(rename = "IdTienTrinh")]
    pub id: String,
    /// Who acted: the officer's name, or "Chủ hồ sơ" for the applicant.
    #[serde(rename = "NguoiXuLy")]
    pub nguoi_xu_ly: String,
    #[serde(rename = "ChucDanh", default, skip_serializing_if = "String::is_empty")]
    pub chuc_danh: String,
    #[serde(rename = "ThoiDiemXuLy")]
    pub thoi_diem_xu_ly: String,
    #[serde(rename = "PhongBanXuLy", default, skip_serializing_if = "String::is_empty")]
    pub phong_ban_xu_ly: String,
    #[serde(rename = "NoiDungXuLy")]
    pub noi_dung_xu_ly: String,
    #[serde(rename = "TrangThai")]
    pub trang_thai: String,
    #[serde(rename = "NgayBatDau", default, skip_serializing_if = "Option::is_none")]
    pub ngay_bat_dau: Option<String>,
    #[serde(rename = "NgayKetThucTheoQuyDinh", default, skip_serializing_if = "Option::is_none")]
    pub ngay_ket_thuc_theo_quy_dinh: Option<String>,
}

impl TienTrinh {
    /// The event's number in its dossier's history, from [`TienTrinh::id`].
    pub fn seq(&self) -> Option<u64> {
        self.id.rsplit_once('#').and_then(|(_, n)| n.parse().ok())
    }
}

/// The key of an event: the dossier code and the event's number.
pub fn event_key(dossier_code: &str, seq: u64) -> String {
    format!("{dossier_code}#{seq}")
}
