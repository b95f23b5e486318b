//! Each channel against its local stand-in, speaking the real protocol:
//! a delivery, and every way a provider fails (down, try later, refused,
//! an answer outside the protocol), each with its code and whether it is
//! tried again.

use std::collections::HashMap;
use std::time::Duration;

use motcua_notify::message::LANGUAGE_SEPARATOR;
use motcua_notify::sms::{PhoneFormat, SmsChannel, SmsConfig, default_body};
use motcua_notify::smtp::{Security, SmtpChannel, SmtpConfig};
use motcua_notify::template::variables;
use motcua_notify::testing::{Behaviour, GatewayBehaviour, GatewayStandIn, SmtpReceiver, ZALO_TOKEN};
use motcua_notify::zalo::{TokenSource, ZaloChannel, ZaloConfig};
use motcua_notify::{Address, Channel, Outgoing, SendError, Vars, compose};
use motcua_rules::notice::{ChannelKind, NoticeKind};

const EMAIL: &str = "nguyen.van.an@example.vn";
const PHONE: &str = "0912345678";

fn vars(kind: NoticeKind) -> Vars {
    let mut v: Vars = variables(kind).into_iter().map(|k| (k, format!("<{k}>"))).collect();
    v.insert("dossier_code", "H11.100-260304-0001".into());
    v.insert("applicant_name", "Nguyễn Văn An".into());
    v
}

fn smtp(port: u16) -> SmtpChannel {
    SmtpChannel::new(&SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        credentials: None,
        from: "Một cửa <motcua@example.gov.vn>".into(),
        timeout: Duration::from_secs(5),
    })
    .unwrap()
}

fn email(kind: NoticeKind) -> Outgoing {
    compose(kind, ChannelKind::Email, Address::Email(EMAIL.into()), vars(kind), "motcua-1".into()).unwrap()
}

fn phone(kind: NoticeKind, channel: ChannelKind) -> Outgoing {
    compose(kind, channel, Address::Phone(PHONE.into()), vars(kind), "motcua-2".into()).unwrap()
}

#[tokio::test]
async fn an_email_arrives_in_both_languages_with_vietnamese_letters_intact() {
    let receiver = SmtpReceiver::start().await;
    smtp(receiver.port).send(&email(NoticeKind::ResultReady)).await.unwrap();
    let mails = receiver.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m.to, [EMAIL]);
    assert_eq!(m.from, "motcua@example.gov.vn");
    assert_eq!(
        m.subject(),
        "Hồ sơ H11.100-260304-0001 đã có kết quả / The result of dossier H11.100-260304-0001 is ready"
    );
    let body = m.body();
    let (vi, en) = body.split_once(LANGUAGE_SEPARATOR).expect("two languages");
    assert!(vi.contains("Kính gửi Nguyễn Văn An") && vi.contains("đã giải quyết xong"), "{vi}");
    assert!(en.contains("Dear Nguyễn Văn An") && en.contains("has been handled"), "{en}");
}

#[tokio::test]
async fn an_smtp_server_that_is_down_or_busy_is_tried_again_and_a_refusal_is_final() {
    // Nothing listens on a port just freed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = smtp(closed).send(&email(NoticeKind::Received)).await.unwrap_err();
    assert_eq!(e, SendError::transient("smtp_unreachable"));

    let receiver = SmtpReceiver::start().await;
    let channel = smtp(receiver.port);
    for (behaviour, expected) in [
        (Behaviour::Drop, SendError::transient("smtp_unreachable")),
        (Behaviour::TryLater, SendError::transient("smtp_temporary")),
        (Behaviour::Refuse, SendError::permanent("smtp_refused")),
    ] {
        receiver.set_behaviour(behaviour);
        assert_eq!(channel.send(&email(NoticeKind::Received)).await.unwrap_err(), expected, "{behaviour:?}");
    }
    assert!(receiver.mails().is_empty());
    // Back up: the same channel delivers.
    receiver.set_behaviour(Behaviour::Accept);
    channel.send(&email(NoticeKind::Received)).await.unwrap();
    assert_eq!(receiver.wait_for(1, Duration::from_secs(5)).await.len(), 1);
}

#[tokio::test]
async fn a_bad_address_is_final_and_never_reaches_the_server() {
    let receiver = SmtpReceiver::start().await;
    let kind = NoticeKind::Received;
    let m = compose(kind, ChannelKind::Email, Address::Email("not an address".into()), vars(kind), "t".into()).unwrap();
    assert_eq!(smtp(receiver.port).send(&m).await.unwrap_err(), SendError::permanent("smtp_bad_address"));
    assert_eq!(receiver.connections(), 0);
}

