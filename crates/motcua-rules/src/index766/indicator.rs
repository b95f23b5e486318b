//! The indicators of the six groups, as data (docs/sources.md#766-formulas).
//!
//! Sources, as tagged in docs/sources.md#766-formulas:
//! - (A) the VPCP technical spec "Mô tả công thức tính chỉ số 766" (definitions);
//! - (B) the "METRICS" sheet of "Công thức 766.xlsx" (maxima, checked against the API);
//! - (C) formulas fitted to live portal scores (Phú Thọ, 26/09/2026, tolerance 0.015).
//!
//! Where (A) and (C) disagree the fitted formula (C) is used, because it is
//! what the portal actually computes, and the disagreement is kept in `note`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::group::Group;

/// How a ratio becomes points. The ratio is numerator / denominator as a
/// fraction (0.85 for 85%).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// `score = max × ratio` (the ratio is capped at 1 so the score never
    /// exceeds the maximum).
    Linear,
    /// `score = min(max, max × ratio / full_at)`: full marks from `full_at`
    /// ("đạt từ X% trở lên sẽ đạt điểm tối đa").
    Threshold { full_at: f64 },
    /// The sources give no formula that reproduces the portal: no score,
    /// unless the configuration supplies one (provisional).
    Unresolved { reason: &'static str },
    /// Shown for information only, never scored (maximum 0 or not confirmed).
    Tracking,
}

impl Rule {
    /// Points for `ratio` out of `max`; `None` for [`Rule::Tracking`] and
    /// [`Rule::Unresolved`]. A negative or non-finite ratio counts as 0.
    pub fn points(self, max: f64, ratio: f64) -> Option<f64> {
        let ratio = if ratio.is_finite() && ratio > 0.0 { ratio } else { 0.0 };
        match self {
            Rule::Linear => Some(max * ratio.min(1.0)),
            Rule::Threshold { full_at } => Some((max * ratio / full_at).min(max)),
            Rule::Unresolved { .. } | Rule::Tracking => None,
        }
    }
}

/// What an indicator scores when its denominator is 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "score", rename_all = "snake_case")]
pub enum WhenEmpty {
    /// The ratio counts as 0 (shown as 0%), so the score is 0. Verified for
    /// the online-payment group (C).
    RatioZero,
    /// The ratio is N/A and the score 0: (A) "show 0 or N/A"; (C) scores a
    /// null ratio as 0.
    Zero,
    /// The ratio is N/A and the score fixed, verified on the portal (C):
    /// 6 for the PAKN metrics, 0 for dossier satisfaction.
    Score(f64),
    /// Never observed: the score comes from the configuration
    /// ([`super::Config::progress_when_empty`]) and is provisional.
    Configured,
}

/// One indicator: what it measures, its maximum and how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndicatorDef {
    pub indicator: Indicator,
    /// The id in the spec (A) ("1.1", "4.5b"); ids (A) does not give are
    /// motcua's and say so in `note`.
    pub id: &'static str,
    pub group: Group,
    /// The metric `code` in the portal's metric-list responses; `None` for
    /// the tree groups, whose responses carry raw counters instead.
    pub metric_code: Option<&'static str>,
    /// The name users know (tên chỉ tiêu).
    pub name_vi: &'static str,
    pub name_en: &'static str,
    /// What is counted, numerator / denominator (from (A) or the API fields).
    pub formula: &'static str,
    /// Maximum points (B); 0 for indicators that are only tracked.
    pub max: f64,
    pub rule: Rule,
    pub when_empty: WhenEmpty,
    /// Where the maximum and the scoring come from.
    pub source: &'static str,
    /// Whether the scoring reproduces the portal's published scores (C).
    pub verified: bool,
    /// Disagreements between sources and other caveats.
    pub note: Option<&'static str>,
}

