//! The reform office's screens beyond the sheet: the audit log in words,
//! the framework form, the SIPAS card sheet, and who may open them.

use crate::common::TestApp;
use crate::common::html::Html;
use crate::pages_reform::{campaign_id, get, own_items, post, unit_id};

/// Scores every self-assessed item of the sheet with `score`, in one save.
async fn score_all(app: &TestApp, c: &reqwest::Client, sheet: &str, score: &str) {
    let mut all: Vec<(String, String)> =
        own_items(app, "lanhdao", sheet).await.into_iter().map(|code| (format!("self:{code}"), score.into())).collect();
    all.push(("then".into(), "save".into()));
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(app, c, sheet, sheet, &all).await.assert_status(303);
}

fn rows(h: &Html) -> Vec<i64> {
    h.body.split("data-audit=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect()
}

both_backends!(the_audit_log_says_who_did_what_in_words_newest_first_a_page_at_a_time, |app| async move {
    let id = campaign_id(&app, "noivu", 2026).await;
    let unit = unit_id(&app, "noivu", id, "H11.100").await;
    let sheet = format!("/reform/campaigns/{id}/units/{unit}");
    let leader = app.page_client(Some("lanhdao"), None).await;
    // Two rounds over 27 items: more lines than one page holds.
    score_all(&app, &leader, &sheet, "1").await;
    score_all(&app, &leader, &sheet, "0,5").await;
    post(&app, &leader, &format!("{sheet}/submit"), &format!("{sheet}/submit"), &[]).await.assert_status(303);
    let office = app.page_client(Some("noivu"), None).await;
    let campaign = format!("/reform/campaigns/{id}");
    post(&app, &office, &campaign, &format!("{campaign}/status"), &[("status", "appraising")]).await.assert_status(303);
    let why = "Chưa có báo cáo quý IV";
    let typed = [("appr:1.2", "0"), ("reason:1.2", why), ("then", "save")];
    post(&app, &office, &sheet, &sheet, &typed).await.assert_status(303);

    let first = get(&app, &office, &format!("{campaign}/audit")).await;
    first.assert_status(200);
    let ids = rows(&first);
    assert_eq!(ids.len(), 50, "a page holds 50 lines");
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    // The newest line: the appraisal, in words, with who, old → new and why.
    let newest = &first.body[first.body.find("data-audit=").unwrap()..];
    let newest = &newest[..newest.find("</tr>").unwrap()];
    for text in ["Thẩm định điểm", "Phường Thục Phán · 1.2 Thực hiện chế độ thông tin", "0,5 → 0", why]
    {
        assert!(newest.contains(text), "the newest line lacks {text:?}: {newest}");
    }
    first.assert_contains(&["Tự chấm điểm", "1 → 0,5", "— → 1", "Gửi tự đánh giá", "Chuyển trạng thái"]);
    // No machine keys, no bare ids.
    first.assert_lacks(&["entry.self_score", "campaign:", ">#"]);
    // The leader is named, with the unit.
    let leader_line = first.body.split("<tr data-audit=").find(|r| r.contains("Tự chấm điểm")).unwrap();
    assert!(leader_line.contains("<br><small>"), "the actor's unit: {leader_line}");

    // The next page: older lines only, down to the campaign's creation.
    let older = &first.body[first.body.find("?before=").unwrap() + 8..];
    let before: i64 = older[..older.find('"').unwrap()].parse().unwrap();
    assert_eq!(before, *ids.last().unwrap());
    let second = get(&app, &office, &format!("{campaign}/audit?before={before}")).await;
    let ids2 = rows(&second);
    assert!(!ids2.is_empty() && ids2.iter().all(|i| *i < before));
    second.assert_contains(&["Tạo đợt đánh giá", "← Mới nhất"]);

    // The campaign page shows the newest ten, in words, and the way to the rest.
    let page = get(&app, &office, &campaign).await;
    assert_eq!(rows(&page).len(), 10);
    page.assert_contains(&[&format!("href=\"{campaign}/audit\""), "Thẩm định điểm"]);
    let en = app.page_client(Some("noivu"), Some("en")).await;
    get(&app, &en, &format!("{campaign}/audit")).await.assert_contains(&["Appraised", "Self-scored", "0.5 → 0"]);
    // The log is the office's: a unit's leader does not get it.
    let r = get(&app, &leader, &format!("{campaign}/audit")).await;
    assert_eq!(r.status.as_u16(), 403);
});

/// Issues `count` links for the unit `code` through the API; their links.
async fn issue(app: &TestApp, design: &serde_json::Value, code: &str, count: u32) -> (i64, Vec<String>) {
    let token = app.login("noivu").await;
    let (_, units) = app.get(Some(&token), "/api/v1/units").await;
    let unit = units.as_array().unwrap().iter().find(|u| u["code"] == code).unwrap()["id"].as_i64().unwrap();
    let path = format!("/api/v1/reform/sipas/designs/{design}/tokens");
    let r = app
        .send(reqwest::Method::POST, Some(&token), &path, &serde_json::json!({"unit_id": unit, "count": count}))
        .await;
    let links =
        r.assert_status(201)["links"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect();
    (unit, links)
}

both_backends!(unused_survey_links_print_again_as_cards_with_qr_codes, |app| async move {
    let token = app.login("noivu").await;
    let (_, designs) = app.get(Some(&token), "/api/v1/reform/sipas/designs").await;
    let design = designs[0]["id"].clone();
    let (unit, links) = issue(&app, &design, "H11.101", 3).await;
    let (_, others) = issue(&app, &design, "H11.100", 2).await;
    // One link is answered: its card must never be printed again.
    let visitor = app.page_client(None, None).await;
    let answered = links[0].clone();
    post(&app, &visitor, &answered, &answered, &[("q0", "5")]).await.assert_status(200);

    let office = app.page_client(Some("noivu"), None).await;
    get(&app, &office, &format!("/reform/sipas/{design}")).await.assert_contains(&["id=\"cards-form\""]);
    let res = office.get(app.url(&format!("/reform/sipas/{design}/cards?unit_id={unit}"))).send().await.unwrap();
    assert_eq!(res.headers()["cache-control"], "private, no-store", "cards hold bearer links");
    let cards = Html::read(res).await;
    cards.assert_status(200);
    cards.assert_contains(&["data-cards=\"2\"", "Phường Nùng Trí Cao", "Quét mã QR"]);
    // Printed on A4, cards kept whole, the page's own controls left out.
    let css = &cards.body[cards.body.find("/static/reform-").unwrap()..];
    let css = &css[..css.find('"').unwrap()];
    let css = office.get(app.url(css)).send().await.unwrap().text().await.unwrap();
    for rule in ["@media print", "@page { size: A4", "break-inside: avoid", ".no-print"] {
        assert!(css.contains(rule), "the card sheet's print style lacks {rule}");
    }
    cards.assert_lacks(&[&answered]);
    assert_eq!(cards.body.matches("<article class=\"card-link\">").count(), 2);
    assert_eq!(cards.body.matches("<svg").count(), 2, "a QR code on each card");
    // The default address is where the page was opened (no public URL set).
    for link in &links[1..] {
        cards.assert_contains(&[&format!(
            "http://{}{link}",
            app.url("").trim_start_matches("http://").trim_end_matches('/')
        )]);
    }
    for link in &others {
        cards.assert_lacks(&[link]);
    }
    // The address is a setting of the sheet.
    let base = "https://dichvucong.caobang.gov.vn";
    let set = get(&app, &office, &format!("/reform/sipas/{design}/cards?unit_id={unit}&base={base}")).await;
    set.assert_contains(&[&format!("{base}{}", links[1])]);
    let bad =
        get(&app, &office, &format!("/reform/sipas/{design}/cards?unit_id={unit}&base=javascript:alert(1)")).await;
    bad.assert_status(422);
    bad.assert_contains(&["data-code=\"sipas_base_url_invalid\""]);
    bad.assert_lacks(&["<article class=\"card-link\">"]);

    // The office's only, for its own units.
    let leader = app.page_client(Some("lanhdao"), None).await;
    assert_eq!(get(&app, &leader, &format!("/reform/sipas/{design}/cards?unit_id={unit}")).await.status.as_u16(), 403);
    let elsewhere = app.page_client(Some("noivu.backan"), None).await;
    assert_eq!(
        get(&app, &elsewhere, &format!("/reform/sipas/{design}/cards?unit_id={unit}")).await.status.as_u16(),
        404
    );
    // A unit of another tree is refused, as if it did not exist.
    let bk = app.login("noivu.backan").await;
    let (_, bk_campaigns) = app.get(Some(&bk), "/api/v1/reform/campaigns").await;
    let (_, bk_campaign) = app.get(Some(&bk), &format!("/api/v1/reform/campaigns/{}", bk_campaigns[0]["id"])).await;
    let outside = bk_campaign["units"][0]["unit_id"].as_i64().unwrap();
    let r = get(&app, &office, &format!("/reform/sipas/{design}/cards?unit_id={outside}")).await;
    r.assert_status(422);
    r.assert_lacks(&["<article class=\"card-link\">"]);
});
