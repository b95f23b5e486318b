//! The demo catalog: ~30 procedures in 10 fields, with the names a
//! Vietnamese one-stop counter uses. Codes follow the national `d.dddddd`
//! shape; those quoted in docs/sources.md#tthc-record (1.004194, 1.004222, 2.001610,
//! 2.001955) are real, the others are illustrative. Time limits and fees are
//! plausible demo values, not legal facts.

use motcua_rules::{Role, TimeLimit, TimeUnit};
use motcua_store::model::{
    Component, Fee, LegalDoc, OnlineLevel, ProcedureData, Publication, PublicationStatus, StepData, StepUnitKind,
};

/// Who handles a procedure: a commune, or a provincial department through
/// the provincial service centre (liên thông).
#[derive(Clone, Copy)]
pub enum Handler {
    Commune,
    Department(&'static str),
}

pub struct DemoProcedure {
    pub code: &'static str,
    pub name: &'static str,
    pub field: (&'static str, &'static str),
    pub limit: TimeLimit,
    pub online: OnlineLevel,
    pub fee: i64,
    pub handler: Handler,
    pub components: &'static [&'static str],
    pub legal: (&'static str, &'static str),
}

const HO_TICH: (&str, &str) = ("HOTICH", "Hộ tịch");
const CHUNG_THUC: (&str, &str) = ("CHUNGTHUC", "Chứng thực");

/// The demo's procedures whose result is a certified electronic copy from
/// the original (766 indicator 4.6).
const CERTIFIED_COPIES: [&str; 1] = ["2.000815"];
const CU_TRU: (&str, &str) = ("CUTRU", "Đăng ký, quản lý cư trú");
const DAT_DAI: (&str, &str) = ("DATDAI", "Đất đai");
const XAY_DUNG: (&str, &str) = ("XAYDUNG", "Hoạt động xây dựng");
const DOANH_NGHIEP: (&str, &str) = ("DOANHNGHIEP", "Thành lập và hoạt động của doanh nghiệp");
const HO_KINH_DOANH: (&str, &str) = ("HKD", "Thành lập và hoạt động của hộ kinh doanh");
const BAO_TRO: (&str, &str) = ("BTXH", "Bảo trợ xã hội");
const LAO_DONG: (&str, &str) = ("LAODONG", "Lao động");
const GIAO_DUC: (&str, &str) = ("GIAODUC", "Giáo dục và Đào tạo");

const fn wd(n: u32) -> TimeLimit {
    TimeLimit { amount: n, unit: TimeUnit::WorkingDays }
}

const fn wh(n: u32) -> TimeLimit {
    TimeLimit { amount: n, unit: TimeUnit::WorkingHours }
}

const DON: &str = "Tờ khai theo mẫu";
const CCCD: &str = "Bản sao Căn cước công dân";

