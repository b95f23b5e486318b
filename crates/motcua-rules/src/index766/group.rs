//! The six indicator groups the national portal shows (docs/sources.md#766-portal).

use serde::{Deserialize, Serialize};

/// A component group (nhóm chỉ số thành phần). The original decision has
/// five groups; the portal splits "online service provision" (22) into
/// online services (12) and online payment (10). The total is still 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Công khai, minh bạch (18).
    Transparency,
    /// Tiến độ, kết quả giải quyết (20).
    Progress,
    /// Dịch vụ công trực tuyến (12).
    OnlineService,
    /// Thanh toán trực tuyến (10).
    OnlinePayment,
    /// Số hóa hồ sơ (22).
    Digitisation,
    /// Mức độ hài lòng (18).
    Satisfaction,
}

impl Group {
    pub const COUNT: usize = 6;

    /// In the portal's display order.
    pub const ALL: [Group; Group::COUNT] = [
        Group::Transparency,
        Group::Progress,
        Group::OnlineService,
        Group::OnlinePayment,
        Group::Digitisation,
        Group::Satisfaction,
    ];

    /// Position in [`Group::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The snake_case name used by motcua (`"progress"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Group::Transparency => "transparency",
            Group::Progress => "progress",
            Group::OnlineService => "online_service",
            Group::OnlinePayment => "online_payment",
            Group::Digitisation => "digitisation",
            Group::Satisfaction => "satisfaction",
        }
    }

    pub fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == s)
    }

    /// The portal's evaluation API group (`POST /api/v1/reporting/evaluation/{id}`).
    pub const fn api_id(self) -> &'static str {
        match self {
            Group::Transparency => "transparency",
            Group::Progress => "dvc-progress-tree",
            Group::OnlineService => "provide-online-tree",
            Group::OnlinePayment => "formality-online-payment-tree",
            Group::Digitisation => "dossier-digitized",
            Group::Satisfaction => "handling-satisfaction",
        }
    }

    /// The short code in the portal's `service-results` `groupScores`.
    pub const fn short_code(self) -> &'static str {
        match self {
            Group::Transparency => "CKMB",
            Group::Progress => "TDGQ",
            Group::OnlineService => "CLGQ",
            Group::OnlinePayment => "TTTT",
            Group::Digitisation => "MDSH",
            Group::Satisfaction => "MDHL",
        }
    }

    /// The name users know.
    pub const fn name_vi(self) -> &'static str {
        match self {
            Group::Transparency => "Công khai, minh bạch",
            Group::Progress => "Tiến độ, kết quả giải quyết",
            Group::OnlineService => "Dịch vụ công trực tuyến",
            Group::OnlinePayment => "Thanh toán trực tuyến",
            Group::Digitisation => "Số hóa hồ sơ",
            Group::Satisfaction => "Mức độ hài lòng",
        }
    }

    /// Maximum points of the group; the six add up to 100.
    pub const fn max(self) -> f64 {
        match self {
            Group::Transparency => 18.0,
            Group::Progress => 20.0,
            Group::OnlineService => 12.0,
            Group::OnlinePayment => 10.0,
            Group::Digitisation => 22.0,
            Group::Satisfaction => 18.0,
        }
    }
}
