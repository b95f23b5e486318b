//! The reform pages over plain HTTP, as a browser without JavaScript uses
//! them: the demo rankings, a unit's self-assessment with evidence, the
//! appraisal that needs a reason, framework and CSV imports, the public
//! survey page, and who may open what.

use calamine::{Data, DataType, Reader};
use reqwest::Client;
use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::common::TestApp;
use crate::common::html::{Html, input_value};

pub(crate) async fn get(app: &TestApp, c: &Client, path: &str) -> Html {
    Html::read(c.get(app.url(path)).send().await.unwrap()).await
}

/// Posts a form with the CSRF token of the page at `from`.
pub(crate) async fn post(app: &TestApp, c: &Client, from: &str, to: &str, fields: &[(&str, &str)]) -> Html {
    let page = get(app, c, from).await;
    let csrf = input_value(&page.body, "_csrf").expect("a form with a CSRF token");
    let mut form: Vec<(&str, &str)> = vec![("_csrf", &csrf)];
    form.extend_from_slice(fields);
    Html::read(c.post(app.url(to)).form(&form).send().await.unwrap()).await
}

pub(crate) async fn campaign_id(app: &TestApp, user: &str, year: i64) -> i64 {
    let token = app.login(user).await;
    let (_, list) = app.get(Some(&token), "/api/v1/reform/campaigns").await;
    list.as_array().unwrap().iter().find(|c| c["year"] == year).unwrap()["id"].as_i64().unwrap()
}

pub(crate) async fn unit_id(app: &TestApp, user: &str, campaign: i64, code: &str) -> i64 {
    let token = app.login(user).await;
    let (_, c) = app.get(Some(&token), &format!("/api/v1/reform/campaigns/{campaign}")).await;
    c["units"].as_array().unwrap().iter().find(|u| u["code"] == code).unwrap()["unit_id"].as_i64().unwrap()
}

both_backends!(the_ranking_and_a_units_report_show_the_demo_results, |app| async move {
    let c = app.page_client(Some("noivu.backan"), None).await;
    let id = campaign_id(&app, "noivu.backan", 2022).await;
    get(&app, &c, "/reform").await.assert_contains(&[&format!("/reform/campaigns/{id}"), "Đã công bố"]);
    let r = get(&app, &c, &format!("/reform/campaigns/{id}/results")).await;
    r.assert_status(200);
    r.assert_contains(&[
        "data-unit=\"BK.NS\" data-rank=\"8\" data-index=\"70.56\"",
        "70,56",
        "Khá",
        "giảm 2 bậc",
        "So với kết quả năm 2021",
    ]);
    r.assert_contains(&["data-unit=\"BK.TP\" data-rank=\"1\" data-index=\"86.42\""]);
    let ngan_son = unit_id(&app, "noivu.backan", id, "BK.NS").await;
    let report = get(&app, &c, &format!("/reform/campaigns/{id}/units/{ngan_son}/report")).await;
    report.assert_contains(&["data-rank=\"8\"", "8/8", "<li data-area=\"8\">", "11,5 / 17"]);
    // The losses list starts with the worst area (8, then 3).
    let first = report.body.find("<li data-area=\"8\">").unwrap();
    assert!(first < report.body.find("<li data-area=\"3\">").unwrap());
    let en = app.page_client(Some("noivu.backan"), Some("en")).await;
    get(&app, &en, &format!("/reform/campaigns/{id}/results")).await.assert_contains(&["down 2 places", "70.56"]);

    let c = app.page_client(Some("noivu.sontay"), None).await;
    let id = campaign_id(&app, "noivu.sontay", 2017).await;
    let r = get(&app, &c, &format!("/reform/campaigns/{id}/results")).await;
    r.assert_contains(&[
        "data-unit=\"ST.XK\" data-rank=\"1\" data-index=\"91.00\"",
        "Nhóm A",
        "data-unit=\"ST.VS\" data-rank=\"7\"",
        "data-unit=\"ST.TST\" data-rank=\"7\"",
    ]);
});

