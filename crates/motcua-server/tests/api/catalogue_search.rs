//! The catalogue search as citizens use it (docs/catalogue-search.md): the
//! phrases they really type, each with the procedure it must find first;
//! the count; the administrator's synonym list, through the API and its
//! page.

use serde_json::{Value, json};

use crate::common::TestApp;
use crate::common::html::{Html, input_value};

/// What citizens type, with the demo procedure each must rank first
/// (`tests/data/citizen_phrases.tsv`).
fn phrases() -> Vec<(&'static str, &'static str)> {
    include_str!("../data/citizen_phrases.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').expect("phrase<TAB>code"))
        .collect()
}

async fn first(app: &TestApp, q: &str) -> (Option<String>, Value) {
    let path = format!("/api/v1/procedures?q={}&limit=5", urlencoding(q));
    let (s, page) = app.get(None, &path).await;
    assert_eq!(s, 200, "{q}: {page:#}");
    (page["items"][0]["code"].as_str().map(str::to_owned), page)
}

fn urlencoding(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

both_backends!(citizens_phrases_find_their_procedure_first, |app| async move {
    let phrases = phrases();
    assert!(phrases.len() >= 30);
    let mut misses = Vec::new();
    for (q, want) in &phrases {
        let (got, page) = first(&app, q).await;
        if got.as_deref() != Some(*want) {
            let names: Vec<&str> =
                page["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
            misses.push(format!("{q:?}: want {want}, got {names:?}"));
        }
    }
    let hit_rate = 1.0 - misses.len() as f64 / phrases.len() as f64;
    println!(
        "catalogue search: {} of {} phrases rank the right procedure first",
        phrases.len() - misses.len(),
        phrases.len()
    );
    for m in &misses {
        println!("  miss {m}");
    }
    assert!(hit_rate >= 0.9, "{:.0}% first; misses:\n{}", hit_rate * 100.0, misses.join("\n"));
});

both_backends!(results_have_a_count_and_a_notice_when_only_some_words_match, |app| async move {
    let (_, page) = first(&app, "dang ky").await;
    let total = page["total"].as_u64().unwrap();
    assert!(total >= 10, "every 'đăng ký' procedure: {page:#}");
    assert_eq!(page["all_words"], true);
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    assert_eq!(page["next_cursor"], "r5", "ranked pages go on by position");

    // The next ranked page continues without repeats.
    let (_, next) = app.get(None, "/api/v1/procedures?q=dang%20ky&limit=5&cursor=r5").await;
    let codes = |p: &Value| -> Vec<String> {
        p["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap().to_owned()).collect()
    };
    assert!(codes(&next).iter().all(|c| !codes(&page).contains(c)));

    // No procedure has every word: those with some of them, said so.
    let (code, page) = first(&app, "chứng thực hợp đồng mua bán xe máy").await;
    assert_eq!(code.as_deref(), Some("2.001035"));
    assert_eq!(page["all_words"], false);
    // Filler alone must match whole, and punctuation finds nothing.
    let (_, page) = first(&app, "không có thủ tục này").await;
    assert_eq!(page["total"], 0);
    let (_, page) = first(&app, "?!").await;
    assert_eq!(page["total"], 0);

    // The whole catalogue without words, counted.
    let (_, all) = app.get(None, "/api/v1/procedures?limit=5").await;
    assert_eq!(all["total"], 30);

    // The home page says how many, in both languages.
    let vi = app.page_client(None, None).await;
    let html = Html::read(vi.get(app.url("/?q=dang+ki+ket+hon")).send().await.unwrap()).await;
    html.assert_contains(&["Tìm thấy 1 thủ tục", "href=\"/procedures/1.000894\""]);
    let html = Html::read(vi.get(app.url("/?q=chung+thuc+hop+dong+mua+ban+xe")).send().await.unwrap()).await;
    html.assert_contains(&["Không có thủ tục nào chứa mọi từ đã gõ"]);
    let en = app.page_client(None, Some("en")).await;
    let html = Html::read(en.get(app.url("/?q=so+do")).send().await.unwrap()).await;
    html.assert_contains(&["Procedures found: 3", "href=\"/procedures/1.004227\""]);
});

both_backends!(the_province_administrator_edits_the_synonyms, |app| async move {
    let admin = app.login("admin").await;
    let commune_admin = app.login("quantri.xa").await;

    // The shipped list: everyday names, readable by any administrator.
    let (s, list) = app.get(Some(&commune_admin), "/api/v1/catalogue/synonyms").await;
    assert_eq!(s, 200, "{list:#}");
    assert!(list["text"].as_str().unwrap().contains("sổ đỏ"), "{list:#}");
    assert!(list["updated_by"].is_null());
    app.fetch(None, "/api/v1/catalogue/synonyms").await.assert_error(401, "unauthenticated", None);

    // Only the province's administrator changes it.
    let body = json!({"text": "giấy báo tử, khai tử"});
    let r = app.send(reqwest::Method::PUT, Some(&commune_admin), "/api/v1/catalogue/synonyms", &body).await;
    r.assert_error(403, "province_admin_only", None);

    // A bad line is refused with its number, and nothing changes.
    let bad = json!({"text": "sổ đỏ, quyền sử dụng đất\nchỉ một cụm"});
    let r = app.send(reqwest::Method::PUT, Some(&admin), "/api/v1/catalogue/synonyms", &bad).await;
    r.assert_error(422, "synonym_line_invalid", Some("synonyms"));
    assert!(r.body["error"]["message_vi"].as_str().unwrap().contains("Dòng 2"), "{:#}", r.body);
    let (code, _) = first(&app, "so do lan dau").await;
    assert_eq!(code.as_deref(), Some("1.004227"), "the old list still applies");

    // A new everyday name takes effect on the next search.
    let (code, _) = first(&app, "giay ra truong").await;
    assert_ne!(code.as_deref(), Some("1.005142"));
    let body = json!({"text": "giấy ra trường, văn bằng\nsổ đỏ, quyền sử dụng đất, đất đai"});
    let r = app.send(reqwest::Method::PUT, Some(&admin), "/api/v1/catalogue/synonyms", &body).await;
    let saved = r.assert_status(200);
    assert_eq!(saved["groups"], 2);
    assert!(saved["updated_by"].is_string() && saved["updated_at"].as_str().unwrap().ends_with("+07:00"), "{saved:#}");
    let (code, _) = first(&app, "giay ra truong").await;
    assert_eq!(code.as_deref(), Some("1.005142"));
    let (code, _) = first(&app, "nhap ho khau").await;
    assert_ne!(code.as_deref(), Some("1.004222"), "a group taken out no longer applies");
});

both_backends!(the_synonyms_page_lists_every_bad_line_and_tries_a_query, |app| async move {
    for (lang, texts) in [
        (None, ["Từ đồng nghĩa khi tìm thủ tục", "Dòng 2:", "Dòng 4:", "Đăng ký đất đai"]),
        (Some("en"), ["Synonyms for the catalogue search", "Line 2:", "Line 4:", "Đăng ký đất đai"]),
    ] {
        let admin = app.page_client(Some("admin"), lang).await;
        let page = Html::read(admin.get(app.url("/admin/synonyms?try=lam+so+do+lan+dau")).send().await.unwrap()).await;
        let token = input_value(page.assert_status(200), "_csrf").unwrap();
        page.assert_contains(&[texts[0], texts[3], "so do | so hong"]);
        // Every bad line at once, what was typed kept.
        let typed = "sổ đỏ, đất đai\nmột\nkhai tử, báo tử\n, ,";
        let res = admin
            .post(app.url("/admin/synonyms"))
            .form(&[("_csrf", token.as_str()), ("text", typed)])
            .send()
            .await
            .unwrap();
        let page = Html::read(res).await;
        page.assert_status(422);
        page.assert_contains(&[texts[1], texts[2], "aria-invalid=\"true\"", "khai tử, báo tử"]);
    }
    // Saved, then shown with a notice.
    let admin = app.page_client(Some("admin"), None).await;
    let page = Html::read(admin.get(app.url("/admin/synonyms")).send().await.unwrap()).await;
    let token = input_value(&page.body, "_csrf").unwrap();
    let res = admin
        .post(app.url("/admin/synonyms"))
        .form(&[("_csrf", token.as_str()), ("text", "sổ đỏ, đất đai\nkhai tử, báo tử")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "saved, then back to the page");
    let page = Html::read(admin.get(app.url("/admin/synonyms?done=adm-synonyms-saved")).send().await.unwrap()).await;
    page.assert_contains(&["Đã lưu danh sách từ đồng nghĩa", "2 nhóm"]);

    // A commune administrator reads it without a save button.
    let commune = app.page_client(Some("quantri.xa"), None).await;
    let page = Html::read(commune.get(app.url("/admin/synonyms")).send().await.unwrap()).await;
    page.assert_status(200);
    page.assert_contains(&["readonly", "Chỉ quản trị viên cấp tỉnh"]);
});