macro_rules! indicators {
    ($($variant:ident = $id:literal,)*) => {
        /// An indicator of the 766 index. Serialised as its id (`"1.1"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Indicator {
            $($variant,)*
        }

        impl Indicator {
            /// In group order, the same order as [`INDICATORS`].
            pub const ALL: [Indicator; Indicator::COUNT] = [$(Indicator::$variant,)*];

            /// The id in the spec (A), or motcua's where (A) has none.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Indicator::$variant => $id,)*
                }
            }
        }
    };
}

indicators! {
    PublishOnTime = "1.1",
    PublicUpdateOnTime = "1.2",
    PublicContentFull = "1.3",
    DossierSync = "1.4",
    ProgressOnTime = "2.1",
    OnlineFullDossiers = "3.0",
    OnlineProvided = "3.1",
    OnlineServiceWithDossiers = "3.2",
    OnlineSubmission = "3.3",
    PaymentFormalityIntegrated = "3.5",
    PaymentFormalityTransactions = "3.5b",
    PaymentDossiers = "3.6",
    ElectronicResult = "4.1",
    DigitisedComponents = "4.2",
    ElectronicCertifiedCopy = "4.6",
    ReusedDigitisedData = "4.3",
    PersonalDataStore = "4.4",
    CitizenDataDossier = "4.5b",
    CitizenDataFormality = "4.5a",
    PetitionClassificationTthc = "5.1a",
    PetitionClassificationStaff = "5.1b",
    PetitionOnTime = "5.2",
    PetitionSatisfaction = "5.3",
    DossierSatisfaction = "5.4",
}

impl Indicator {
    pub const COUNT: usize = 24;

    /// Position in [`Indicator::ALL`] and [`INDICATORS`].
    pub const fn index(self) -> usize {
        self as usize
    }

    pub fn def(self) -> &'static IndicatorDef {
        &INDICATORS[self.index()]
    }

    pub fn group(self) -> Group {
        self.def().group
    }

    pub fn parse_id(id: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.id() == id)
    }

    /// The indicator behind a metric `code` of the portal's metric lists.
    pub fn from_metric_code(code: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.def().metric_code == Some(code))
    }

    /// The indicators of `group`, in order.
    pub fn of_group(group: Group) -> impl Iterator<Item = Indicator> {
        Indicator::ALL.into_iter().filter(move |i| i.group() == group)
    }
}

impl Serialize for Indicator {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Indicator {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        Indicator::parse_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown 766 indicator id `{id}`")))
    }
}

const SRC_TRANSPARENCY: &str = "max (B); linear scoring (C), verified on 2,290 observations across the 4 metrics";
const SRC_DIGITISATION: &str = "max (B); min(max, max × ratio) (C), verified on 492–984 observations";
const SRC_PAYMENT: &str =
    "max (B); group formula 6·A + min(2, 2.5·B) + 2.5·C (C), verified on 984 records, max error 0.0138";
const SRC_PAKN: &str = "max (B); (C) verified on 492 observations; 6 points when there is no PAKN, as (A) describes";
const REASON_DVCTT: &str = "the DVCTT group formula is unresolved (docs/sources.md#766-dvctt): no formula reproduces \
     the portal's scores; the hypothesis 4 × onlineDossierCount / onlineServiceTotal was rejected";