both_backends!(the_ranking_downloads_as_excel_and_csv_and_the_report_draws_its_areas, |app| async move {
    let c = app.page_client(Some("noivu.backan"), None).await;
    let id = campaign_id(&app, "noivu.backan", 2022).await;
    let results = get(&app, &c, &format!("/reform/campaigns/{id}/results")).await;
    results.assert_contains(&[
        &format!("href=\"/reform/campaigns/{id}/results.xlsx\""),
        &format!("href=\"/reform/campaigns/{id}/results.csv\""),
        "Điểm trung bình theo lĩnh vực của 8 đơn vị",
        "<svg",
        "role=\"img\"",
        // Area 3 (Cải cách TTHC): Ngân Sơn is the lowest with 11,5 of 17.
        "Thấp nhất: 11,5 (Huyện Ngân Sơn)",
    ]);
    results.assert_lacks(&[" style=\""]);

    let xlsx = c.get(app.url(&format!("/reform/campaigns/{id}/results.xlsx"))).send().await.unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let disposition = xlsx.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;") && disposition.contains(&format!("chi-so-cchc-2022-{id}.xlsx")));
    let bytes = xlsx.bytes().await.unwrap().to_vec();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let cells = book.worksheet_range("Chỉ số CCHC").unwrap();
    let at = |r: u32, c: u32| cells.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let text = |r: u32, c: u32| at(r, c).to_string();
    let number = |r: u32, c: u32| at(r, c).as_f64().unwrap_or_else(|| panic!("({r}, {c}) is not a number"));
    let rows = cells.end().unwrap().0 + 1;
    let heading = (0..rows).find(|&r| text(r, 0) == "Xếp hạng").expect("the heading row");
    // Two heading rows: the areas' group above the area names.
    let sub = heading + 1;
    assert_eq!(text(heading, 3), "Điểm theo lĩnh vực");
    assert_eq!(text(sub, 3), "1. Công tác chỉ đạo, điều hành cải cách hành chính (14)");
    assert_eq!(text(sub, 5), "3. Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông (17)");
    assert_eq!(text(heading, 12), "Tổng điểm (100)");
    assert_eq!(text(heading, 13), "Chỉ số CCHC (%)");
    assert_eq!(text(heading, 15), "So với năm 2021");
    let ns = (0..rows).find(|&r| text(r, 1) == "BK.NS").expect("Ngân Sơn's row");
    assert_eq!(text(ns, 2), "Huyện Ngân Sơn");
    assert_eq!(number(ns, 0), 8.0);
    // The five published areas: 12/14, 11,5/17, 7/12, 5/10, 16,71/17,50.
    assert_eq!([3, 5, 7, 8, 9].map(|c| number(ns, c)), [12.0, 11.5, 7.0, 5.0, 16.71]);
    assert_eq!((number(ns, 12), number(ns, 13), text(ns, 14)), (70.56, 70.56, "Khá".to_owned()));
    assert_eq!((number(ns, 15), number(ns, 16)), (-2.0, -2.92));
    let first = (0..rows).find(|&r| text(r, 1) == "BK.TP").unwrap();
    assert_eq!((first, number(first, 0), number(first, 13)), (heading + 2, 1.0, 86.42));

    let csv = c.get(app.url(&format!("/reform/campaigns/{id}/results.csv"))).send().await.unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(records.len(), 9, "a heading and eight units");
    assert_eq!(
        records[0][..4],
        ["Xếp hạng", "Mã đơn vị", "Tên đơn vị", "1. Công tác chỉ đạo, điều hành cải cách hành chính (14)"]
    );
    assert_eq!(records[0][15], "Thứ hạng tăng (+), giảm (−) (So với năm 2021)");
    assert_eq!(
        records[8],
        [
            "8",
            "BK.NS",
            "Huyện Ngân Sơn",
            "12.00",
            "5.50",
            "11.50",
            "4.50",
            "7.00",
            "5.00",
            "16.71",
            "8.35",
            "0.00",
            "70.56",
            "70.56",
            "Khá",
            "-2",
            "-2.92"
        ]
    );

    let ngan_son = unit_id(&app, "noivu.backan", id, "BK.NS").await;
    let report = get(&app, &c, &format!("/reform/campaigns/{id}/units/{ngan_son}/report")).await;
    report.assert_contains(&[
        "<svg",
        "role=\"img\"",
        "Điểm theo lĩnh vực",
        "11,50 / 17",
        "16,71 / 17,5",
        "Trung bình 8 đơn vị:",
    ]);
    report.assert_lacks(&[" style=\""]);

    // The same access as the results page: another province's office
    // finds nothing.
    let cao_bang = app.page_client(Some("noivu"), None).await;
    let other = cao_bang.get(app.url(&format!("/reform/campaigns/{id}/results.xlsx"))).send().await.unwrap();
    assert_eq!(other.status(), 404);
});