fn sms_channel(url: String, accepted: Option<(&str, &str)>) -> SmsChannel {
    SmsChannel::new(SmsConfig {
        url,
        token: Some("sms-token".into()),
        body: default_body(),
        accepted: accepted.map(|(p, v)| (p.to_owned(), v.to_owned())),
        phone_format: PhoneFormat::National,
        ascii: true,
        timeout: Duration::from_secs(5),
    })
    .unwrap()
}

#[tokio::test]
async fn sms_through_the_gateway_and_its_failures() {
    let gw = GatewayStandIn::start().await;
    let channel = sms_channel(gw.sms_url(), Some(("/code", "0")));
    channel.send(&phone(NoticeKind::Received, ChannelKind::Sms)).await.unwrap();
    let sent = gw.requests();
    assert_eq!(sent[0].body["to"], PHONE);
    assert_eq!(sent[0].body["id"], "motcua-2");
    let text = sent[0].body["text"].as_str().unwrap();
    assert!(text.contains("H11.100-260304-0001") && text.is_ascii(), "{text}");

    let m = phone(NoticeKind::Received, ChannelKind::Sms);
    gw.set_behaviour(GatewayBehaviour::Down);
    let e = channel.send(&m).await.unwrap_err();
    assert_eq!((e.code, e.transient, e.status), ("gateway_http_status", true, Some(503)));
    gw.set_behaviour(GatewayBehaviour::Refuse);
    assert_eq!(channel.send(&m).await.unwrap_err(), SendError::permanent("gateway_refused"));
    gw.set_behaviour(GatewayBehaviour::Garble);
    assert_eq!(channel.send(&m).await.unwrap_err(), SendError::permanent("gateway_bad_answer"));
    // Without a pointer to check, a 2xx is enough.
    assert!(sms_channel(gw.sms_url(), None).send(&m).await.is_ok());

    drop(gw);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = sms_channel(format!("http://127.0.0.1:{closed}/sms"), None).send(&m).await.unwrap_err();
    assert_eq!(e, SendError::transient("gateway_unreachable"));
}

fn zalo(url: String, token: &str) -> ZaloChannel {
    let templates = HashMap::from([(NoticeKind::ResultReady, "412345".to_owned())]);
    ZaloChannel::new(ZaloConfig {
        url,
        access_token: TokenSource::Value(token.into()),
        templates,
        timeout: Duration::from_secs(5),
    })
    .unwrap()
}

#[tokio::test]
async fn zalo_zns_fills_the_registered_template_with_the_variables() {
    let gw = GatewayStandIn::start().await;
    let channel = zalo(gw.zns_url(), ZALO_TOKEN);
    let receipt = channel.send(&phone(NoticeKind::ResultReady, ChannelKind::Zalo)).await.unwrap();
    assert_eq!(receipt.provider_id.as_deref(), Some("zns-1"));
    let body = &gw.requests()[0].body;
    assert_eq!(body["phone"], "84912345678");
    assert_eq!(body["template_id"], "412345");
    assert_eq!(body["template_data"]["dossier_code"], "H11.100-260304-0001");
    assert_eq!(body["tracking_id"], "motcua-2");

    // A kind with no registered template is not sent.
    let e = channel.send(&phone(NoticeKind::Received, ChannelKind::Zalo)).await.unwrap_err();
    assert_eq!(e, SendError::permanent("notify_channel_not_configured"));
    assert_eq!(gw.requests().len(), 1);

    let m = phone(NoticeKind::ResultReady, ChannelKind::Zalo);
    let e = zalo(gw.zns_url(), "expired").send(&m).await.unwrap_err();
    assert_eq!(e, SendError::permanent("zalo_refused"));
    gw.set_behaviour(GatewayBehaviour::Down);
    assert!(channel.send(&m).await.unwrap_err().transient);
    gw.set_behaviour(GatewayBehaviour::Garble);
    assert_eq!(channel.send(&m).await.unwrap_err(), SendError::permanent("gateway_bad_answer"));
}

#[tokio::test]
async fn the_zalo_token_is_read_from_its_file_at_each_send() {
    let gw = GatewayStandIn::start().await;
    let file = std::env::temp_dir().join(format!("motcua-zalo-token-{}", std::process::id()));
    std::fs::write(&file, "old-token\n").unwrap();
    let channel = ZaloChannel::new(ZaloConfig {
        url: gw.zns_url(),
        access_token: TokenSource::File(file.clone()),
        templates: HashMap::from([(NoticeKind::ResultReady, "412345".to_owned())]),
        timeout: Duration::from_secs(5),
    })
    .unwrap();
    let m = phone(NoticeKind::ResultReady, ChannelKind::Zalo);
    assert_eq!(channel.send(&m).await.unwrap_err().code, "zalo_refused");
    std::fs::write(&file, format!("{ZALO_TOKEN}\n")).unwrap();
    assert!(channel.send(&m).await.is_ok());
    let _ = std::fs::remove_file(file);
}