/// Every indicator, in the order of [`Indicator::ALL`]. Maxima add up to
/// the group maxima and to 100.
pub static INDICATORS: [IndicatorDef; Indicator::COUNT] = [
    // Group 1: Công khai, minh bạch (18).
    IndicatorDef {
        indicator: Indicator::PublishOnTime,
        id: "1.1",
        group: Group::Transparency,
        metric_code: Some("PUBLISH_ON_TIME"),
        name_vi: "Tỷ lệ TTHC công bố đúng hạn",
        name_en: "Procedures published on time",
        formula: "TTHC published on time / TTHC published in the period; on time when the publication decision \
                  (QĐCB) is dated no later than the latest effective date of its legal basis minus 20 working days \
                  (ministries) or 5 (provinces); a TTHC counts once per period, late if any of its QĐCB was late",
        max: 6.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::Zero,
        source: SRC_TRANSPARENCY,
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::PublicUpdateOnTime,
        id: "1.2",
        group: Group::Transparency,
        metric_code: Some("PUBLIC_UPDATE_ON_TIME"),
        name_vi: "Tỷ lệ TTHC được cập nhật, công khai đúng hạn trên CSDL quốc gia",
        name_en: "Procedures updated and made public on time in the national database",
        formula: "TTHC made public on time (\"Công khai\" clicked no later than the QĐCB date + 10 working days \
                  for ministries, + 5 for provinces) / TTHC published in the period + TTHC due for publication",
        max: 4.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::Zero,
        source: SRC_TRANSPARENCY,
        verified: true,
        note: Some("province or ministry level only"),
    },
    IndicatorDef {
        indicator: Indicator::PublicContentFull,
        id: "1.3",
        group: Group::Transparency,
        metric_code: Some("PUBLIC_CONTENT_FULL"),
        name_vi: "TTHC công khai đầy đủ các bộ phận tạo thành",
        name_en: "Procedures published with all their components",
        formula: "TTHC with every component of khoản 2 Điều 8 NĐ 63/2010 / TTHC made public in the national \
                  database (a point-in-time count, not per period)",
        max: 2.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::Zero,
        source: SRC_TRANSPARENCY,
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::DossierSync,
        id: "1.4",
        group: Group::Transparency,
        metric_code: Some("DOSSIER_SYNC"),
        name_vi: "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG",
        name_en: "Dossiers synchronised to the national portal",
        formula: "dossiers synced with a receipt date in the period / max(received per the national reporting \
                  system BCQG, received on DVCQG)",
        max: 6.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::Zero,
        source: SRC_TRANSPARENCY,
        verified: true,
        note: Some(
            "(A): when both received counts are 0 the denominator is last year's BCQG total ÷12 (month), ÷4 \
             (quarter) or whole (year); the statistics layer must supply that denominator",
        ),
    },
    // Group 2: Tiến độ, kết quả giải quyết (20).
    IndicatorDef {
        indicator: Indicator::ProgressOnTime,
        id: "2.1",
        group: Group::Progress,
        metric_code: None,
        name_vi: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
        name_en: "Dossiers handled early or on time",
        formula: "totalOnTime / totalReceived: dossiers handled, or still in process, on time or within time / \
                  dossiers received or handled in the period",
        max: 20.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::Configured,
        source: "max (B); 20 × totalOnTime / totalReceived (C), verified on 984 parent/child records",
        verified: true,
        note: Some("the portal's score when totalReceived = 0 was never observed: configured, provisional"),
    },
    // Group 3: Dịch vụ công trực tuyến (12).
    IndicatorDef {
        indicator: Indicator::OnlineFullDossiers,
        id: "3.0",
        group: Group::OnlineService,
        metric_code: None,
        name_vi: "Hồ sơ DVCTT toàn trình trên tổng hồ sơ TTHC đủ điều kiện toàn trình",
        name_en: "Fully online dossiers / dossiers of procedures eligible for fully online service",
        formula: "fully online (toàn trình) dossiers / dossiers of TTHC eligible for toàn trình",
        max: 12.0,
        rule: Rule::Unresolved { reason: REASON_DVCTT },
        when_empty: WhenEmpty::Zero,
        source: "max 12 (B, METRICS row 7); formula UNRESOLVED (C)",
        verified: false,
        note: Some("\"3.0\" is motcua's id: the row has none in (A); the portal's response has no counters for it"),
    },
    IndicatorDef {
        indicator: Indicator::OnlineProvided,
        id: "3.1",
        group: Group::OnlineService,
        metric_code: None,
        name_vi: "Tỷ lệ TTHC cung cấp DVCTT",
        name_en: "Procedures offered as online public services",
        formula: "(partialCount + fullCount) / authorityCount: TTHC with DVCTT một phần or toàn trình / TTHC \
                  within competence",
        max: 0.0,
        rule: Rule::Tracking,
        when_empty: WhenEmpty::Zero,
        source: "formula (A); points not confirmed ((B) null)",
        verified: false,
        note: Some("(A): ≥80% ⇒ max, below ratio × max / 80%, but the maximum is not confirmed"),
    },
    IndicatorDef {
        indicator: Indicator::OnlineServiceWithDossiers,
        id: "3.2",
        group: Group::OnlineService,
        metric_code: None,
        name_vi: "Tỷ lệ DVCTT có phát sinh hồ sơ",
        name_en: "Online services that received dossiers",
        formula: "onlineDossierCount / onlineServiceTotal: DVC with dossiers received online / DVC of the TTHC",
        max: 0.0,
        rule: Rule::Tracking,
        when_empty: WhenEmpty::Zero,
        source: "formula (A); points not confirmed ((B) null)",
        verified: false,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::OnlineSubmission,
        id: "3.3",
        group: Group::OnlineService,
        metric_code: None,
        name_vi: "Tỷ lệ hồ sơ TTHC nộp trực tuyến",
        name_en: "Dossiers submitted online",
        formula: "channelOnlineSum / channelTotalSum: dossiers with KenhThucHien = 2 (and an electronic result \
                  where a paper result is required) / dossiers received in the period, × the sync rate",
        max: 0.0,
        rule: Rule::Tracking,
        when_empty: WhenEmpty::Zero,
        source: "formula (A); points not confirmed ((B) null)",
        verified: false,
        note: Some("(A): ≥50% ⇒ max, below ratio × max / 50%, but the maximum is not confirmed"),
    },
    // Group 4: Thanh toán trực tuyến (10).
    IndicatorDef {
        indicator: Indicator::PaymentFormalityIntegrated,
        id: "3.5",
        group: Group::OnlinePayment,
        metric_code: None,
        name_vi: "TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến trên Cổng DVCQG",
        name_en: "Fee-charging procedures integrated for online payment",
        formula: "totalFeeDossierFormality / totalFeeFormality (C in the group formula): TTHC with dossiers that \
                  synced fee data / TTHC with fees in the national database",
        max: 2.0,
        rule: Rule::Threshold { full_at: 0.8 },
        when_empty: WhenEmpty::RatioZero,
        source: SRC_PAYMENT,
        verified: true,
        note: Some(
            "(C) fits 2.5·C with no cap; that equals (A)'s \"≥80% ⇒ max\" while C ≤ 80%. Above 80% the \
             uncapped form would exceed this indicator's 2 points and the group's 10, so motcua caps as (A) says",
        ),
    },
    IndicatorDef {
        indicator: Indicator::PaymentFormalityTransactions,
        id: "3.5b",
        group: Group::OnlinePayment,
        metric_code: None,
        name_vi: "TTHC có giao dịch thanh toán trực tuyến",
        name_en: "Procedures with online payment transactions",
        formula: "totalDossierOnlineFormalityPaymentSuccess / totalFeeFormality (B in the group formula)",
        max: 2.0,
        rule: Rule::Threshold { full_at: 0.8 },
        when_empty: WhenEmpty::RatioZero,
        source: SRC_PAYMENT,
        verified: true,
        note: Some("(A) gives no formula; min(2, 2.5·B), full marks from 80%, is the fit (C)"),
    },
    IndicatorDef {
        indicator: Indicator::PaymentDossiers,
        id: "3.6",
        group: Group::OnlinePayment,
        metric_code: None,
        name_vi: "Tỷ lệ hồ sơ thanh toán trực tuyến",
        name_en: "Dossiers paid online",
        formula: "totalDossierOnlinePaymentSuccess / totalDossierFinancialObligation (A in the group formula): \
                  dossiers paid online (DuocThanhToanTrucTuyen 1 or 2) / dossiers of fee-charging TTHC, less those \
                  whose synced fees are all 0",
        max: 6.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::RatioZero,
        source: SRC_PAYMENT,
        verified: true,
        note: None,
    },
    // Group 5: Số hóa hồ sơ (22).
    IndicatorDef {
        indicator: Indicator::ElectronicResult,
        id: "4.1",
        group: Group::Digitisation,
        metric_code: Some("ORIGINAL_RESULT_AVAILABLE"),
        name_vi: "Hồ sơ có kết quả giải quyết điện tử",
        name_en: "Dossiers with an electronic result",
        formula: "dossiers with an electronic result file link / dossiers of TTHC that require a paper result",
        max: 6.0,
        rule: Rule::Threshold { full_at: 1.0 },
        when_empty: WhenEmpty::Zero,
        source: SRC_DIGITISATION,
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::DigitisedComponents,
        id: "4.2",
        group: Group::Digitisation,
        metric_code: Some("SO_HOA_GIAY_TO_GIAI_QUYET"),
        name_vi: "Hồ sơ thực hiện số hóa thành phần hồ sơ, kết quả giải quyết",
        name_en: "Dossiers with digitised components and results",
        formula: "dossiers with digitised input components and, where required, an electronic result / dossiers \
                  within competence",
        max: 4.0,
        rule: Rule::Threshold { full_at: 1.0 },
        when_empty: WhenEmpty::Zero,
        source: SRC_DIGITISATION,
        verified: true,
        note: Some("the spec (A) says full marks from 80%; the portal (C) gives full marks only at 100%"),
    },
    IndicatorDef {
        indicator: Indicator::ElectronicCertifiedCopy,
        id: "4.6",
        group: Group::Digitisation,
        metric_code: Some("ELECTRONIC_CERTIFIED_COPY"),
        name_vi: "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
        name_en: "Electronic certified copies from originals",
        formula: "as counted by the portal (no definition in (A))",
        max: 2.0,
        rule: Rule::Threshold { full_at: 1.0 },
        when_empty: WhenEmpty::Zero,
        source: SRC_DIGITISATION,
        verified: true,
        note: Some("\"4.6\" is motcua's id: the metric has none in (A)"),
    },
    IndicatorDef {
        indicator: Indicator::ReusedDigitisedData,
        id: "4.3",
        group: Group::Digitisation,
        metric_code: Some("REUSED_DIGITIZED_DATA"),
        name_vi: "Hồ sơ khai thác, sử dụng lại dữ liệu số hóa",
        name_en: "Dossiers reusing digitised data",
        formula: "dossiers received in the period with a component reusing digitised data (HoSoCoThanhPhanSoHoa \
                  = 1, or TaiLieuNop.DuocSoHoa = 1) / dossiers received in the period",
        max: 2.0,
        rule: Rule::Threshold { full_at: 0.8 },
        when_empty: WhenEmpty::Zero,
        source: "max (B); min(2, 2 × ratio / 80%) (C), verified",
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::PersonalDataStore,
        id: "4.4",
        group: Group::Digitisation,
        metric_code: Some("SYNCED_WITH_DVCQG_PERSONAL_STORAGE"),
        name_vi: "Hồ sơ số hóa kết nối, chia sẻ để tái sử dụng",
        name_en: "Dossiers connected with the citizen's personal data store",
        formula: "dossiers with a component taken from the personal data store (DuocLayTuKhoDMQG = 1) or an \
                  e-result synced to it / dossiers received in the period",
        max: 4.0,
        rule: Rule::Threshold { full_at: 1.0 },
        when_empty: WhenEmpty::Zero,
        source: "max (B); (C) observed only ratio 0 ⇒ 0 points; the slope is assumed like the other metrics",
        verified: false,
        note: Some("provisional whenever the ratio is above 0: the slope has never been observed"),
    },
    IndicatorDef {
        indicator: Indicator::CitizenDataDossier,
        id: "4.5b",
        group: Group::Digitisation,
        metric_code: Some("CITIZEN_DATA_CONNECTED_DOSSIER"),
        name_vi: "Hồ sơ sử dụng thông tin từ CSDL quốc gia về dân cư",
        name_en: "Dossiers using population-database data",
        formula: "dossiers using population-database data (VNeID-verified account, DuocLayTuKhoDMQG, or a \
                  population-DB MaCSDL) / all dossiers",
        max: 2.0,
        rule: Rule::Threshold { full_at: 1.0 },
        when_empty: WhenEmpty::Zero,
        source: SRC_DIGITISATION,
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::CitizenDataFormality,
        id: "4.5a",
        group: Group::Digitisation,
        metric_code: Some("CITIZEN_DATA_CONNECTED_FORMALITY"),
        name_vi: "TTHC kết nối, chia sẻ dữ liệu dân cư",
        name_en: "Procedures connected with the population database",
        formula: "TTHC with dossiers using population-database data / TTHC whose applicants include Vietnamese \
                  citizens, overseas Vietnamese or foreigners",
        max: 2.0,
        rule: Rule::Threshold { full_at: 1.0 },
        when_empty: WhenEmpty::Zero,
        source: SRC_DIGITISATION,
        verified: true,
        note: Some("the portal leaves this metric out when a response is filtered to one TTHC"),
    },
    // Group 6: Mức độ hài lòng (18).
    IndicatorDef {
        indicator: Indicator::PetitionClassificationTthc,
        id: "5.1a",
        group: Group::Satisfaction,
        metric_code: Some("PETITION_CLASSIFICATION_TTHC"),
        name_vi: "Phản ánh, kiến nghị về quy định, TTHC",
        name_en: "Complaints and suggestions about regulations or procedures",
        formula: "PAKN about regulations or TTHC / all PAKN",
        max: 0.0,
        rule: Rule::Tracking,
        when_empty: WhenEmpty::Zero,
        source: "(B) max 0; the portal returns score = null",
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::PetitionClassificationStaff,
        id: "5.1b",
        group: Group::Satisfaction,
        metric_code: Some("PETITION_CLASSIFICATION_STAFF"),
        name_vi: "Phản ánh, kiến nghị về cán bộ, công chức",
        name_en: "Complaints and suggestions about staff conduct",
        formula: "PAKN about staff conduct / all PAKN",
        max: 0.0,
        rule: Rule::Tracking,
        when_empty: WhenEmpty::Zero,
        source: "(B) max 0; the portal returns score = null",
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::PetitionOnTime,
        id: "5.2",
        group: Group::Satisfaction,
        metric_code: Some("PETITION_PROCESSING_ON_TIME"),
        name_vi: "Phản ánh, kiến nghị xử lý đúng hạn",
        name_en: "Complaints and suggestions handled on time",
        formula: "PAKN handled on time + in process within time / PAKN received or handled in the period",
        max: 6.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::Score(6.0),
        source: SRC_PAKN,
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::PetitionSatisfaction,
        id: "5.3",
        group: Group::Satisfaction,
        metric_code: Some("PETITION_HANDLING_SATISFACTION"),
        name_vi: "Hài lòng trong xử lý phản ánh, kiến nghị",
        name_en: "Satisfaction with the handling of complaints and suggestions",
        formula: "(PAKN − those rated dissatisfied, repeated or overdue) / PAKN first received in the period",
        max: 6.0,
        rule: Rule::Linear,
        when_empty: WhenEmpty::Score(6.0),
        source: SRC_PAKN,
        verified: true,
        note: None,
    },
    IndicatorDef {
        indicator: Indicator::DossierSatisfaction,
        id: "5.4",
        group: Group::Satisfaction,
        metric_code: Some("DOSSIER_RECEIVING_SATISFACTION"),
        name_vi: "Hài lòng trong tiếp nhận, giải quyết TTHC",
        name_en: "Satisfaction with receiving and handling dossiers",
        formula: "100% − (overdue dossier rate + rate of dossiers with a PAKN or a \"dislike\"), as numerator / \
                  denominator counted by the portal",
        max: 6.0,
        rule: Rule::Threshold { full_at: 0.9 },
        when_empty: WhenEmpty::Score(0.0),
        source: "max (B); 0 when empty, otherwise min(6, 6 × ratio / 90%) (C), verified on 492 observations",
        verified: true,
        note: None,
    },
];