pub const PROCEDURES: &[DemoProcedure] = &[
    DemoProcedure {
        code: "1.001193",
        name: "Đăng ký khai sinh",
        field: HO_TICH,
        limit: wd(1),
        online: OnlineLevel::Full,
        fee: 0,
        handler: Handler::Commune,
        components: &[DON, "Giấy chứng sinh"],
        legal: ("60/2014/QH13", "Luật Hộ tịch"),
    },
    DemoProcedure {
        code: "1.000894",
        name: "Đăng ký kết hôn",
        field: HO_TICH,
        limit: wd(3),
        online: OnlineLevel::Partial,
        fee: 0,
        handler: Handler::Commune,
        components: &[DON, CCCD],
        legal: ("60/2014/QH13", "Luật Hộ tịch"),
    },
    DemoProcedure {
        code: "1.000656",
        name: "Đăng ký khai tử",
        field: HO_TICH,
        limit: wd(1),
        online: OnlineLevel::Full,
        fee: 0,
        handler: Handler::Commune,
        components: &[DON, "Giấy báo tử"],
        legal: ("60/2014/QH13", "Luật Hộ tịch"),
    },
    DemoProcedure {
        code: "1.004873",
        name: "Cấp bản sao trích lục hộ tịch",
        field: HO_TICH,
        limit: wh(8),
        online: OnlineLevel::Full,
        fee: 8000,
        handler: Handler::Commune,
        components: &[DON],
        legal: ("123/2015/NĐ-CP", "Nghị định quy định chi tiết Luật Hộ tịch"),
    },
    DemoProcedure {
        code: "1.004884",
        name: "Cấp Giấy xác nhận tình trạng hôn nhân",
        field: HO_TICH,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 0,
        handler: Handler::Commune,
        components: &[DON, CCCD],
        legal: ("123/2015/NĐ-CP", "Nghị định quy định chi tiết Luật Hộ tịch"),
    },
    DemoProcedure {
        code: "2.000815",
        name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        field: CHUNG_THUC,
        limit: wh(8),
        online: OnlineLevel::Partial,
        fee: 2000,
        handler: Handler::Commune,
        components: &["Bản chính giấy tờ", "Bản sao cần chứng thực"],
        legal: ("23/2015/NĐ-CP", "Nghị định về cấp bản sao, chứng thực"),
    },
    DemoProcedure {
        code: "2.000884",
        name: "Chứng thực chữ ký trong giấy tờ, văn bản",
        field: CHUNG_THUC,
        limit: wh(8),
        online: OnlineLevel::None,
        fee: 10000,
        handler: Handler::Commune,
        components: &["Giấy tờ cần chứng thực chữ ký", CCCD],
        legal: ("23/2015/NĐ-CP", "Nghị định về cấp bản sao, chứng thực"),
    },
    DemoProcedure {
        code: "2.001035",
        name: "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        field: CHUNG_THUC,
        limit: wd(2),
        online: OnlineLevel::None,
        fee: 50000,
        handler: Handler::Commune,
        components: &["Dự thảo hợp đồng", CCCD],
        legal: ("23/2015/NĐ-CP", "Nghị định về cấp bản sao, chứng thực"),
    },
    DemoProcedure {
        code: "1.004194",
        name: "Đăng ký tạm trú",
        field: CU_TRU,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 15000,
        handler: Handler::Commune,
        components: &["Tờ khai thay đổi thông tin cư trú", "Giấy tờ chứng minh chỗ ở hợp pháp"],
        legal: ("68/2020/QH14", "Luật Cư trú"),
    },
    DemoProcedure {
        code: "1.004222",
        name: "Đăng ký thường trú",
        field: CU_TRU,
        limit: wd(7),
        online: OnlineLevel::Full,
        fee: 20000,
        handler: Handler::Commune,
        components: &["Tờ khai thay đổi thông tin cư trú", "Giấy tờ chứng minh chỗ ở hợp pháp"],
        legal: ("68/2020/QH14", "Luật Cư trú"),
    },
    DemoProcedure {
        code: "1.003010",
        name: "Xóa đăng ký thường trú",
        field: CU_TRU,
        limit: wd(1),
        online: OnlineLevel::Full,
        fee: 0,
        handler: Handler::Commune,
        components: &["Tờ khai thay đổi thông tin cư trú"],
        legal: ("68/2020/QH14", "Luật Cư trú"),
    },
    DemoProcedure {
        code: "1.004227",
        name: "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
        field: DAT_DAI,
        limit: wd(20),
        online: OnlineLevel::Partial,
        fee: 100000,
        handler: Handler::Department("SNNMT"),
        components: &["Đơn đăng ký đất đai theo mẫu", "Giấy tờ về quyền sử dụng đất", "Sơ đồ thửa đất"],
        legal: ("31/2024/QH15", "Luật Đất đai"),
    },
    DemoProcedure {
        code: "1.004269",
        name: "Đăng ký biến động quyền sử dụng đất do chuyển nhượng",
        field: DAT_DAI,
        limit: wd(10),
        online: OnlineLevel::Partial,
        fee: 50000,
        handler: Handler::Department("SNNMT"),
        components: &[
            "Đơn đăng ký biến động theo mẫu",
            "Hợp đồng chuyển nhượng đã công chứng",
            "Giấy chứng nhận đã cấp",
        ],
        legal: ("31/2024/QH15", "Luật Đất đai"),
    },
    DemoProcedure {
        code: "1.005398",
        name: "Cung cấp thông tin, dữ liệu đất đai",
        field: DAT_DAI,
        limit: wd(2),
        online: OnlineLevel::Full,
        fee: 30000,
        handler: Handler::Department("SNNMT"),
        components: &["Phiếu yêu cầu cung cấp thông tin"],
        legal: ("31/2024/QH15", "Luật Đất đai"),
    },
    DemoProcedure {
        code: "1.009972",
        name: "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        field: XAY_DUNG,
        limit: wd(15),
        online: OnlineLevel::Partial,
        fee: 75000,
        handler: Handler::Commune,
        components: &["Đơn đề nghị cấp giấy phép xây dựng", "Giấy tờ về quyền sử dụng đất", "Bản vẽ thiết kế xây dựng"],
        legal: ("50/2014/QH13", "Luật Xây dựng"),
    },
    DemoProcedure {
        code: "1.009974",
        name: "Cấp giấy phép sửa chữa, cải tạo công trình",
        field: XAY_DUNG,
        limit: wd(20),
        online: OnlineLevel::Partial,
        fee: 150000,
        handler: Handler::Department("SXD"),
        components: &["Đơn đề nghị cấp giấy phép", "Bản vẽ hiện trạng", "Bản vẽ thiết kế sửa chữa"],
        legal: ("50/2014/QH13", "Luật Xây dựng"),
    },
    DemoProcedure {
        code: "1.009993",
        name: "Gia hạn giấy phép xây dựng",
        field: XAY_DUNG,
        limit: wd(5),
        online: OnlineLevel::Partial,
        fee: 15000,
        handler: Handler::Department("SXD"),
        components: &["Đơn đề nghị gia hạn", "Bản chính giấy phép đã cấp"],
        legal: ("50/2014/QH13", "Luật Xây dựng"),
    },
    DemoProcedure {
        code: "2.001610",
        name: "Đăng ký thành lập doanh nghiệp tư nhân",
        field: DOANH_NGHIEP,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 50000,
        handler: Handler::Department("STC"),
        components: &["Giấy đề nghị đăng ký doanh nghiệp", CCCD],
        legal: ("59/2020/QH14", "Luật Doanh nghiệp"),
    },
    DemoProcedure {
        code: "2.002044",
        name: "Đăng ký thành lập công ty TNHH một thành viên",
        field: DOANH_NGHIEP,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 50000,
        handler: Handler::Department("STC"),
        components: &["Giấy đề nghị đăng ký doanh nghiệp", "Điều lệ công ty", CCCD],
        legal: ("59/2020/QH14", "Luật Doanh nghiệp"),
    },
    DemoProcedure {
        code: "2.002018",
        name: "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
        field: DOANH_NGHIEP,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 50000,
        handler: Handler::Department("STC"),
        components: &["Thông báo thay đổi nội dung đăng ký doanh nghiệp"],
        legal: ("59/2020/QH14", "Luật Doanh nghiệp"),
    },
    DemoProcedure {
        code: "2.000720",
        name: "Đăng ký thành lập hộ kinh doanh",
        field: HO_KINH_DOANH,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 100000,
        handler: Handler::Commune,
        components: &["Giấy đề nghị đăng ký hộ kinh doanh", CCCD],
        legal: ("01/2021/NĐ-CP", "Nghị định về đăng ký doanh nghiệp"),
    },
    DemoProcedure {
        code: "2.000575",
        name: "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        field: HO_KINH_DOANH,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 50000,
        handler: Handler::Commune,
        components: &["Thông báo thay đổi nội dung đăng ký hộ kinh doanh"],
        legal: ("01/2021/NĐ-CP", "Nghị định về đăng ký doanh nghiệp"),
    },
    DemoProcedure {
        code: "2.000286",
        name: "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
        field: BAO_TRO,
        limit: wd(20),
        online: OnlineLevel::Partial,
        fee: 0,
        handler: Handler::Commune,
        components: &["Tờ khai đề nghị trợ giúp xã hội", CCCD],
        legal: ("20/2021/NĐ-CP", "Nghị định về chính sách trợ giúp xã hội"),
    },
    DemoProcedure {
        code: "2.000355",
        name: "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        field: BAO_TRO,
        limit: wd(5),
        online: OnlineLevel::Partial,
        fee: 0,
        handler: Handler::Commune,
        components: &["Tờ khai đề nghị hỗ trợ chi phí mai táng", "Giấy báo tử"],
        legal: ("20/2021/NĐ-CP", "Nghị định về chính sách trợ giúp xã hội"),
    },
    DemoProcedure {
        code: "2.001955",
        name: "Đăng ký nội quy lao động của doanh nghiệp",
        field: LAO_DONG,
        limit: wd(7),
        online: OnlineLevel::Full,
        fee: 0,
        handler: Handler::Department("SNV"),
        components: &["Văn bản đề nghị đăng ký nội quy lao động", "Nội quy lao động"],
        legal: ("45/2019/QH14", "Bộ luật Lao động"),
    },
    DemoProcedure {
        code: "1.000459",
        name: "Cấp giấy phép lao động cho người lao động nước ngoài",
        field: LAO_DONG,
        limit: wd(5),
        online: OnlineLevel::Partial,
        fee: 400000,
        handler: Handler::Department("SNV"),
        components: &["Văn bản đề nghị cấp giấy phép lao động", "Giấy chứng nhận sức khỏe", "Hộ chiếu"],
        legal: ("45/2019/QH14", "Bộ luật Lao động"),
    },
    DemoProcedure {
        code: "1.005099",
        name: "Chuyển trường đối với học sinh trung học cơ sở",
        field: GIAO_DUC,
        limit: wd(3),
        online: OnlineLevel::Full,
        fee: 0,
        handler: Handler::Commune,
        components: &["Đơn xin chuyển trường", "Học bạ"],
        legal: ("32/2020/TT-BGDĐT", "Điều lệ trường trung học"),
    },
    DemoProcedure {
        code: "1.005142",
        name: "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        field: GIAO_DUC,
        limit: wd(5),
        online: OnlineLevel::Full,
        fee: 0,
        handler: Handler::Department("SGDDT"),
        components: &["Đơn đề nghị cấp bản sao"],
        legal: ("21/2019/TT-BGDĐT", "Quy chế quản lý bằng, chứng chỉ"),
    },
    DemoProcedure {
        code: "1.004946",
        name: "Công nhận tốt nghiệp trung học cơ sở",
        field: GIAO_DUC,
        limit: wd(10),
        online: OnlineLevel::None,
        fee: 0,
        handler: Handler::Commune,
        components: &["Danh sách học sinh đề nghị công nhận"],
        legal: ("31/2023/TT-BGDĐT", "Quy chế xét công nhận tốt nghiệp THCS"),
    },
    DemoProcedure {
        code: "1.004815",
        name: "Đăng ký khai sinh có yếu tố nước ngoài",
        field: HO_TICH,
        limit: wd(15),
        online: OnlineLevel::Partial,
        fee: 100000,
        handler: Handler::Commune,
        components: &[DON, "Giấy chứng sinh", "Hộ chiếu của cha hoặc mẹ"],
        legal: ("60/2014/QH13", "Luật Hộ tịch"),
    },
];

