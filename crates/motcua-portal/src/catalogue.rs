//! The national sync catalogue's codes, as the public integrations use
//! them (docs/portal-sync.md, "Sources"). The portal's JSON carries them as
//! strings ("4", not 4): both public integrations serialise them so.

use chrono::NaiveDateTime;

/// `TrangThai` / `TrangThaiHoSo`: the ten national dossier statuses.
pub const STATUS_CODES: std::ops::RangeInclusive<u8> = 1..=10;

/// The Vietnamese name of a national status code (for the progress entry's
/// text and the pages); `None` outside 1–10.
pub fn status_name(code: u8) -> Option<&'static str> {
    Some(match code {
        1 => "Mới đăng ký",
        2 => "Được tiếp nhận",
        3 => "Không được tiếp nhận",
        4 => "Đang xử lý",
        5 => "Yêu cầu bổ sung giấy tờ",
        6 => "Yêu cầu thực hiện nghĩa vụ tài chính",
        7 => "Công dân yêu cầu rút hồ sơ",
        8 => "Dừng xử lý",
        9 => "Đã xử lý xong",
        10 => "Đã trả kết quả",
        _ => return None,
    })
}

/// Statuses in which the dossier has not been received: the reception
/// date may be missing.
pub fn before_reception(code: u8) -> bool {
    matches!(code, 1 | 3)
}

/// `KenhThucHien`: 1 trực tiếp (at the counter), 2 trực tuyến (online),
/// 3 bưu chính công ích (public postal service).
pub const CHANNELS: [&str; 3] = ["1", "2", "3"];

/// `LoaiDoiTuong`: 1 công dân (a person), 2 doanh nghiệp (a business),
/// 3 cơ quan nhà nước (a state agency), 4 tổ chức khác (another
/// organisation).
pub const APPLICANT_KINDS: [&str; 4] = ["1", "2", "3", "4"];

/// `LoaiBan` of a component: 0 bản chính (original), 1 bản sao (copy),
/// 2 bản điện tử (electronic).
pub const COPY_KINDS: [&str; 3] = ["0", "1", "2"];

/// `HinhThucThu` of a fee: 1 at reception, 2 at a supplement, 4 when the
/// result is returned.
pub const FEE_MOMENTS: [&str; 3] = ["1", "2", "4"];

/// `LoaiPhiLePhi`: 1 ordinary, 2 appraisal for a licence, 3 extension
/// (one public integration's comment; docs/portal-sync.md).
pub const FEE_KINDS: [&str; 3] = ["1", "2", "3"];

/// The portal's time format: `yyyyMMddHHmmss`, Vietnamese time (UTC+7),
/// as both public integrations write it.
pub fn portal_time(t: NaiveDateTime) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

/// Reads [`portal_time`] back.
pub fn parse_portal_time(s: &str) -> Option<NaiveDateTime> {
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDateTime::parse_from_str(s, "%Y%m%d%H%M%S").ok()
}

/// A national procedure code (mã TTHC): `d.dddddd`, e.g. `1.004194`.
pub fn is_procedure_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8 && b[0].is_ascii_digit() && b[1] == b'.' && b[2..].iter().all(u8::is_ascii_digit)
}

/// A dossier code (mã hồ sơ): the receiving unit's identifier, the
/// reception date and a sequence, separated by `-`: `000.00.04.G18-260304-0001`
/// (Circular 01/2018) or with an 8-digit date and a longer sequence (the
/// form seen since 2025). Both are accepted; the unit part is letters,
/// digits and dots.
pub fn is_dossier_code(s: &str) -> bool {
    let mut parts = s.split('-');
    let (Some(unit), Some(day), Some(seq), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !unit.is_empty()
        && unit.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
        && matches!(day.len(), 6 | 8)
        && day.bytes().all(|b| b.is_ascii_digit())
        && seq.len() >= 4
        && seq.len() <= 10
        && seq.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_shapes() {
        assert!(is_procedure_code("1.004194"));
        for bad in ["1004194", "1.00419", "a.004194", "1.0041945", ""] {
            assert!(!is_procedure_code(bad), "{bad}");
        }
        assert!(is_dossier_code("000.00.04.G18-260304-0001"));
        assert!(is_dossier_code("H11.100-260304-0012"));
        assert!(is_dossier_code("G09.20-20260609-0092637"));
        for bad in ["H11-2603-0001", "H11-260304", "H11 -260304-0001", "-260304-0001", "H11-260304-12"] {
            assert!(!is_dossier_code(bad), "{bad}");
        }
    }

    #[test]
    fn times_round_trip() {
        let t = NaiveDateTime::parse_from_str("2026-03-04 09:05:07", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(portal_time(t), "20260304090507");
        assert_eq!(parse_portal_time("20260304090507"), Some(t));
        assert_eq!(parse_portal_time("2026-03-04"), None);
        assert_eq!(parse_portal_time("20261304090507"), None);
    }

    #[test]
    fn every_status_has_a_name() {
        for c in STATUS_CODES {
            assert!(status_name(c).is_some());
        }
        assert_eq!(status_name(11), None);
    }
}
