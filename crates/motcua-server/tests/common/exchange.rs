//! The exchange's fixtures for the page tests (docs/exchange.md): this
//! installation configured with a bus (never reached: the page tests do
//! not run the jobs) and messages received the way the consumer receives
//! them (`Exchange::examine`, `Store::receive_message`).

use chrono::NaiveDate;
use motcua_bus::{Exchange, ExchangeSettings, StreamSettings};
use motcua_edxml::{BusinessType, Code, Envelope, Organ, OrganId, Priority, Signer};
use motcua_server::Config;

use super::TestApp;

pub const HERE: &str = "000.00.04.G18";
pub const THERE: &str = "000.00.00.H30";

pub fn here() -> Exchange {
    Exchange { agency: Organ::new(OrganId::parse(HERE).unwrap(), "Bộ Nội vụ"), subject_prefix: "EDOC.out".into() }
}

pub fn configured(c: &mut Config) {
    c.exchange = Some(ExchangeSettings {
        url: "nats://motcua:bi-mat@127.0.0.1:4999".into(),
        stream: StreamSettings::default(),
        exchange: here(),
        every: ExchangeSettings::DEFAULT_EVERY,
    });
}

pub fn envelope(number: &str) -> Envelope {
    Envelope {
        from: Organ::new(OrganId::parse(THERE).unwrap(), "UBND tỉnh Hậu Giang"),
        to: vec![Organ::new(OrganId::parse(HERE).unwrap(), "Bộ Nội vụ")],
        code: Code { number: number.into(), notation: "UBND-VP".into() },
        place: "Hậu Giang".into(),
        promulgation_date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        type_code: 18,
        type_name: "Công văn".into(),
        subject: "V/v báo cáo".into(),
        content: None,
        signer: Signer::default(),
        due_date: None,
        to_places: vec![],
        priority: Priority::Normal,
        steering_type: None,
        document_id: format!("{THERE},2026/03/04,{number}/UBND-VP"),
        response_for: vec![],
        trace: vec![],
        business: BusinessType::New,
        business_reason: None,
        secrecy: None,
        attachments: vec![],
    }
}

/// One accepted document and one refused (a priority outside the list),
/// received as the consumer receives them.
pub async fn receive_two(app: &TestApp) {
    let x = here();
    let good = motcua_edxml::build(&envelope("05")).unwrap();
    let bad = String::from_utf8(motcua_edxml::build(&envelope("06")).unwrap())
        .unwrap()
        .replace(">0</edXML:Priority>", ">9</edXML:Priority>");
    for (key, bytes) in [("k-good", good), ("k-bad", bad.into_bytes())] {
        let incoming = x.examine(&x.inbox_subject(), key, &bytes, app.now());
        assert!(app.state.store.receive_message(incoming, app.now()).await.unwrap().is_new());
    }
}