/// The self-assessed items of a sheet, from the API.
pub(crate) async fn own_items(app: &TestApp, user: &str, sheet: &str) -> Vec<String> {
    let token = app.login(user).await;
    let (_, view) = app.get(Some(&token), &format!("/api/v1{sheet}")).await;
    let items = view["items"].as_array().unwrap().iter();
    items.filter(|i| i["filled_by"] == "unit").map(|i| i["code"].as_str().unwrap().to_owned()).collect()
}

async fn stored_self(app: &TestApp, user: &str, sheet: &str, code: &str) -> Option<f64> {
    let token = app.login(user).await;
    let (_, view) = app.get(Some(&token), &format!("/api/v1{sheet}")).await;
    let item = view["items"].as_array().unwrap().iter().find(|i| i["code"] == code).unwrap().clone();
    item["entry"]["input"]["self_score"].as_f64()
}

both_backends!(a_unit_scores_its_whole_sheet_in_one_save_and_submits_after_confirming, |app| async move {
    let id = campaign_id(&app, "noivu", 2026).await;
    let unit = unit_id(&app, "noivu", id, "H11.100").await;
    let sheet = format!("/reform/campaigns/{id}/units/{unit}");
    let leader = app.page_client(Some("lanhdao"), None).await;
    get(&app, &leader, "/reform").await.assert_contains(&[&format!("/reform/campaigns/{id}")]);
    get(&app, &leader, &format!("/reform/campaigns/{id}")).await.assert_contains(&[&sheet, "Chưa gửi"]);
    let page = get(&app, &leader, &sheet).await;
    // One form, one save button, the autosave script; no per-row forms.
    page.assert_contains(&["id=\"sheet-form\"", "name=\"self:1.2\"", "name=\"note:1.2\"", "/static/reform-sheet-"]);
    assert_eq!(page.body.matches("<form method=\"post\" action=\"").count(), 3, "logout, the sheet, evidence");

    // Two bad rows among good ones: both refused at once, nothing saved,
    // every typed value still there.
    let typed = [
        ("self:1.1.1", "1"),
        ("self:1.2", "9"),
        ("self:1.3", "abc"),
        ("self:1.4", "1,5"),
        ("note:1.4", "Đủ báo cáo quý"),
        ("then", "save"),
    ];
    let r = post(&app, &leader, &sheet, &sheet, &typed).await;
    r.assert_status(422);
    r.assert_contains(&[
        "data-rows=\"2\"",
        "href=\"#item-1.2\"",
        "href=\"#item-1.3\"",
        "value=\"9\"",
        "value=\"abc\"",
        "value=\"1,5\"",
        "Đủ báo cáo quý",
        "<tr id=\"item-1.2\" data-code=\"1.2\" class=\"row-refused\">",
        "<tr id=\"item-1.3\" data-code=\"1.3\" class=\"row-refused\">",
    ]);
    r.assert_lacks(&["<tr id=\"item-1.4\" data-code=\"1.4\" class=\"row-refused\">"]);
    assert_eq!(stored_self(&app, "lanhdao", &sheet, "1.1.1").await, None, "nothing half-saved");

    // The same sheet fixed: one save keeps every score, and says so.
    let fixed = [
        ("self:1.1.1", "1"),
        ("self:1.2", "1,5"),
        ("self:1.3", "2"),
        ("self:1.4", "1,5"),
        ("note:1.4", "Đủ báo cáo quý"),
        ("then", "save"),
    ];
    let r = post(&app, &leader, &sheet, &sheet, &fixed).await;
    assert_eq!((r.status.as_u16(), r.location()), (303, format!("{sheet}?done=rf-sheet-saved").as_str()));
    let saved = get(&app, &leader, &format!("{sheet}?done=rf-sheet-saved")).await;
    saved.assert_contains(&["Đã lưu phiếu chấm điểm.", "value=\"1,5\"", "Đủ báo cáo quý"]);
    for (code, want) in [("1.1.1", 1.0), ("1.2", 1.5), ("1.3", 2.0), ("1.4", 1.5)] {
        assert_eq!(stored_self(&app, "lanhdao", &sheet, code).await, Some(want), "{code}");
    }

    // A draft: kept as typed, shown again, discarded on request.
    let page = get(&app, &leader, &sheet).await;
    let csrf = input_value(&page.body, "_csrf").unwrap();
    let res = leader
        .post(app.url(&format!("{sheet}/draft")))
        .form(&[("_csrf", csrf.as_str()), ("self:1.5", "0,5"), ("note:1.5", "đang làm")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().starts_with("Đã lưu nháp lúc "), "{body}");
    get(&app, &leader, &sheet).await.assert_contains(&["id=\"draft-restored\"", "value=\"0,5\"", "đang làm"]);
    let r = post(&app, &leader, &sheet, &format!("{sheet}/draft/discard"), &[]).await;
    r.assert_status(303);
    get(&app, &leader, &sheet).await.assert_lacks(&["id=\"draft-restored\"", "value=\"0,5\""]);

    // Evidence: the type is told by the contents.
    let page = get(&app, &leader, &sheet).await;
    let csrf = input_value(&page.body, "_csrf").unwrap();
    let upload = |name: &'static str, data: &'static [u8]| {
        Form::new().text("_csrf", csrf.clone()).text("code", "1.2").part("file", Part::bytes(data).file_name(name))
    };
    let send = |form: Form| leader.post(app.url(&format!("{sheet}/evidence"))).multipart(form).send();
    let r = Html::read(send(upload("virus.exe", b"MZ\x90\x00")).await.unwrap()).await;
    r.assert_status(415);
    r.assert_contains(&["data-code=\"file_type_not_allowed\""]);
    let r = Html::read(send(upload("bao-cao.pdf", b"%PDF-1.4 bc")).await.unwrap()).await;
    assert_eq!((r.status.as_u16(), r.location()), (303, format!("{sheet}?done=rf-evidence-added#item-1.2").as_str()));
    get(&app, &leader, &sheet).await.assert_contains(&["bao-cao.pdf"]);

    // Submitting asks first, and names what is not scored yet.
    get(&app, &leader, &format!("{sheet}/submit")).await.assert_contains(&["id=\"missing-items\"", "#item-1.5"]);
    let mut all: Vec<(String, String)> =
        own_items(&app, "lanhdao", &sheet).await.into_iter().map(|c| (format!("self:{c}"), "1".into())).collect();
    all.push(("then".into(), "submit".into()));
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = post(&app, &leader, &sheet, &sheet, &all).await;
    assert_eq!((r.status.as_u16(), r.location()), (303, format!("{sheet}/submit?done=rf-sheet-saved").as_str()));
    let ask = get(&app, &leader, &format!("{sheet}/submit?done=rf-sheet-saved")).await;
    ask.assert_contains(&["Đã lưu phiếu chấm điểm.", "id=\"confirm-submit\"", "không sửa được"]);
    ask.assert_lacks(&["id=\"missing-items\""]);
    let r = post(&app, &leader, &format!("{sheet}/submit"), &format!("{sheet}/submit"), &[]).await;
    assert_eq!((r.status.as_u16(), r.location()), (303, format!("{sheet}?done=rf-submitted").as_str()));
    let done = get(&app, &leader, &format!("{sheet}?done=rf-submitted")).await;
    done.assert_contains(&[
        "<div class=\"alert alert-ok\" role=\"status\">Đã gửi tự đánh giá.</div>",
        "data-submitted=\"true\"",
    ]);
    done.assert_lacks(&["name=\"self:1.2\"", "id=\"sheet-form\" class"]);
    // Saving again after submission is refused on the page, not lost silently.
    let r = post(&app, &leader, &sheet, &sheet, &[("self:1.2", "0"), ("then", "save")]).await;
    r.assert_status(409);
    r.assert_contains(&["data-code=\"reform_already_submitted\""]);
});

both_backends!(the_office_appraises_in_one_save_with_a_reason_only_where_it_changes_a_score, |app| async move {
    let id = campaign_id(&app, "noivu", 2026).await;
    let unit = unit_id(&app, "noivu", id, "H11.100").await;
    let sheet = format!("/reform/campaigns/{id}/units/{unit}");
    let leader = app.page_client(Some("lanhdao"), None).await;
    let mut all: Vec<(String, String)> =
        own_items(&app, "lanhdao", &sheet).await.into_iter().map(|c| (format!("self:{c}"), "1".into())).collect();
    all.push(("then".into(), "save".into()));
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(&app, &leader, &sheet, &sheet, &all).await.assert_status(303);
    post(&app, &leader, &format!("{sheet}/submit"), &format!("{sheet}/submit"), &[]).await.assert_status(303);

    let office = app.page_client(Some("noivu"), None).await;
    let r = post(
        &app,
        &office,
        &format!("/reform/campaigns/{id}"),
        &format!("/reform/campaigns/{id}/status"),
        &[("status", "appraising")],
    )
    .await;
    r.assert_status(303);
    let page = get(&app, &office, &sheet).await;
    page.assert_contains(&["name=\"appr:1.2\"", "data-self=\"100\"", "data-reason-for=\"1.2\""]);
    // 1.1.1 keeps the unit's score (no reason), 1.2 changes it (a reason is
    // missing), 1.3 is above its maximum: two refusals, nothing written.
    let typed = [("appr:1.1.1", "1"), ("appr:1.2", "0,5"), ("appr:1.3", "7"), ("then", "save")];
    let r = post(&app, &office, &sheet, &sheet, &typed).await;
    r.assert_status(422);
    r.assert_contains(&[
        "data-rows=\"2\"",
        "<tr id=\"item-1.2\" data-code=\"1.2\" class=\"row-refused\">",
        "<tr id=\"item-1.3\" data-code=\"1.3\" class=\"row-refused\">",
        "value=\"0,5\"",
        "value=\"7\"",
    ]);
    r.assert_lacks(&["<tr id=\"item-1.1.1\" data-code=\"1.1.1\" class=\"row-refused\">"]);
    let why = "Báo cáo quý III gửi muộn";
    let typed = [("appr:1.1.1", "1"), ("appr:1.2", "0,5"), ("reason:1.2", why), ("appr:1.3", "1"), ("then", "save")];
    let r = post(&app, &office, &sheet, &sheet, &typed).await;
    assert_eq!((r.status.as_u16(), r.location()), (303, format!("{sheet}?done=rf-sheet-saved").as_str()));
    // "Agree" gives every blank row the unit's score: the sheet is then complete.
    let r = post(&app, &office, &sheet, &sheet, &[("then", "agree")]).await;
    r.assert_status(303);
    let seen = get(&app, &leader, &sheet).await;
    seen.assert_contains(&["<strong>0,5</strong>", why]);
    seen.assert_lacks(&["name=\"self:", "name=\"appr:"]);
    let token = app.login("noivu").await;
    let (_, audit) = app.get(Some(&token), &format!("/api/v1/reform/campaigns/{id}/audit")).await;
    let appraisals = audit.as_array().unwrap().iter().filter(|l| l["action"] == "entry.appraise").count();
    assert_eq!(appraisals, own_items(&app, "noivu", &sheet).await.len(), "one line per item, none repeated");
});

both_backends!(frameworks_and_published_results_are_imported_through_the_pages, |app| async move {
    let office = app.page_client(Some("noivu"), None).await;
    let prefilled = get(&app, &office, "/reform/frameworks?template=department").await;
    prefilled.assert_contains(&["par-department"]);
    let token = app.login("noivu").await;
    let (_, mut fw) = app.get(Some(&token), "/api/v1/reform/templates/department").await;
    fw["areas"][1]["max"] = json!(9);
    let bad = fw.to_string();
    let r = post(&app, &office, "/reform/frameworks", "/reform/frameworks", &[("json", &bad)]).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"par_max_sum_mismatch\"", "areas[1].max"]);
    fw["areas"][1]["max"] = json!(8);
    let r = post(&app, &office, "/reform/frameworks", "/reform/frameworks", &[("json", &fw.to_string())]).await;
    assert_eq!((r.status.as_u16(), r.location()), (303, "/reform/frameworks?done=rf-framework-saved"));
    get(&app, &office, "/reform/frameworks?done=rf-framework-saved")
        .await
        .assert_contains(&["data-framework=\"par-department-1\"", "Đã lưu phiên bản bộ tiêu chí"]);

    let csv = "year,unit_code,unit_name,par_index,rank\n2025,H11.100,Phường Thục Phán,101,1\n";
    let r = post(&app, &office, "/reform/frameworks", "/reform/published", &[("csv", csv)]).await;
    r.assert_status(422);
    r.assert_contains(&["data-code=\"par_csv_value\""]);
});

