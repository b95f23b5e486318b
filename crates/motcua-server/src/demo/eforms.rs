//! The demo's electronic forms (tờ khai điện tử): two civil-status
//! procedures that take fully online submissions (the marital-status
//! certificate and the death registration) get a form the citizen fills in
//! the browser, after the paper forms of Thông tư 04/2020/TT-BTP as far as
//! the demo needs (a few of their fields, not the whole form). Birth
//! registration keeps its file upload: it is the procedure the other
//! online-submission tests and screens use.

use chrono::NaiveDateTime;
use motcua_rules::eform::{EformDefinition, EformField, FieldKind};
use motcua_store::{Store, StoreError};

/// The component the demo forms fill (`catalog::DON`).
const COMPONENT: &str = "Tờ khai theo mẫu";

fn field(key: &str, vi: &str, en: &str, kind: FieldKind, required: bool) -> EformField {
    EformField {
        key: key.into(),
        label_vi: vi.into(),
        label_en: Some(en.into()),
        kind,
        required,
        max_length: None,
        options: Vec::new(),
    }
}

fn choice(key: &str, vi: &str, en: &str, options: &[&str]) -> EformField {
    EformField {
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        ..field(key, vi, en, FieldKind::Choice, true)
    }
}

/// Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (procedure 1.004884).
pub fn marital_status() -> EformDefinition {
    use FieldKind::*;
    EformDefinition {
        title_vi: "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân".into(),
        title_en: Some("Application for a certificate of marital status".into()),
        component: COMPONENT.into(),
        fields: vec![
            EformField {
                max_length: Some(100),
                ..field(
                    "full_name",
                    "Họ, chữ đệm, tên người được xác nhận",
                    "Full name of the person certified",
                    Text,
                    true,
                )
            },
            field("birth_date", "Ngày, tháng, năm sinh", "Date of birth", Date, true),
            choice("sex", "Giới tính", "Sex", &["Nam", "Nữ"]),
            field("ethnicity", "Dân tộc", "Ethnic group", Text, true),
            field("residence", "Nơi cư trú", "Place of residence", Text, true),
            choice(
                "status",
                "Tình trạng hôn nhân",
                "Marital status",
                &["Chưa đăng ký kết hôn với ai", "Đang có vợ/chồng", "Đã ly hôn", "Vợ/chồng đã chết"],
            ),
            field("purpose", "Mục đích sử dụng Giấy xác nhận", "What the certificate is for", Text, true),
            field("copies", "Số bản đề nghị cấp", "Number of copies requested", Number, false),
            field("note", "Ghi chú", "Notes", LongText, false),
            field(
                "pledge",
                "Tôi cam đoan nội dung khai trên đây là đúng sự thật",
                "I declare that the above is true",
                YesNo,
                true,
            ),
        ],
    }
}

/// Tờ khai đăng ký khai tử (procedure 1.000656).
pub fn death() -> EformDefinition {
    use FieldKind::*;
    EformDefinition {
        title_vi: "Tờ khai đăng ký khai tử".into(),
        title_en: Some("Death registration form".into()),
        component: COMPONENT.into(),
        fields: vec![
            field("deceased_name", "Họ, chữ đệm, tên người đã chết", "Full name of the deceased", Text, true),
            field("deceased_birth_date", "Ngày, tháng, năm sinh", "Date of birth", Date, true),
            field("death_date", "Ngày chết", "Date of death", Date, true),
            field("death_place", "Nơi chết", "Place of death", Text, true),
            field("cause", "Nguyên nhân chết", "Cause of death", Text, false),
            field("relationship", "Quan hệ với người đã chết", "Relationship to the deceased", Text, true),
            field(
                "pledge",
                "Tôi cam đoan nội dung khai trên đây là đúng sự thật",
                "I declare that the above is true",
                YesNo,
                true,
            ),
        ],
    }
}

/// The procedures that get a demo e-form.
pub const PROCEDURES: [&str; 2] = ["1.004884", "1.000656"];

/// Defines the demo e-forms (as no one).
pub async fn load(store: &Store, now: NaiveDateTime) -> Result<(), StoreError> {
    for (code, def) in PROCEDURES.iter().zip([marital_status(), death()]) {
        store.save_procedure_eform(None, (*code).to_owned(), def, None, now).await?;
    }
    Ok(())
}
