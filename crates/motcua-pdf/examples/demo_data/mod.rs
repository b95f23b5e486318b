//! Realistic demo slips, shared by the example, the benchmark and the tests.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use motcua_pdf::{
    Agency, Apology, Applicant, ComponentLine, ControlSheet, Handover, HandoverLine, Receipt, Refusal, Register,
    RegisterLine, Slip, SlipCommon, SupplementRequest,
};

pub const LOOKUP_URL: &str = "https://dichvucong.xuankhanh.example.vn/tra-cuu?ma=H11.100-260304-0001";

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|date| date.and_hms_opt(h, min, 0)).expect("a valid demo date")
}

pub fn common() -> SlipCommon {
    SlipCommon {
        agency: Agency {
            parent: "UBND XÃ XUÂN KHANH".into(),
            name: "BỘ PHẬN MỘT CỬA".into(),
            place: "Xuân Khanh".into(),
            phone: Some("024 3381 2345".into()),
        },
        dossier_code: "H11.100-260304-0001".into(),
        procedure_name: "Đăng ký khai sinh".into(),
        procedure_code: "1.001193".into(),
        applicant: Applicant {
            name: "Nguyễn Thị Thu Hương".into(),
            id_number: Some("001190012345".into()),
            phone: Some("0912 345 678".into()),
            email: Some("huong.nguyen@example.vn".into()),
            address: Some("Số 12, ngõ 34, thôn Phú Nhi, xã Xuân Khanh, thành phố Hà Nội".into()),
        },
        officer_name: "Trần Văn Đức".into(),
        issued_at: at(2026, 3, 4, 8, 15),
    }
}

pub fn receipt() -> Slip {
    let line = |name: &str, kind: &str, count| ComponentLine { name: name.into(), count, kind: kind.into() };
    Slip::Receipt(Receipt {
        common: common(),
        components: vec![
            line("Tờ khai đăng ký khai sinh", "Bản chính", 1),
            line("Giấy chứng sinh do cơ sở y tế cấp", "Bản chính", 1),
            line("Giấy chứng nhận kết hôn của cha, mẹ", "Bản sao", 1),
            line("Thẻ Căn cước của người đi đăng ký (xuất trình để đối chiếu)", "", 1),
        ],
        received_at: at(2026, 3, 4, 8, 15),
        due_at: at(2026, 3, 5, 16, 0),
        channel: "Trực tiếp".into(),
        return_place: "Bộ phận Một cửa UBND xã Xuân Khanh".into(),
        lookup_url: LOOKUP_URL.into(),
    })
}

pub fn supplement() -> Slip {
    Slip::SupplementRequest(SupplementRequest {
        common: common(),
        received_at: at(2026, 3, 4, 8, 15),
        items: vec![
            "Bổ sung bản sao Giấy chứng nhận kết hôn của cha, mẹ.".into(),
            "Kê khai lại Tờ khai đăng ký khai sinh: ngày sinh của trẻ ghi không khớp với Giấy chứng sinh.".into(),
        ],
        reason: "Hồ sơ chưa đủ thành phần và có thông tin chưa thống nhất theo quy định của Luật Hộ tịch.".into(),
    })
}

pub fn refusal() -> Slip {
    Slip::Refusal(Refusal {
        common: common(),
        reason: "Trẻ được sinh ra ở nước ngoài và chưa được đăng ký khai sinh tại cơ quan có thẩm quyền của nước \
                 ngoài; việc đăng ký khai sinh có yếu tố nước ngoài không thuộc thẩm quyền giải quyết của UBND xã \
                 Xuân Khanh."
            .into(),
    })
}

pub fn apology() -> Slip {
    let mut common = common();
    common.issued_at = at(2026, 3, 5, 15, 30);
    Slip::Apology(Apology {
        common,
        received_at: at(2026, 3, 4, 8, 15),
        old_due: at(2026, 3, 5, 16, 0),
        new_due: at(2026, 3, 9, 10, 0),
        reason: "Hệ thống cơ sở dữ liệu hộ tịch điện tử gặp sự cố, chưa cấp được số định danh cá nhân cho trẻ.".into(),
        unit_at_fault: "Công chức Tư pháp - Hộ tịch UBND xã Xuân Khanh".into(),
    })
}

pub fn all() -> Vec<Slip> {
    vec![receipt(), supplement(), refusal(), apology()]
}

pub fn handover() -> Slip {
    let mut common = common();
    common.issued_at = at(2026, 3, 5, 14, 10);
    Slip::Handover(Handover {
        common,
        received_at: at(2026, 3, 4, 8, 15),
        due_at: at(2026, 3, 5, 17, 0),
        returned_at: at(2026, 3, 5, 14, 10),
        result: "Giấy khai sinh (bản chính) và bản sao Giấy khai sinh".into(),
        timeliness: "Đúng hạn".into(),
    })
}

pub fn control_sheet() -> Slip {
    let line = |from: &str, to: &str, t, giver: &str, receiver: &str, result: &str| HandoverLine {
        from_unit: from.into(),
        to_unit: to.into(),
        at: t,
        giver: giver.into(),
        receiver: receiver.into(),
        result: result.into(),
        note: String::new(),
    };
    Slip::ControlSheet(ControlSheet {
        common: common(),
        received_at: at(2026, 3, 4, 8, 15),
        due_at: Some(at(2026, 3, 5, 17, 0)),
        handling_unit: "Công chức Tư pháp - Hộ tịch UBND xã Xuân Khanh".into(),
        lines: vec![
            line(
                "Bộ phận Một cửa",
                "Công chức Tư pháp - Hộ tịch",
                at(2026, 3, 4, 8, 40),
                "Trần Văn Đức",
                "Lê Thị Mai",
                "Đúng hạn",
            ),
            line(
                "Công chức Tư pháp - Hộ tịch",
                "Lãnh đạo UBND xã",
                at(2026, 3, 4, 15, 5),
                "Lê Thị Mai",
                "Phạm Văn Hùng",
                "Đúng hạn",
            ),
            line(
                "Lãnh đạo UBND xã",
                "Bộ phận Một cửa",
                at(2026, 3, 5, 9, 30),
                "Phạm Văn Hùng",
                "Trần Văn Đức",
                "Quá hạn",
            ),
        ],
    })
}

pub fn register() -> Register {
    let line = |n: u64, code: &str, name: &str, returned: Option<NaiveDateTime>| RegisterLine {
        number: n,
        dossier_code: code.into(),
        procedure_name: "Đăng ký khai sinh".into(),
        applicant_name: name.into(),
        applicant_contact: "Thôn Phú Nhi, xã Xuân Khanh; 0912 345 678".into(),
        received_at: Some(at(2026, 3, 4, 8, 15)),
        due_at: Some(at(2026, 3, 5, 17, 0)),
        handed_over: Some((at(2026, 3, 4, 8, 40), "Công chức Tư pháp - Hộ tịch".into())),
        finished_at: Some(at(2026, 3, 5, 9, 30)),
        returned_at: returned,
        note: "Đã trả kết quả; đúng hạn".into(),
    };
    Register {
        agency: common().agency,
        from: NaiveDate::from_ymd_opt(2026, 3, 1),
        to: NaiveDate::from_ymd_opt(2026, 3, 31),
        printed_at: at(2026, 3, 31, 16, 0),
        lines: vec![
            line(1, "H11.100-260304-0001", "Nguyễn Thị Thu Hương", Some(at(2026, 3, 5, 14, 10))),
            line(2, "H11.100-260304-0002", "Lê Văn Bình", None),
        ],
        truncated: false,
    }
}