both_backends!(the_public_survey_page_takes_one_answer_per_link, |app| async move {
    let token = app.login("noivu").await;
    let (_, designs) = app.get(Some(&token), "/api/v1/reform/sipas/designs").await;
    let design = designs[0]["id"].clone();
    let (_, units) = app.get(Some(&token), "/api/v1/units").await;
    let unit = units.as_array().unwrap().iter().find(|u| u["code"] == "H11.101").unwrap()["id"].clone();
    let r = app
        .send(
            reqwest::Method::POST,
            Some(&token),
            &format!("/api/v1/reform/sipas/designs/{design}/tokens"),
            &json!({"unit_id": unit, "count": 1}),
        )
        .await;
    let link = r.assert_status(201)["links"][0].as_str().unwrap().to_owned();

    let visitor = app.page_client(None, None).await;
    let page = get(&app, &visitor, &link).await;
    page.assert_status(200);
    page.assert_contains(&["Phường Nùng Trí Cao", "name=\"q0\"", "Rất hài lòng"]);
    page.assert_lacks(&["name=\"name\"", "name=\"phone\""]);
    let r = post(&app, &visitor, &link, &link, &[("q0", "5"), ("q1", "4"), ("q2", "2")]).await;
    r.assert_status(200);
    r.assert_contains(&["data-answered=\"true\""]);
    get(&app, &visitor, &link).await.assert_contains(&["data-answered=\"true\""]);
    get(&app, &visitor, "/survey/not-a-token").await.assert_status(404);

    let office = app.page_client(Some("noivu"), None).await;
    let index = get(&app, &office, &format!("/reform/sipas/{design}?unit_id={unit}")).await;
    index.assert_contains(&["data-respondents=\"1\""]);
    let plan = get(&app, &office, "/reform/sipas?population=17337").await;
    plan.assert_contains(&["data-sample=\"391\""]);
});