impl DemoProcedure {
    /// The catalog entry, with a two-step workflow in the implementing unit
    /// of each dossier: the commune that received it for a commune
    /// procedure, the owning department for a province procedure.
    /// `commune_code` is the published agency of a commune procedure (the
    /// catalogue needs one unit; every commune implements it).
    pub fn data(&self, commune_code: &str, centre_code: &str) -> ProcedureData {
        let agency = match self.handler {
            Handler::Commune => commune_code.to_owned(),
            Handler::Department(suffix) => format!("{}.{suffix}", province_code(centre_code)),
        };
        let total = self.limit.amount;
        // The specialist takes most of the time, the leader's approval the rest.
        let leader_share = match self.limit.unit {
            TimeUnit::WorkingHours => total / 4,
            _ => (total / 4).max(u32::from(total > 1)),
        };
        ProcedureData {
            certified_copy: CERTIFIED_COPIES.contains(&self.code),
            code: self.code.into(),
            name: self.name.into(),
            field_code: self.field.0.into(),
            field_name: Some(self.field.1.into()),
            level: match self.handler {
                Handler::Commune => "commune".into(),
                Handler::Department(_) => "province".into(),
            },
            agency_unit_code: agency,
            time_limit: self.limit,
            fees: if self.fee > 0 {
                vec![Fee { name: "Lệ phí".into(), amount_vnd: self.fee, note: None, ..Fee::default() }]
            } else {
                vec![]
            },
            components: self
                .components
                .iter()
                .map(|name| Component { name: (*name).into(), form: None, originals: 1, copies: 0, required: true })
                .collect(),
            legal_basis: vec![LegalDoc {
                number: self.legal.0.into(),
                title: self.legal.1.into(),
                issued: None,
                issuer: None,
            }],
            online_level: self.online,
            publication: Publication {
                status: PublicationStatus::Published,
                decision: None,
                effective_from: None,
                effective_to: None,
                decision_date: None,
                basis_effective: None,
                public_date: None,
            },
            workflow: vec![
                StepData {
                    name: "Thẩm định hồ sơ".into(),
                    unit: StepUnitKind::Implementing,
                    unit_level: None,
                    unit_code: String::new(),
                    role: Role::Specialist,
                    share: total - leader_share,
                },
                StepData {
                    name: "Phê duyệt kết quả".into(),
                    unit: StepUnitKind::Implementing,
                    unit_level: None,
                    unit_code: String::new(),
                    role: Role::Leader,
                    share: leader_share,
                },
            ],
            extra_receivers: vec![],
            applicants: Some("Công dân Việt Nam; Người nước ngoài; Tổ chức".into()),
            result: None,
        }
    }
}

