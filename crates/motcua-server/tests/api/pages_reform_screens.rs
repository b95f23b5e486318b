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