both_backends!(reform_pages_are_closed_to_others, |app| async move {
    let citizen = app.page_client(Some("congdan"), None).await;
    get(&app, &citizen, "/reform").await.assert_status(403);
    let counter = app.page_client(Some("motcua"), None).await;
    get(&app, &counter, "/reform").await.assert_status(403);
    let anonymous = app.page_client(None, None).await;
    let r = get(&app, &anonymous, "/reform").await;
    assert_eq!((r.status.as_u16(), r.location()), (303, "/login?next=/reform"));
    let bk = campaign_id(&app, "noivu.backan", 2022).await;
    let cao_bang = app.page_client(Some("noivu"), None).await;
    get(&app, &cao_bang, &format!("/reform/campaigns/{bk}/results")).await.assert_status(404);
    let leader = app.page_client(Some("lanhdao"), None).await;
    get(&app, &leader, "/reform/frameworks").await.assert_status(403);
    let id = campaign_id(&app, "noivu", 2026).await;
    let other = unit_id(&app, "noivu", id, "H11.101").await;
    get(&app, &leader, &format!("/reform/campaigns/{id}/units/{other}")).await.assert_status(404);
});

both_backends!(per_dossier_evaluations_are_summarised_per_unit_and_officer, |app| async move {
    // A dossier received by `motcua`, returned, and rated by its citizen
    // through the look-up page.
    let counter = app.login("motcua").await;
    let specialist = app.login("chuyenvien").await;
    let leader = app.login("lanhdao").await;
    let code = app.counter_intake().await["code"].as_str().unwrap().to_owned();
    app.act_ok(&counter, &code, "forward", None).await;
    app.act_ok(&specialist, &code, "forward", None).await;
    app.act_ok(&leader, &code, "finish", None).await;
    app.act_ok(&counter, &code, "return_result", None).await;
    let citizen = app.page_client(None, None).await;
    let mut fields: Vec<(String, String)> =
        vec![("code".into(), code.clone()), ("check".into(), crate::common::CHECK.into())];
    for (i, s) in [2, 2, 1, 2, 0, 2, 2, 1, 2].iter().enumerate() {
        fields.push((format!("s{i}"), s.to_string()));
    }
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = post(&app, &citizen, "/lookup", "/lookup/rate", &refs).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "rating: {}", r.body);

    let office = app.page_client(Some("noivu"), None).await;
    let by_unit = get(&app, &office, "/reform/evaluations").await;
    by_unit.assert_contains(&["Phường Thục Phán", "data-count=\"1\"", "14 / 18"]);
    let by_officer = get(&app, &office, "/reform/evaluations?by=officer").await;
    by_officer.assert_contains(&["Nguyễn Thị Hoa", "data-count=\"1\""]);
    let token = app.login("noivu").await;
    let (_, api) = app.get(Some(&token), "/api/v1/reform/evaluations?by=officer").await;
    assert_eq!(
        (api["groups"][0]["summary"]["count"].as_i64(), api["bands_verified"].as_bool()),
        (Some(1), Some(false))
    );
    app.fetch(Some(&token), "/api/v1/reform/evaluations?by=day").await.assert_error(422, "invalid_choice", Some("by"));
    app.fetch(Some(&leader), "/api/v1/reform/evaluations").await.assert_error(403, "forbidden", None);
});