fn province_code(centre_code: &str) -> &str {
    centre_code.split('.').next().unwrap_or(centre_code)
}

/// Plausible publication dates for the demo's 766 indicators 1.1–1.3, not
/// legal facts: three batch decisions over the year before `today`, most
/// on time, some late (a basis taking effect 3 days after the decision, a
/// procedure made public 12 days after it), one not yet public, the last
/// few procedures with no dates at all ("not measurable"); and a few
/// without their applicants (incomplete for 1.3).
pub fn demo_publication(i: usize, data: &mut ProcedureData, today: chrono::NaiveDate) {
    use chrono::{Datelike, Duration, Weekday};
    if i % 9 == 4 {
        data.applicants = None;
    }
    if i >= PROCEDURES.len().saturating_sub(4) {
        return;
    }
    let (number, days_back) = [("215/QĐ-UBND", 300), ("1480/QĐ-UBND", 150), ("2764/QĐ-UBND", 40)][i % 3];
    let mut decided = today - Duration::days(days_back);
    while matches!(decided.weekday(), Weekday::Sat | Weekday::Sun) {
        decided += Duration::days(1);
    }
    let p = &mut data.publication;
    p.decision = Some(number.into());
    p.decision_date = Some(decided);
    p.basis_effective = Some(decided + Duration::days(if i % 7 == 3 { 3 } else { 30 }));
    p.public_date = match i {
        _ if i % 11 == 10 => None,
        _ if i % 5 == 2 => Some(decided + Duration::days(12)),
        _ => Some(decided + Duration::days(2)),
    };
}
