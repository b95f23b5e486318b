//! The reform office's screens beyond the sheet: the audit log in words,
//! the framework form, the SIPAS card sheet, and who may open them.

use crate::common::TestApp;
use crate::common::html::{Html, unescape};
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

fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    Some(unescape(tag[start..].split('"').next()?))
}

/// The fields a browser would send for the form `id` (buttons aside).
fn form_fields(html: &str, id: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("id=\"{id}\"")).expect("the form");
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut out = Vec::new();
    let mut rest = form;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        if let Some(name) = attr(tag, "name") {
            if tag.starts_with("<input") {
                let kind = attr(tag, "type").unwrap_or_default();
                if kind == "checkbox" {
                    if tag.contains(" checked") {
                        out.push((name, "on".into()));
                    }
                } else {
                    out.push((name, attr(tag, "value").unwrap_or_default()));
                }
            } else if tag.starts_with("<textarea") {
                let body = &rest[end + 1..];
                out.push((name, unescape(&body[..body.find("</textarea>").unwrap()])));
            } else if tag.starts_with("<select") {
                let body = &rest[end + 1..rest.find("</select>").unwrap()];
                let chosen = body.split("<option").find(|o| o.contains(" selected")).or(body.split("<option").nth(1));
                out.push((name, chosen.and_then(|o| attr(o, "value")).unwrap_or_default()));
            }
        }
        rest = &rest[1..];
    }
    out
}

both_backends!(the_framework_form_saves_what_the_json_export_holds, |app| async move {
    let token = app.login("noivu").await;
    let (_, list) = app.get(Some(&token), "/api/v1/reform/frameworks").await;
    let id = list[0]["id"].as_i64().unwrap();
    let (_, original) = app.get(Some(&token), &format!("/api/v1/reform/frameworks/{id}")).await;
    let office = app.page_client(Some("noivu"), None).await;
    let page = get(&app, &office, &format!("/reform/frameworks/{id}/form")).await;
    page.assert_status(200);
    page.assert_lacks(&["chưa khớp"]);
    let mut fields = form_fields(&page.body, "fw-form");
    assert!(fields.iter().any(|(k, _)| k == "a0.c0.code"), "a row per criterion");

    // A maximum that does not add up shows beside the area, and cannot be saved.
    let set = |fields: &mut Vec<(String, String)>, name: &str, value: &str| {
        fields.iter_mut().find(|(k, _)| k == name).unwrap().1 = value.to_owned();
    };
    let mut wrong = fields.clone();
    set(&mut wrong, "a0.max", "99");
    let send = |f: &Vec<(String, String)>, op: &str| {
        let mut f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        f.push(("op", op));
        f.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect::<Vec<_>>()
    };
    let form = send(&wrong, "check");
    let pairs: Vec<(&str, &str)> =
        form.iter().filter(|(k, _)| k != "_csrf").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let checked =
        post(&app, &office, &format!("/reform/frameworks/{id}/form"), "/reform/frameworks/form", &pairs).await;
    checked.assert_status(200);
    checked.assert_contains(&["fw-sum bad\" data-sum-for=\"a0.max\"", "chưa khớp", "value=\"99\""]);
    let form = send(&wrong, "save");
    let pairs: Vec<(&str, &str)> =
        form.iter().filter(|(k, _)| k != "_csrf").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let refused =
        post(&app, &office, &format!("/reform/frameworks/{id}/form"), "/reform/frameworks/form", &pairs).await;
    refused.assert_status(422);
    refused.assert_contains(&[
        "data-code=\"par_max_sum_mismatch\"",
        "name=\"a0.max\" value=\"99\" size=\"5\" aria-invalid=\"true\"",
    ]);

    // Adding a row needs no script: the form comes back with it.
    let form = send(&fields, "add-area");
    let pairs: Vec<(&str, &str)> =
        form.iter().filter(|(k, _)| k != "_csrf").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let areas = original["areas"].as_array().unwrap().len();
    let added = post(&app, &office, &format!("/reform/frameworks/{id}/form"), "/reform/frameworks/form", &pairs).await;
    added.assert_contains(&[&format!("name=\"a{areas}.code\"")]);

    // Saved unchanged, the new version is the export's JSON, version + 1.
    fields.retain(|(k, _)| k != "_csrf");
    let form = send(&fields, "save");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = post(&app, &office, &format!("/reform/frameworks/{id}/form"), "/reform/frameworks/form", &pairs).await;
    assert_eq!((saved.status.as_u16(), saved.location()), (303, "/reform/frameworks?done=rf-framework-saved"));
    let (_, list) = app.get(Some(&token), "/api/v1/reform/frameworks").await;
    let new = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == original["code"] && f["version"] == original["version"].as_i64().unwrap() + 1)
        .expect("the new version");
    let (_, copy) = app.get(Some(&token), &format!("/api/v1/reform/frameworks/{}", new["id"])).await;
    let mut expected = original.clone();
    expected["version"] = (original["version"].as_i64().unwrap() + 1).into();
    assert_eq!(copy, expected, "the form round-trips to the same JSON");
    // The office's only.
    let leader = app.page_client(Some("lanhdao"), None).await;
    assert_eq!(get(&app, &leader, &format!("/reform/frameworks/{id}/form")).await.status.as_u16(), 403);
});

both_backends!(publishing_the_results_asks_first_and_only_the_answer_publishes, |app| async move {
    let id = campaign_id(&app, "noivu", 2026).await;
    let office = app.page_client(Some("noivu"), None).await;
    let campaign = format!("/reform/campaigns/{id}");
    post(&app, &office, &campaign, &format!("{campaign}/status"), &[("status", "appraising")]).await.assert_status(303);
    // The first press asks; nothing is published yet.
    let asked = post(&app, &office, &campaign, &format!("{campaign}/status"), &[("status", "published")]).await;
    asked.assert_status(200);
    asked.assert_contains(&[
        "Xác nhận công bố kết quả",
        "không ai sửa được điểm nữa",
        "name=\"confirm\" value=\"yes\"",
    ]);
    get(&app, &office, &campaign).await.assert_contains(&["data-status=\"appraising\""]);
    // With the answer, the publication is attempted: here the rules refuse
    // it, since no unit's sheet is complete, and say why on the page.
    let tried =
        post(&app, &office, &campaign, &format!("{campaign}/status"), &[("status", "published"), ("confirm", "yes")])
            .await;
    tried.assert_status(422);
    tried.assert_contains(&["data-code=\"par_entry_missing\""]);
    get(&app, &office, &campaign).await.assert_contains(&["data-status=\"appraising\""]);
});
